using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Trainers.Network;

/// <summary>What a fitted network classifier saves besides its weights: the trainer that made it, the feature
/// column and its per-example shape, the class count, the complete layer list (head included) and the history.</summary>
public sealed record NetworkModelOptions(string Trainer, string FeatureColumnName, ImmutableArray<int> InputShape, int ClassCount,
    ImmutableArray<LayerSpec> Layers, ImmutableArray<EpochMetrics> History);

/// <summary>
/// A fitted network classifier (from <see cref="MlpTrainer"/> or <see cref="CnnTrainer"/>). Transform adds Score
/// (Vector&lt;Single, K&gt;: softmax of the network's logits) and PredictedLabel (Key of K: the most probable class,
/// the lowest on ties), the columns MulticlassClassification.Evaluate reads. Saved models hold the layer list as
/// JSON in the manifest and the state dictionary (PyTorch keys, e.g. "1.weight") as float32 tensors, so a loaded
/// model predicts bit-identically.
/// </summary>
public sealed partial class NetworkClassifierTransformer : RowToRowTransformerBase
{
    public const string Kind = "NetworkClassifier";
    private const string StatePrefix = "state.";
    private const int PredictionBatchSize = 512;
    private readonly object _gate = new();

    internal NetworkClassifierTransformer(NetworkModelOptions options, Sequential model) : base(options.Trainer)
    {
        Options = options;
        Model = model;
    }

    public NetworkModelOptions Options { get; }

    /// <summary>The trained network, for read-only use (printing, <c>Summary</c>, export, <c>Save</c> as a state
    /// file). Changing its weights or mode changes this transformer's predictions.</summary>
    public Sequential Model { get; }

    /// <summary>One entry per training epoch: loss, accuracy and, with validation data, val_loss and val_accuracy.</summary>
    public IReadOnlyList<EpochMetrics> History => Options.History;

    public int ClassCount => Options.ClassCount;

    public override string ModelKind => Kind;

    /// <summary>Class probabilities [rows × K] (row-major) and 1-based predicted keys for the feature vectors of
    /// <paramref name="view"/>, computed in evaluation mode without recording, in batches of 512 rows.</summary>
    private (float[] Scores, uint[] Keys) Predict(InMemoryDataView view)
    {
        int n = view.RowCount, k = ClassCount;
        var scores = new float[(long)n * k];
        var keys = new uint[n];
        if (n == 0)
        {
            return (scores, keys);
        }
        lock (_gate)
        {
            Model.Eval();
            using var noGrad = GradMode.NoGrad();
            int row = 0;
            foreach (var batch in view.GetBatches(PredictionBatchSize, Options.FeatureColumnName))
            {
                using var scope = TensorScope.Begin();
                var probabilities = Functional.Softmax(Model.Call(batch.GetTensor(Options.FeatureColumnName)), 1);
                var p = probabilities.AsReadOnlySpan<float>();
                p.CopyTo(scores.AsSpan(row * k, batch.Count * k));
                for (int i = 0; i < batch.Count; i++)
                {
                    var rowScores = p.Slice(i * k, k);
                    int best = 0;
                    for (int c = 1; c < k; c++)
                    {
                        best = rowScores[c] > rowScores[best] ? c : best;
                    }
                    keys[row + i] = (uint)best + 1;
                }
                row += batch.Count;
            }
        }
        return (scores, keys);
    }

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var expected = new VectorDataViewType(NumberDataViewType.Single, [.. Options.InputShape]);
        var actual = ColumnRequirement.SingleVector.Check(inputSchema, ComponentName, Options.FeatureColumnName);
        if (actual != expected)
        {
            throw new SchemaMismatchException(ComponentName, Options.FeatureColumnName, expected.ToString(), actual.ToString(), SchemaShape.Create(inputSchema).AvailableNames());
        }
        int k = ClassCount;
        var cache = new ConditionalWeakTable<InMemoryDataView, Tuple<float[], uint[]>>();
        Tuple<float[], uint[]> Get(InMemoryDataView view) => cache.GetValue(view, v => Predict(v).ToTuple());
        return
        [
            new OutputColumn("Score", new VectorDataViewType(NumberDataViewType.Single, k), view => DataColumn.FromVectors(Get(view).Item1, k)),
            new OutputColumn("PredictedLabel", new KeyDataViewType(typeof(uint), (ulong)k), view => DataColumn.FromKeys(Get(view).Item2, (ulong)k)),
        ];
    }

    public override void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetOptions(Options);
        foreach (var (key, t) in Model.StateDict())
        {
            long[] shape = [.. t.Shape.ToArray().Select(d => (long)d)];
            switch (t.DType)
            {
                case DType.Float32: context.AddTensor(StatePrefix + key, t.ToArray<float>(), shape); break;
                case DType.Int64: context.AddTensor(StatePrefix + key, t.ToArray<long>(), shape); break;
                default: throw new InvalidOperationException($"{ComponentName}: state '{key}' is {t.DType}, which model files do not store.");
            }
        }
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context)
    {
        var options = context.GetOptions<NetworkModelOptions>();
        if (options.Layers.IsDefault || options.InputShape.IsDefault || options.InputShape.IsEmpty || options.InputShape.Any(d => d <= 0) || options.ClassCount < 1 ||
            string.IsNullOrEmpty(options.Trainer) || string.IsNullOrEmpty(options.FeatureColumnName))
        {
            throw context.Error("the options need a trainer, a feature column, a positive input shape, a class count ≥ 1 and a layer list.");
        }
        NetworkBuilder.Validate(options.Trainer, nameof(options.Layers), options.Layers);
        var (network, output) = NetworkBuilder.Build(options.Trainer, options.InputShape, options.Layers, new LayerGenerators(new Generator(0), new Generator(0)));
        if (output is not [int classes] || classes != options.ClassCount)
        {
            throw context.Error($"the layers map [{string.Join(", ", options.InputShape)}] to [{string.Join(", ", output)}], not [{options.ClassCount}] class scores.");
        }
        foreach (var (key, target) in network.StateDict())
        {
            string name = StatePrefix + key;
            var shape = context.GetShape(name);
            // Model files store a 0-d tensor (batch norm's num_batches_tracked) as [1].
            bool fits = shape.SequenceEqual(target.Shape.ToArray().Select(d => (long)d)) || (target.Rank == 0 && shape is [1]);
            if (!fits)
            {
                throw context.Error($"tensor '{name}' has shape [{string.Join(", ", shape)}]; the layers need {target.Shape}.");
            }
            if (target.DType == DType.Float32)
            {
                context.GetFloats(name).CopyTo(target.AsWritableSpan<float>());
            }
            else
            {
                context.GetInt64s(name).CopyTo(target.AsWritableSpan<long>());
            }
        }
        network.Eval();
        return new NetworkClassifierTransformer(options with { History = options.History.IsDefault ? [] : options.History }, network);
    }
}
