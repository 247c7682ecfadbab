using MathNet.Numerics.LinearAlgebra;
using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Linear;

/// <summary>Options of <see cref="OlsTrainer"/>. <see cref="L2Regularization"/> λ adds λ‖w‖² to the squared
/// error sum (ridge; the intercept is not penalized).</summary>
public sealed record OlsOptions
{
    public string LabelColumnName { get; init; } = "Label";
    public string FeatureColumnName { get; init; } = "Features";
    public string ScoreColumnName { get; init; } = "Score";
    public double L2Regularization { get; init; }

    /// <exception cref="ArgumentException">An empty column name or a negative or non-finite λ.</exception>
    public OlsOptions Validate()
    {
        OptionChecks.NotEmpty(OlsTrainer.Name, nameof(LabelColumnName), LabelColumnName);
        OptionChecks.NotEmpty(OlsTrainer.Name, nameof(FeatureColumnName), FeatureColumnName);
        OptionChecks.NotEmpty(OlsTrainer.Name, nameof(ScoreColumnName), ScoreColumnName);
        OptionChecks.InRange(OlsTrainer.Name, nameof(L2Regularization), L2Regularization, 0, double.PositiveInfinity, maxInclusive: false);
        return this;
    }
}

/// <summary>
/// Ordinary least squares with intercept in closed form: with centred X and y, w solves
/// min ‖Xc w − yc‖² + λ‖w‖² and b = ȳ − x̄·w. λ = 0: Householder QR of Xc (never the normal-equation inverse);
/// λ &gt; 0: Cholesky of XcᵀXc + λI. Computed in double with MathNet.Numerics.
/// </summary>
/// <exception cref="InvalidOperationException">From Fit: λ = 0 and the centred design is rank deficient (names the rank
/// and the feature count and suggests L2Regularization), or no rows.</exception>
public sealed class OlsTrainer(OlsOptions options) : IEstimator<LinearRegressionTransformer>
{
    public const string Name = "Ols";

    public OlsOptions Options { get; } = options.Validate();

    public LinearRegressionTransformer Fit(IDataView input)
    {
        var view = InMemoryDataView.From(input);
        var (x, n, d) = TrainingData.Features(view, Name, Options.FeatureColumnName);
        var y = TrainingData.Scalars<float>(view, Name, Options.LabelColumnName, ColumnRequirement.Exactly(NumberDataViewType.Single));
        TrainingData.CheckFinite(Name, Options.FeatureColumnName, x, n);
        TrainingData.CheckFinite(Name, Options.LabelColumnName, y, n);
        var (weights, bias) = Solve(x, y, n, d, Options.L2Regularization);
        return new LinearRegressionTransformer(new LinearRegressionModelOptions(Options.FeatureColumnName, Name, Options.ScoreColumnName), weights, bias);
    }

    /// <summary>The least-squares weights and intercept of row-major <paramref name="x"/> [n × d].</summary>
    internal static (double[] Weights, double Bias) Solve(float[] x, float[] y, int n, int d, double l2)
    {
        var mean = new double[d];
        double yMean = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) { mean[j] += x[i * d + j]; }
            yMean += y[i];
        }
        for (int j = 0; j < d; j++) { mean[j] /= n; }
        yMean /= n;
        var a = Matrix<double>.Build.Dense(n, d, (i, j) => x[i * d + j] - mean[j]);
        var b = Vector<double>.Build.Dense(n, i => y[i] - yMean);
        Vector<double> w;
        if (l2 > 0)
        {
            var gram = a.TransposeThisAndMultiply(a) + Matrix<double>.Build.DenseIdentity(d) * l2;
            w = gram.Cholesky().Solve(a.TransposeThisAndMultiply(b));
        }
        else
        {
            CheckFullRank(a, n, d);
            w = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Solve(b);
        }
        var weights = w.ToArray();
        double bias = yMean;
        for (int j = 0; j < d; j++) { bias -= weights[j] * mean[j]; }
        return (weights, bias);
    }

    /// <summary>Rank of the centred design by SVD, with NumPy's matrix_rank tolerance σmax·max(n, d)·ε.</summary>
    private static void CheckFullRank(Matrix<double> a, int n, int d)
    {
        var s = a.Svd(computeVectors: false).S;
        double tol = s.Maximum() * Math.Max(n, d) * 2.220446049250313e-16;
        int rank = s.Count(v => v > tol);
        if (rank < d)
        {
            throw new InvalidOperationException(
                $"{Name}: the centred design matrix has rank {rank} but {d} features (collinear or constant features, or fewer rows than features + 1 = {n} rows); " +
                "least squares has no unique solution. Set l2Regularization > 0 (ridge) or remove redundant features.");
        }
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.SingleVector.Check(inputSchema, Name, Options.FeatureColumnName);
        ColumnRequirement.Exactly(NumberDataViewType.Single).Check(inputSchema, Name, Options.LabelColumnName);
        return TrainingData.WithOutputs(inputSchema, (Options.ScoreColumnName, NumberDataViewType.Single));
    }
}
