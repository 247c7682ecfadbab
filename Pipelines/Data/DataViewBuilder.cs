namespace MlNetDl.Pipelines;

/// <summary>
/// Builds an <see cref="InMemoryDataView"/> from arrays without copying them (loaders use it): the view reads
/// the caller's arrays, so they must not be modified while the view is in use.
/// <code>var data = new DataViewBuilder().AddVector("Features", pixels, 1, 28, 28).AddKey("Label", labels, 10).Build();</code>
/// </summary>
public sealed class DataViewBuilder
{
    private readonly List<KeyValuePair<string, DataColumn>> _columns = [];

    public DataViewBuilder AddSingle(string name, float[] values) => AddColumn(name, DataColumn.FromArray(values));

    public DataViewBuilder AddDouble(string name, double[] values) => AddColumn(name, DataColumn.FromArray(values));

    public DataViewBuilder AddInt32(string name, int[] values) => AddColumn(name, DataColumn.FromArray(values));

    public DataViewBuilder AddInt64(string name, long[] values) => AddColumn(name, DataColumn.FromArray(values));

    public DataViewBuilder AddBoolean(string name, bool[] values) => AddColumn(name, DataColumn.FromArray(values));

    public DataViewBuilder AddString(string name, string[] values) => AddColumn(name, DataColumn.FromArray(values));

    /// <summary>ML.NET keys: 1..<paramref name="count"/>, 0 = missing.</summary>
    public DataViewBuilder AddKey(string name, uint[] keys, ulong count) => AddColumn(name, DataColumn.FromKeys(keys, count));

    /// <summary>Zero-based class indices (0..count-1, as PyTorch labels) exposed as ML.NET keys (index + 1),
    /// converted on read rather than copied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, count); the message names the row.</exception>
    public DataViewBuilder AddKey(string name, long[] zeroBasedLabels, ulong count) =>
        AddColumn(name, new ZeroBasedKeyColumn(zeroBasedLabels, count));

    /// <summary>Row-major vectors: [rows × product(dims)] floats, e.g. dims (1, 28, 28) for MNIST images.</summary>
    public DataViewBuilder AddVector(string name, float[] data, params int[] dimensions) =>
        AddColumn(name, DataColumn.FromVectors(data, dimensions));

    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    public DataViewBuilder AddColumn(string name, DataColumn column)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(column);
        if (_columns.Any(c => c.Key == name))
        {
            throw new ArgumentException($"Column '{name}' was already added.", nameof(name));
        }
        _columns.Add(new(name, column));
        return this;
    }

    /// <exception cref="ArgumentException">Columns differ in length.</exception>
    public InMemoryDataView Build() => new(_columns);
}

/// <summary>Zero-based labels read as one-based keys, so loaders can hand over their int64 label array as is.</summary>
internal sealed class ZeroBasedKeyColumn : ScalarColumn<uint>
{
    private readonly long[] _labels;

    public ZeroBasedKeyColumn(long[] labels, ulong count)
        : base(new KeyDataViewType(typeof(uint), count), (labels ?? throw new ArgumentNullException(nameof(labels))).Length)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || (ulong)labels[i] >= count)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label at row {i} is {labels[i]}; labels must be in [0, {count}).");
            }
        }
        _labels = labels;
    }

    public override uint GetValue(int row) => (uint)(_labels[row] + 1);
}
