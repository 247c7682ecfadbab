using System.Runtime.CompilerServices;
using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Linear;

/// <summary>What a fitted softmax regression saves besides its arrays.</summary>
public sealed record SoftmaxRegressionModelOptions(string FeatureColumnName, int ClassCount);

/// <summary>
/// A fitted softmax regression with weights W [d × K] (row-major) and biases b [K]. Adds Score =
/// softmax(xW + b) (Vector&lt;Single, K&gt; of probabilities, computed in double with the max shift) and
/// PredictedLabel = argmax + 1 (Key of K), the columns MulticlassClassification.Evaluate reads.
/// </summary>
public sealed partial class SoftmaxRegressionTransformer : RowToRowTransformerBase
{
    public const string Kind = "SoftmaxRegression";

    /// <exception cref="ArgumentException">Weights not [d × K] with d ≥ 1, biases not [K], K &lt; 2, or non-finite values.</exception>
    public SoftmaxRegressionTransformer(SoftmaxRegressionModelOptions options, float[] weights, float[] bias,
        double[]? lossHistory = null, double[]? accuracyHistory = null) : base(SoftmaxRegressionTrainer.Name)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        int k = options.ClassCount;
        if (k < 2 || bias.Length != k || weights.Length == 0 || weights.Length % k != 0 ||
            !weights.All(float.IsFinite) || !bias.All(float.IsFinite))
        {
            throw new ArgumentException(
                $"{Kind}: expected finite weights [d × {k}] and biases [{k}] with at least 2 classes; got {weights.Length} weights and {bias.Length} biases.", nameof(weights));
        }
        Options = options;
        Weights = [.. weights];
        Bias = [.. bias];
        LossHistory = [.. lossHistory ?? []];
        AccuracyHistory = [.. accuracyHistory ?? []];
    }

    public SoftmaxRegressionModelOptions Options { get; }

    /// <summary>W, row-major [<see cref="FeatureCount"/> × ClassCount].</summary>
    public IReadOnlyList<float> Weights { get; }

    public IReadOnlyList<float> Bias { get; }

    public int FeatureCount => Weights.Count / Options.ClassCount;

    public IReadOnlyList<double> LossHistory { get; }

    public IReadOnlyList<double> AccuracyHistory { get; }

    public override string ModelKind => Kind;

    /// <summary>softmax(xW + b) for one row into <paramref name="p"/> [K].</summary>
    internal static void Probabilities(ReadOnlySpan<float> x, IReadOnlyList<float> w, IReadOnlyList<float> b, Span<double> p)
    {
        int k = p.Length;
        for (int c = 0; c < k; c++) { p[c] = b[c]; }
        for (int j = 0; j < x.Length; j++)
        {
            double xj = x[j];
            for (int c = 0; c < k; c++) { p[c] += xj * w[j * k + c]; }
        }
        double max = double.NegativeInfinity;
        foreach (var v in p) { max = Math.Max(max, v); }
        double sum = 0;
        for (int c = 0; c < k; c++) { p[c] = Math.Exp(p[c] - max); sum += p[c]; }
        for (int c = 0; c < k; c++) { p[c] /= sum; }
    }

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        LinearScoring.CheckFeatures(inputSchema, ComponentName, Options.FeatureColumnName, FeatureCount);
        int k = Options.ClassCount;
        var scores = new ConditionalWeakTable<InMemoryDataView, Tuple<float[], uint[]>>();
        Tuple<float[], uint[]> Get(InMemoryDataView view) => scores.GetValue(view, v =>
        {
            var (x, n, d) = TrainingData.Features(v, ComponentName, Options.FeatureColumnName);
            var w = Weights as float[] ?? [.. Weights];
            var prob = new float[(long)n * k];
            var predicted = new uint[n];
            var p = new double[k];
            for (int i = 0; i < n; i++)
            {
                Probabilities(x.AsSpan(i * d, d), w, Bias, p);
                int best = 0;
                for (int c = 0; c < k; c++)
                {
                    prob[i * k + c] = (float)p[c];
                    if (p[c] > p[best]) { best = c; }
                }
                predicted[i] = (uint)best + 1;
            }
            return Tuple.Create(prob, predicted);
        });
        return
        [
            new OutputColumn("Score", new VectorDataViewType(NumberDataViewType.Single, k), view => DataColumn.FromVectors(Get(view).Item1, k)),
            new OutputColumn("PredictedLabel", new KeyDataViewType(typeof(uint), (ulong)k), view => DataColumn.FromKeys(Get(view).Item2, (ulong)k)),
        ];
    }

    public override void Save(ModelSaveContext context)
    {
        context.SetOptions(Options);
        context.AddTensor("weights", [.. Weights], [FeatureCount, Options.ClassCount]);
        context.AddTensor("bias", [.. Bias], [Options.ClassCount]);
        context.AddTensor("loss_history", [.. LossHistory], [LossHistory.Count]);
        context.AddTensor("accuracy_history", [.. AccuracyHistory], [AccuracyHistory.Count]);
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context) =>
        new SoftmaxRegressionTransformer(context.GetOptions<SoftmaxRegressionModelOptions>(), context.GetFloats("weights"),
            context.GetFloats("bias"), context.GetDoubles("loss_history"), context.GetDoubles("accuracy_history"));
}
