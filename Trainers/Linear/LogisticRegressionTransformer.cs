using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Linear;

/// <summary>What a fitted logistic regression saves besides its arrays.</summary>
public sealed record LogisticRegressionModelOptions(string FeatureColumnName, string Trainer);

/// <summary>
/// A fitted binary logistic regression. Adds Score = w·x + b (the logit, Single), Probability = σ(Score) (Single)
/// and PredictedLabel = Score ≥ 0 (Boolean), the columns BinaryClassification.Evaluate reads.
/// <see cref="LossHistory"/>/<see cref="AccuracyHistory"/> hold the training loss and accuracy per iteration
/// (measured before each step).
/// </summary>
public sealed partial class LogisticRegressionTransformer : RowToRowTransformerBase
{
    public const string Kind = "LogisticRegression";

    internal static readonly (string, DataViewType)[] Outputs =
        [("Score", NumberDataViewType.Single), ("Probability", NumberDataViewType.Single), ("PredictedLabel", BooleanDataViewType.Instance)];

    /// <exception cref="ArgumentException">No weights, or a non-finite weight or bias.</exception>
    public LogisticRegressionTransformer(LogisticRegressionModelOptions options, double[] weights, double bias,
        double[]? lossHistory = null, double[]? accuracyHistory = null) : base(options.Trainer)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0 || !weights.All(double.IsFinite) || !double.IsFinite(bias))
        {
            throw new ArgumentException($"{options.Trainer}: a logistic model needs at least one weight and finite weights and bias.", nameof(weights));
        }
        Options = options;
        Weights = [.. weights];
        Bias = bias;
        LossHistory = [.. lossHistory ?? []];
        AccuracyHistory = [.. accuracyHistory ?? []];
    }

    public LogisticRegressionModelOptions Options { get; }

    public IReadOnlyList<double> Weights { get; }

    public double Bias { get; }

    public IReadOnlyList<double> LossHistory { get; }

    public IReadOnlyList<double> AccuracyHistory { get; }

    public override string ModelKind => Kind;

    /// <summary>The decision function w·x + b for one row.</summary>
    public double Logit(ReadOnlySpan<float> features)
    {
        double s = Bias;
        for (int j = 0; j < Weights.Count; j++) { s += Weights[j] * features[j]; }
        return s;
    }

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        LinearScoring.CheckFeatures(inputSchema, ComponentName, Options.FeatureColumnName, Weights.Count);
        // The three columns share one pass over the features, made on first use.
        Lazy<(float[] Score, float[] Probability, bool[] Predicted)> Compute(InMemoryDataView view) => new(() =>
        {
            var (x, n, d) = TrainingData.Features(view, ComponentName, Options.FeatureColumnName);
            var score = new float[n];
            var probability = new float[n];
            var predicted = new bool[n];
            for (int i = 0; i < n; i++)
            {
                double z = Logit(x.AsSpan(i * d, d));
                score[i] = (float)z;
                probability[i] = (float)LogisticMath.Sigmoid(z);
                predicted[i] = z >= 0;
            }
            return (score, probability, predicted);
        });
        InMemoryDataView? last = null;
        Lazy<(float[], float[], bool[])>? cache = null;
        (float[] S, float[] P, bool[] L) Get(InMemoryDataView view)
        {
            if (!ReferenceEquals(view, last) || cache is null)
            {
                last = view;
                cache = Compute(view);
            }
            return cache.Value;
        }
        return
        [
            new OutputColumn("Score", NumberDataViewType.Single, view => DataColumn.FromArray(Get(view).S)),
            new OutputColumn("Probability", NumberDataViewType.Single, view => DataColumn.FromArray(Get(view).P)),
            new OutputColumn("PredictedLabel", BooleanDataViewType.Instance, view => DataColumn.FromArray(Get(view).L)),
        ];
    }

    public override void Save(ModelSaveContext context)
    {
        context.SetOptions(Options);
        context.AddTensor("weights", [.. Weights], [Weights.Count]);
        context.AddTensor("bias", [Bias], [1]);
        context.AddTensor("loss_history", [.. LossHistory], [LossHistory.Count]);
        context.AddTensor("accuracy_history", [.. AccuracyHistory], [AccuracyHistory.Count]);
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context) =>
        new LogisticRegressionTransformer(context.GetOptions<LogisticRegressionModelOptions>(), context.GetDoubles("weights"),
            context.GetDoubles("bias").Single(), context.GetDoubles("loss_history"), context.GetDoubles("accuracy_history"));
}
