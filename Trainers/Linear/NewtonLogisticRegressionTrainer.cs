using MathNet.Numerics.LinearAlgebra;
using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Linear;

/// <summary>Which Hessian a Newton step uses: the full XᵀWX/n + λI, or only its diagonal (a cheap, scale-aware
/// gradient step that needs a smaller step size on correlated features).</summary>
public enum NewtonHessian
{
    Exact,
    Diagonal,
}

/// <summary>Options of <see cref="NewtonLogisticRegressionTrainer"/>. The objective is
/// mean(log-loss) + λ/2·‖w‖² (bias unpenalized); scikit-learn's C corresponds to λ = 1/(C·n).</summary>
public sealed record NewtonLogisticRegressionOptions : TrainerOptionsBase
{
    public string LabelColumnName { get; init; } = "Label";
    public string FeatureColumnName { get; init; } = "Features";
    public NewtonHessian Hessian { get; init; } = NewtonHessian.Exact;
    public double StepSize { get; init; } = 1;
    public int MaximumIterations { get; init; } = 20;

    /// <summary>Stops when the largest component of a step falls below this.</summary>
    public double Tolerance { get; init; } = 1e-6;
    public double L2Regularization { get; init; }

    /// <exception cref="ArgumentException">An empty column name or an option out of range (named in the message).</exception>
    public NewtonLogisticRegressionOptions Validate()
    {
        const string owner = NewtonLogisticRegressionTrainer.Name;
        OptionChecks.NotEmpty(owner, nameof(LabelColumnName), LabelColumnName);
        OptionChecks.NotEmpty(owner, nameof(FeatureColumnName), FeatureColumnName);
        if (!Enum.IsDefined(Hessian))
        {
            throw new ArgumentOutOfRangeException(nameof(Hessian), Hessian, $"The '{nameof(Hessian)}' option of {owner} must be Exact or Diagonal. Got {(int)Hessian}.");
        }
        OptionChecks.InRange(owner, nameof(StepSize), StepSize, 0, double.PositiveInfinity, minInclusive: false, maxInclusive: false);
        OptionChecks.InRange(owner, nameof(MaximumIterations), MaximumIterations, 1);
        OptionChecks.InRange(owner, nameof(Tolerance), Tolerance, 0, double.PositiveInfinity, maxInclusive: false);
        OptionChecks.InRange(owner, nameof(L2Regularization), L2Regularization, 0, double.PositiveInfinity, maxInclusive: false);
        return this;
    }
}

/// <summary>
/// Binary logistic regression by Newton's method (IRLS) on θ = [w; b] with the augmented design A = [X, 1]:
/// p = σ(Aθ), g = Aᵀ(p − y)/n + λ[w; 0], H = AᵀWA/n + λ[I 0; 0 0] with W = diag(p(1 − p));
/// θ ← θ − stepSize·H⁻¹g solved by Cholesky (Diagonal: g ./ diag(H)). Labels are Boolean (true = 1).
/// Reports train loss and accuracy per iteration.
/// </summary>
public sealed class NewtonLogisticRegressionTrainer(NewtonLogisticRegressionOptions options) : ITrainableEstimator<LogisticRegressionTransformer>
{
    public const string Name = "NewtonLogisticRegression";

    public NewtonLogisticRegressionOptions Options { get; } = options.Validate();

    public LogisticRegressionTransformer Fit(IDataView input) => Fit(input, Options.ToTrainingContext());

