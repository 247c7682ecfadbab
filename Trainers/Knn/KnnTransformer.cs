using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Knn;

/// <summary>
/// A fitted k-NN classifier: the stored training set. Transform adds Score (Vector&lt;Single, classes&gt;: the
/// fraction of the k neighbours in each class) and PredictedLabel (Key: the class with most votes; a vote tie
/// goes to the tied class that holds the nearest neighbour — scikit-learn picks the smallest class instead, so
/// three-way ties with k = 3 can differ). Neighbours are ordered by exact squared Euclidean distance, ties to the
/// lower training index; both algorithms give identical neighbours.
/// </summary>
public sealed class KnnTransformer : RowToRowTransformerBase
{
    public const string Kind = "Knn";

    private readonly float[] _features;
    private readonly int[] _labels;
    private readonly int[] _dims;
    private readonly Lazy<float[]> _norms;
    private readonly Lazy<KdTree> _tree;
    private readonly Lazy<ByteBruteForceSearch?> _bytes;

    internal KnnTransformer(KnnOptions options, float[] features, int[] labels, int[] dims, int classes) : base(Kind)
    {
        Options = options.Validate();
        _features = features;
        _labels = labels;
        _dims = dims;
        ClassCount = classes;
        FeatureCount = dims.Aggregate(1, (a, b) => a * b);
        _norms = new(() => BruteForceSearch.SquaredNorms(_features, TrainingRowCount, FeatureCount));
        _tree = new(() => new KdTree(_features, TrainingRowCount, FeatureCount));
        _bytes = new(() => ByteBruteForceSearch.TryCreate(_features, TrainingRowCount, FeatureCount));
    }

    public KnnOptions Options { get; }

    public int ClassCount { get; }

    public int FeatureCount { get; }

    public int TrainingRowCount => _labels.Length;

    public override string ModelKind => Kind;

    /// <summary>Indices (into the training set) and squared distances of the k nearest training rows of each of
    /// the <paramref name="count"/> queries in <paramref name="queries"/> ([count × FeatureCount] floats), [count × k].</summary>
    public (int[] Indices, double[] Distances) FindNeighbors(float[] queries, int count)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if ((long)count * FeatureCount != queries.Length)
        {
            throw new ArgumentException($"{Kind}: {queries.Length} floats are not {count} queries of {FeatureCount} features.", nameof(queries));
        }
        int k = Options.K;
        var indices = new int[(long)count * k];
        var distances = new double[(long)count * k];
        if (count > 0)
        {
            if (Options.Algorithm == KnnAlgorithm.KdTree)
            {
                _tree.Value.Search(queries, count, k, indices, distances);
            }
            else if (_bytes.Value is { } bytes && bytes.Accepts(queries))
            {
                bytes.Search(_features, queries, count, k, indices, distances);
            }
            else
            {
                BruteForceSearch.Search(_features, _norms.Value, TrainingRowCount, FeatureCount, queries, count, k, indices, distances);
            }
        }
        return (indices, distances);
    }

    /// <summary>Vote fractions [count × classes] and predicted class indices (0-based) from neighbour indices.</summary>
    public (float[] Scores, int[] Predicted) Vote(int[] indices, int count)
    {
        int k = Options.K, classes = ClassCount;
        var scores = new float[(long)count * classes];
        var predicted = new int[count];
        var votes = new int[classes];
        for (int r = 0; r < count; r++)
        {
            Array.Clear(votes);
            int best = 0;
            for (int i = 0; i < k; i++)
            {
                best = Math.Max(best, ++votes[_labels[indices[r * k + i]]]);
            }
            // Nearest first: the first neighbour whose class has the top count wins the tie.
            for (int i = 0; i < k; i++)
            {
                int label = _labels[indices[r * k + i]];
                if (votes[label] == best)
                {
                    predicted[r] = label;
                    break;
                }
            }
            for (int c = 0; c < classes; c++)
            {
                scores[r * classes + c] = votes[c] / (float)k;
            }
        }
        return (scores, predicted);
    }

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var type = (VectorDataViewType)ColumnRequirement.SingleVector.Check(inputSchema, Kind, Options.FeatureColumnName);
        if (type.Size != FeatureCount)
        {
            throw new SchemaMismatchException(Kind, Options.FeatureColumnName, $"Vector<Single, {FeatureCount}>", type.ToString(), inputSchema.AvailableNames());
        }
        (float[] Scores, uint[] Keys)? cache = null;
        (float[] Scores, uint[] Keys) Predict(InMemoryDataView view)
        {
            if (cache is { } done)
            {
                return done;
            }
            int n = view.RowCount;
            var queries = new float[(long)n * FeatureCount];
            ((VectorColumn)view.GetColumn(Options.FeatureColumnName)).CopyRows(0, n, queries);
            var (scores, predicted) = Vote(FindNeighbors(queries, n).Indices, n);
            var keys = new uint[n];
            for (int i = 0; i < n; i++)
            {
                keys[i] = (uint)predicted[i] + 1;
            }
            cache = (scores, keys);
            return cache.Value;
        }
        var keyType = new KeyDataViewType(typeof(uint), (ulong)ClassCount);
        return
        [
            new OutputColumn(Options.ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, ClassCount),
                view => DataColumn.FromVectors(Predict(view).Scores, ClassCount)),
            new OutputColumn(Options.PredictedLabelColumnName, keyType, view => DataColumn.FromKeys(Predict(view).Keys, (ulong)ClassCount)),
        ];
    }

    public override void Save(ModelSaveContext context)
    {
        context.SetOptions(Options);
        context.AddTensor("features", _features, [TrainingRowCount, .. _dims.Select(d => (long)d)]);
        context.AddTensor("labels", _labels, TrainingRowCount);
        context.AddTensor("classes", [ClassCount], 1);
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context)
    {
        var shape = context.GetShape("features");
        var labels = context.GetInt32s("labels");
        int classes = context.GetInt32s("classes") is [int c] ? c : throw context.Error("'classes' must hold one integer.");
        if (shape.Length < 2 || shape[0] != labels.Length || labels.Any(l => l < 0 || l >= classes))
        {
            throw context.Error($"features {string.Join("x", shape)} and {labels.Length} labels in [0, {classes}) do not match.");
        }
        return new KnnTransformer(context.GetOptions<KnnOptions>(), context.GetFloats("features"), labels,
            [.. shape.Skip(1).Select(d => (int)d)], classes);
    }
}
