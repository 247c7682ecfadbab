using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Linear;

/// <summary>What a fitted linear regression model saves besides its arrays.</summary>
public sealed record LinearRegressionModelOptions(string FeatureColumnName, string Trainer, string ScoreColumnName = "Score");

/// <summary>
/// A fitted linear regression: Score = w·x + b (computed in double, written as Single) for each row of the
/// feature vector column. Produced by <c>Ols</c> and <c>GradientDescent</c>; <see cref="LossHistory"/> holds the
/// training MSE per epoch of iterative trainers (empty for the closed form).
/// </summary>
public sealed partial class LinearRegressionTransformer : RowToRowTransformerBase
{
    public const string Kind = "LinearRegression";

    /// <exception cref="ArgumentException">No weights, or a non-finite weight or bias.</exception>
    public LinearRegressionTransformer(LinearRegressionModelOptions options, double[] weights, double bias, double[]? lossHistory = null)
        : base(options.Trainer)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0 || !weights.All(double.IsFinite) || !double.IsFinite(bias))
        {
            throw new ArgumentException($"{options.Trainer}: a linear model needs at least one weight and finite weights and bias.", nameof(weights));
        }
        Options = options;
        Weights = [.. weights];
        Bias = bias;
        LossHistory = [.. lossHistory ?? []];
    }

    public LinearRegressionModelOptions Options { get; }

    public IReadOnlyList<double> Weights { get; }

    public double Bias { get; }

    /// <summary>Training MSE after each epoch (iterative trainers only).</summary>
    public IReadOnlyList<double> LossHistory { get; }

    public override string ModelKind => Kind;

    /// <summary>w·x + b for one row of features.</summary>
    public double Predict(ReadOnlySpan<float> features)
    {
        double s = Bias;
        for (int j = 0; j < Weights.Count; j++)
        {
            s += Weights[j] * features[j];
        }
        return s;
    }

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        LinearScoring.CheckFeatures(inputSchema, ComponentName, Options.FeatureColumnName, Weights.Count);
        return [new OutputColumn(Options.ScoreColumnName, NumberDataViewType.Single, view =>
        {
            var (x, n, d) = TrainingData.Features(view, ComponentName, Options.FeatureColumnName);
            var score = new float[n];
            for (int i = 0; i < n; i++)
            {
                score[i] = (float)Predict(x.AsSpan(i * d, d));
            }
            return DataColumn.FromArray(score);
        })];
    }

    public override void Save(ModelSaveContext context)
    {
        context.SetOptions(Options);
        context.AddTensor("weights", [.. Weights], [Weights.Count]);
        context.AddTensor("bias", [Bias], [1]);
        context.AddTensor("loss_history", [.. LossHistory], [LossHistory.Count]);
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context) =>
        new LinearRegressionTransformer(context.GetOptions<LinearRegressionModelOptions>(), context.GetDoubles("weights"),
            context.GetDoubles("bias").Single(), context.GetDoubles("loss_history"));
}

/// <summary>Checks shared by the linear models' transformers.</summary>
internal static class LinearScoring
{
    /// <exception cref="SchemaMismatchException">The feature column is missing, mistyped or of another size than the model's.</exception>
    public static void CheckFeatures(DataViewSchema schema, string component, string column, int size)
    {
        int actual = TrainingData.FeatureSize(schema, component, column);
        if (actual != size)
        {
            throw new SchemaMismatchException(component, column, $"Vector<Single, {size}>", schema[column].Type.ToString(), "");
        }
    }
}
