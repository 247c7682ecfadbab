using MlNetDl.Tensors;

namespace MlNetDl.Pipelines;

/// <summary>The rows of a parent column picked by an index map (shuffles, splits, filters): reading a block
/// gathers it from the parent, so a shuffled batch is copied exactly once.</summary>
internal sealed class IndexedScalarColumn<T> : ScalarColumn<T>
{
    private readonly ScalarColumn<T> _parent;
    private readonly int[] _map;

    public IndexedScalarColumn(ScalarColumn<T> parent, int[] map) : base((PrimitiveDataViewType)parent.Type, map.Length)
    {
        _parent = parent;
        _map = map;
    }

    public override T GetValue(int row) => _parent.GetValue(_map[row]);

    public override void CopyRows(int start, int count, Span<T> destination) =>
        _parent.GatherRows(_map.AsSpan(start, count), destination);

    public override void GatherRows(ReadOnlySpan<int> rows, Span<T> destination)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            destination[i] = _parent.GetValue(_map[rows[i]]);
        }
    }

    internal override DataColumn Select(int[] rows) => new IndexedScalarColumn<T>(_parent, Compose(_map, rows));

    internal static int[] Compose(int[] map, int[] rows)
    {
        var composed = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            composed[i] = map[rows[i]];
        }
        return composed;
    }
}

internal sealed class IndexedVectorColumn : VectorColumn
{
    private readonly VectorColumn _parent;
    private readonly int[] _map;

    public IndexedVectorColumn(VectorColumn parent, int[] map) : base(parent.VectorType, map.Length)
    {
        _parent = parent;
        _map = map;
    }

    public override void CopyRows(int start, int count, Span<float> destination) =>
        _parent.GatherRows(_map.AsSpan(start, count), destination);

    public override void GatherRows(ReadOnlySpan<int> rows, Span<float> destination)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            _parent.CopyRows(_map[rows[i]], 1, destination.Slice(i * Size, Size));
        }
    }

    internal override DataColumn Select(int[] rows) => new IndexedVectorColumn(_parent, IndexedScalarColumn<float>.Compose(_map, rows));
}

/// <summary>A contiguous range of a parent's rows (TakeRows, SkipRows): stays zero-copy over stored vectors.</summary>
internal sealed class SliceVectorColumn : VectorColumn
{
    private readonly VectorColumn _parent;
    private readonly int _offset;

    public SliceVectorColumn(VectorColumn parent, int offset, int count) : base(parent.VectorType, count)
    {
        _parent = parent;
        _offset = offset;
    }

    public override void CopyRows(int start, int count, Span<float> destination) => _parent.CopyRows(_offset + start, count, destination);

    public override bool TryGetMemory(int start, int count, out ReadOnlyMemory<float> memory) =>
        _parent.TryGetMemory(_offset + start, count, out memory);

    public override Tensor? TryGetTensor(int start, int count) => _parent.TryGetTensor(_offset + start, count);

    internal override DataColumn Select(int[] rows)
    {
        var shifted = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            shifted[i] = rows[i] + _offset;
        }
        return _parent.Select(shifted);
    }

    internal override DataColumn Slice(int start, int count)
    {
        CheckRange(start, count);
        return _parent.Slice(_offset + start, count);
    }
}