    public LogisticRegressionTransformer Fit(IDataView input, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var view = InMemoryDataView.From(input);
        var (x, n, d) = TrainingData.Features(view, Name, Options.FeatureColumnName);
        var labels = TrainingData.Scalars<bool>(view, Name, Options.LabelColumnName, ColumnRequirement.Exactly(BooleanDataViewType.Instance));
        TrainingData.CheckFinite(Name, Options.FeatureColumnName, x, n);
        int p = d + 1;
        var theta = new double[p];
        var loss = new List<double>();
        var accuracy = new List<double>();
        var g = Vector<double>.Build.Dense(p);
        var h = Matrix<double>.Build.Dense(p, p);
        int maxIter = Options.MaximumIterations;
        for (int iteration = 1; iteration <= maxIter; iteration++)
        {
            context.ThrowIfCancellationRequested();
            g.Clear();
            h.Clear();
            double lossSum = 0;
            int correct = 0;
            for (int i = 0; i < n; i++)
            {
                var row = x.AsSpan(i * d, d);
                double z = theta[d];
                for (int j = 0; j < d; j++) { z += theta[j] * row[j]; }
                double yi = labels[i] ? 1 : 0;
                double pi = LogisticMath.Sigmoid(z);
                lossSum += LogisticMath.LogLoss(z, labels[i]);
                correct += (z >= 0) == labels[i] ? 1 : 0;
                double r = pi - yi, wi = pi * (1 - pi);
                for (int j = 0; j < p; j++)
                {
                    double aj = j < d ? row[j] : 1;
                    g[j] += r * aj;
                    if (Options.Hessian == NewtonHessian.Diagonal)
                    {
                        h[j, j] += wi * aj * aj;
                        continue;
                    }
                    for (int k = 0; k <= j; k++)
                    {
                        h[j, k] += wi * aj * (k < d ? row[k] : 1);
                    }
                }
            }

            double penalty = 0;
            for (int j = 0; j < p; j++)
            {
                g[j] /= n;
                for (int k = 0; k <= j; k++)
                {
                    h[j, k] /= n;
                    h[k, j] = h[j, k];
                }
                if (j < d)
                {
                    g[j] += Options.L2Regularization * theta[j];
                    h[j, j] += Options.L2Regularization;
                    penalty += theta[j] * theta[j];
                }
            }
            loss.Add(lossSum / n + Options.L2Regularization / 2 * penalty);
            accuracy.Add((double)correct / n);
            context.Report(iteration, maxIter, 0, 1, new Dictionary<string, double> { ["loss"] = loss[^1], ["accuracy"] = accuracy[^1] });
            if (g.AbsoluteMaximum() == 0)
            {
                break;
            }
            var step = Options.Hessian == NewtonHessian.Exact ? SolveExact(h, g) : g.PointwiseDivide(h.Diagonal());
            for (int j = 0; j < p; j++) { theta[j] -= Options.StepSize * step[j]; }
            if (!theta.All(double.IsFinite))
            {
                throw new InvalidOperationException(
                    $"{Name}: the coefficients diverged at iteration {iteration} with the {Options.Hessian} Hessian; lower StepSize (got {Options.StepSize}) or set L2Regularization > 0.");
            }
            // The step, not the gradient, measures the distance to the optimum: with λ small, a tiny gradient can
            // still leave coefficients far off along weakly curved directions.
            if (Options.StepSize * step.AbsoluteMaximum() < Options.Tolerance)
            {
                break;
            }
        }

        return new LogisticRegressionTransformer(new LogisticRegressionModelOptions(Options.FeatureColumnName, Name),
            theta[..d], theta[d], [.. loss], [.. accuracy]);
    }

    private Vector<double> SolveExact(Matrix<double> h, Vector<double> g)
    {
        try
        {
            var step = h.Cholesky().Solve(g);
            if (step.All(double.IsFinite))
            {
                return step;
            }
        }
        catch (ArgumentException)
        {
            // MathNet reports a matrix that is not positive definite this way; handled below.
        }
        throw new InvalidOperationException(
            $"{Name}: the Hessian XᵀWX/n + λI is singular or not positive definite (separable data, collinear features, or saturated probabilities) " +
            $"with L2Regularization = {Options.L2Regularization}; set L2Regularization > 0.");
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.SingleVector.Check(inputSchema, Name, Options.FeatureColumnName);
        ColumnRequirement.Exactly(BooleanDataViewType.Instance).Check(inputSchema, Name, Options.LabelColumnName);
        return TrainingData.WithOutputs(inputSchema, LogisticRegressionTransformer.Outputs);
    }
}

/// <summary>Numerically safe logistic functions (no overflow for any finite logit).</summary>
public static class LogisticMath
{
    /// <summary>σ(z) = 1/(1 + e^−z), evaluated through e^−|z| so the exponential never overflows.</summary>
    public static double Sigmoid(double z)
    {
        double e = Math.Exp(-Math.Abs(z));
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /// <summary>−log σ(z) for a positive label, −log(1 − σ(z)) for a negative one, as softplus(z) − y·z with
    /// softplus(z) = max(z, 0) + log1p(e^−|z|).</summary>
    public static double LogLoss(double z, bool label)
    {
        double softplus = Math.Max(z, 0) + LogOnePlus(Math.Exp(-Math.Abs(z)));
        return label ? softplus - z : softplus;
    }

    /// <summary>log(1 + x) accurate for small x (.NET has no Math.Log1P).</summary>
    public static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
