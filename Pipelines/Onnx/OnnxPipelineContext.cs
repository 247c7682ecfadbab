using MlNetDl.Onnx.Export;
using MlNetDl.Tensors;

namespace MlNetDl.Pipelines;

/// <summary>Columns as ONNX values while a chain is converted: a Single column is [N, 1], a Vector&lt;Single, d&gt;
/// column [N, d] (flattened), Boolean bool [N, 1], a key int64 [N, 1] (1-based as the key's value). Source columns
/// become graph inputs on first use, named after the column; each column a transformer sets replaces the previous
/// value of that name, and the last value of every set column becomes a graph output.</summary>
public sealed class OnnxPipelineContext
{
    private readonly DataViewSchema _input;
    private readonly Dictionary<string, (string Value, DataViewType Type)> _columns = new(StringComparer.Ordinal);
    private readonly List<string> _written = [];

    internal OnnxPipelineContext(OnnxGraphBuilder graph, DataViewSchema input)
    {
        Graph = graph;
        _input = input;
    }

    public OnnxGraphBuilder Graph { get; }

    /// <summary>The value holding <paramref name="column"/> now.</summary>
    /// <exception cref="SchemaMismatchException">No such column, or a source column that is not Single or a
    /// known-size Vector&lt;Single&gt;.</exception>
    public string GetColumn(string component, string column) => Column(component, column).Value;

    /// <summary>The type of <paramref name="column"/> now.</summary>
    public DataViewType TypeOf(string component, string column) => Column(component, column).Type;

    /// <summary>Number of slots of a Single (1) or vector column.</summary>
    public int SizeOf(string component, string column) => TypeOf(component, column) is VectorDataViewType v ? v.Size : 1;

    /// <summary>Makes <paramref name="value"/> the current value of <paramref name="column"/>.</summary>
    public void SetColumn(string column, string value, DataViewType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        _columns[column] = (value, type);
        _written.Remove(column);
        _written.Add(column);
    }

    /// <summary>Columns set by the chain, in order of their last write, with their final values.</summary>
    internal IEnumerable<(string Column, string Value, DataViewType Type)> Outputs =>
        _written.Select(c => (c, _columns[c].Value, _columns[c].Type));

    /// <summary>The graph input declared for a source column, if any.</summary>
    internal bool IsInput(string column) => Graph.Graph.Input.Any(i => i.Name == column);

    private (string Value, DataViewType Type) Column(string component, string column)
    {
        if (_columns.TryGetValue(column, out var current))
        {
            return current;
        }

        var source = _input.GetColumnOrNull(column)
            ?? throw new SchemaMismatchException(component, column, "a column of the input data", "missing", _input.AvailableNames());
        int size = source.Type switch
        {
            VectorDataViewType { ItemType: NumberDataViewType n, IsKnownSize: true } v when n == NumberDataViewType.Single => v.Size,
            NumberDataViewType n when n == NumberDataViewType.Single => 1,
            var other => throw new SchemaMismatchException(component, column, "Single or Vector<Single> of known size (for ONNX export)", other.ToString(), _input.AvailableNames()),
        };
        // The sample only follows shapes through the graph; two rows keep the batch distinct from other dims of 1.
        string value = Graph.AddInput(column, DType.Float32, [OnnxDim.Symbolic("N"), size], Tensor.Zeros(2, size));
        _columns[column] = (value, source.Type);
        return _columns[column];
    }
}
