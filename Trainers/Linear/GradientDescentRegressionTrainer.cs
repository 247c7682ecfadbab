using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Linear;

/// <summary>Options of <see cref="GradientDescentRegressionTrainer"/>. <see cref="BatchSize"/> null means full batch;
/// mini-batches visit the rows in an order shuffled each epoch from <see cref="Seed"/>.</summary>
public sealed record GradientDescentRegressionOptions : TrainerOptionsBase
{
    public string LabelColumnName { get; init; } = "Label";
    public string FeatureColumnName { get; init; } = "Features";
    public string ScoreColumnName { get; init; } = "Score";
    public int Epochs { get; init; } = 100;
    public double LearningRate { get; init; } = 0.1;
    public bool Standardize { get; init; } = true;
    public int? BatchSize { get; init; }
    public int Seed { get; init; }

    /// <exception cref="ArgumentException">An empty column name or an option out of range (named in the message).</exception>
    public GradientDescentRegressionOptions Validate()
    {
        const string owner = GradientDescentRegressionTrainer.Name;
        OptionChecks.NotEmpty(owner, nameof(LabelColumnName), LabelColumnName);
        OptionChecks.NotEmpty(owner, nameof(FeatureColumnName), FeatureColumnName);
        OptionChecks.NotEmpty(owner, nameof(ScoreColumnName), ScoreColumnName);
        OptionChecks.InRange(owner, nameof(Epochs), Epochs, 1);
        OptionChecks.InRange(owner, nameof(LearningRate), LearningRate, 0, double.PositiveInfinity, minInclusive: false, maxInclusive: false);
        if (BatchSize is int b)
        {
            OptionChecks.InRange(owner, nameof(BatchSize), b, 1);
        }
        return this;
    }
}

/// <summary>
/// Linear regression by (mini-)batch gradient descent on the mean squared error L = mean((w·x + b − y)²):
/// ∇w = 2/m·Xᵀr, ∂b = 2/m·Σr per batch. With <see cref="GradientDescentRegressionOptions.Standardize"/> the features
/// are standardized with training statistics (σ = 0 → 1) and the learned weights are folded back (w/σ,
/// b − Σ w·μ/σ), so the model reads raw features. Reports the training MSE after every epoch.
/// </summary>
public sealed class GradientDescentRegressionTrainer(GradientDescentRegressionOptions options) : ITrainableEstimator<LinearRegressionTransformer>
{
    public const string Name = "GradientDescent";

    public GradientDescentRegressionOptions Options { get; } = options.Validate();

    public LinearRegressionTransformer Fit(IDataView input) => Fit(input, Options.ToTrainingContext());

    public LinearRegressionTransformer Fit(IDataView input, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var view = InMemoryDataView.From(input);
        var (x, n, d) = TrainingData.Features(view, Name, Options.FeatureColumnName);
        var y = TrainingData.Scalars<float>(view, Name, Options.LabelColumnName, ColumnRequirement.Exactly(NumberDataViewType.Single));
        TrainingData.CheckFinite(Name, Options.FeatureColumnName, x, n);
        TrainingData.CheckFinite(Name, Options.LabelColumnName, y, n);
        var (mu, sigma) = Options.Standardize ? Statistics(x, n, d) : (new double[d], Enumerable.Repeat(1.0, d).ToArray());
        var z = new double[(long)n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) { z[i * d + j] = (x[i * d + j] - mu[j]) / sigma[j]; }
        }

        var w = new double[d];
        double b = 0;
        var grad = new double[d];
        var residual = new double[n];
        int batch = Math.Min(Options.BatchSize ?? n, n);
        int batches = (n + batch - 1) / batch;
        var generator = new MlNetDl.Tensors.Generator(Options.Seed);
        var order = Enumerable.Range(0, n).ToArray();
        var history = new double[Options.Epochs];
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            if (batch < n)
            {
                order = generator.Permutation(n);
            }
            for (int start = 0; start < n; start += batch)
            {
                context.ThrowIfCancellationRequested();
                int m = Math.Min(batch, n - start);
                Array.Clear(grad);
                double gb = 0;
                for (int r = 0; r < m; r++)
                {
                    int i = order[start + r];
                    var row = z.AsSpan(i * d, d);
                    double e = Dot(w, row) + b - y[i];
                    for (int j = 0; j < d; j++) { grad[j] += e * row[j]; }
                    gb += e;
                }
                double step = 2 * Options.LearningRate / m;
                for (int j = 0; j < d; j++) { w[j] -= step * grad[j]; }
                b -= step * gb;
            }

            double mse = 0;
            for (int i = 0; i < n; i++)
            {
                residual[i] = Dot(w, z.AsSpan(i * d, d)) + b - y[i];
                mse += residual[i] * residual[i];
            }
            history[epoch - 1] = mse / n;
            if (!double.IsFinite(history[epoch - 1]))
            {
                throw new InvalidOperationException(
                    $"{Name}: the loss diverged to {history[epoch - 1]} at epoch {epoch}; lower LearningRate (got {Options.LearningRate}) or enable Standardize.");
            }
            context.Report(epoch, Options.Epochs, 0, batches, new Dictionary<string, double> { ["loss"] = history[epoch - 1] });
        }

        // Fold the standardization back: w·(x − μ)/σ + b = (w/σ)·x + (b − Σ w μ/σ).
        for (int j = 0; j < d; j++)
        {
            w[j] /= sigma[j];
            b -= w[j] * mu[j];
        }
        return new LinearRegressionTransformer(new LinearRegressionModelOptions(Options.FeatureColumnName, Name, Options.ScoreColumnName), w, b, history);
    }

    /// <summary>Per-feature mean and population standard deviation (σ = 0 replaced by 1), in double.</summary>
    internal static (double[] Mean, double[] Std) Statistics(float[] x, int n, int d)
    {
        var mean = new double[d];
        var std = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) { mean[j] += x[i * d + j]; }
        }
        for (int j = 0; j < d; j++) { mean[j] /= n; }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) { double c = x[i * d + j] - mean[j]; std[j] += c * c; }
        }
        for (int j = 0; j < d; j++)
        {
            std[j] = Math.Sqrt(std[j] / n);
            if (std[j] == 0) { std[j] = 1; }
        }
        return (mean, std);
    }

    private static double Dot(double[] w, ReadOnlySpan<double> row)
    {
        double s = 0;
        for (int j = 0; j < w.Length; j++) { s += w[j] * row[j]; }
        return s;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.SingleVector.Check(inputSchema, Name, Options.FeatureColumnName);
        ColumnRequirement.Exactly(NumberDataViewType.Single).Check(inputSchema, Name, Options.LabelColumnName);
        return TrainingData.WithOutputs(inputSchema, (Options.ScoreColumnName, NumberDataViewType.Single));
    }
}
