using MlNetDl.Tensors;

namespace MlNetDl.Pipelines;

/// <summary>Maps .NET value types to column types and back.</summary>
public static class DataViewTypes
{
    /// <summary>The column type of a .NET scalar type (uint → UInt32 number; use a KeyDataViewType for keys).</summary>
    /// <exception cref="ArgumentException">The type is not a supported scalar.</exception>
    public static PrimitiveDataViewType Of(Type type) =>
        type == typeof(float) ? NumberDataViewType.Single
        : type == typeof(double) ? NumberDataViewType.Double
        : type == typeof(int) ? NumberDataViewType.Int32
        : type == typeof(long) ? NumberDataViewType.Int64
        : type == typeof(uint) ? NumberDataViewType.UInt32
        : type == typeof(bool) ? BooleanDataViewType.Instance
        : type == typeof(string) ? TextDataViewType.Instance
        : throw new ArgumentException(
            $"{type.Name} is not a supported column value type; supported: Single, Double, Int32, Int64, UInt32 (keys), Boolean, String, Single[] (vectors).");
}

/// <summary>Scalars stored in one array (shared with the caller, never copied).</summary>
internal sealed class ArrayColumn<T> : ScalarColumn<T>
{
    private readonly T[] _values;

    public ArrayColumn(T[] values, PrimitiveDataViewType type) : base(type, (values ?? throw new ArgumentNullException(nameof(values))).Length)
    {
        _values = values;
    }

    internal T[] Values => _values;

    public override T GetValue(int row) => _values[row];

    public override void CopyRows(int start, int count, Span<T> destination) => _values.AsSpan(start, count).CopyTo(destination);

    public override void GatherRows(ReadOnlySpan<int> rows, Span<T> destination)
    {
        var values = _values;
        for (int i = 0; i < rows.Length; i++)
        {
            destination[i] = values[rows[i]];
        }
    }

    public override bool TryGetMemory(int start, int count, out ReadOnlyMemory<T> memory)
    {
        memory = _values.AsMemory(start, count);
        return true;
    }

    internal override DataColumn Materialize() => this;
}

/// <summary>Row-major vectors stored in one float array (shared with the caller, never copied).</summary>
internal sealed class DenseVectorColumn : VectorColumn
{
    private readonly float[] _data;
    private Tensor? _whole;

    public DenseVectorColumn(float[] data, int[] dimensions)
        : base(new VectorDataViewType(NumberDataViewType.Single, dimensions), RowsOf(data, dimensions))
    {
        _data = data;
    }

    internal float[] Data => _data;

    private static int RowsOf(float[] data, int[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(dimensions);
        long size = 1;
        foreach (int d in dimensions)
        {
            size *= Math.Max(d, 1);
        }
        if (dimensions.Length == 0 || data.Length % size != 0)
        {
            throw new ArgumentException(
                $"A vector column of shape [{string.Join(", ", dimensions)}] ({size} floats per row) cannot hold {data.Length} floats: " +
                "the length must be a positive multiple of the row size.", nameof(data));
        }
        return (int)(data.Length / size);
    }

    public override void CopyRows(int start, int count, Span<float> destination) =>
        _data.AsSpan(start * Size, count * Size).CopyTo(destination);

    public override void GatherRows(ReadOnlySpan<int> rows, Span<float> destination)
    {
        int size = Size;
        var data = _data;
        for (int i = 0; i < rows.Length; i++)
        {
            data.AsSpan(rows[i] * size, size).CopyTo(destination.Slice(i * size, size));
        }
    }

    public override bool TryGetMemory(int start, int count, out ReadOnlyMemory<float> memory)
    {
        memory = _data.AsMemory(start * Size, count * Size);
        return true;
    }

    public override Tensor? TryGetTensor(int start, int count)
    {
        if (_whole is null)
        {
            // Built once, outside any scope, so that a caller's TensorScope never disposes the shared wrapper.
            using (TensorScope.Suspend())
            {
                Interlocked.CompareExchange(ref _whole, Tensor.Wrap(_data, [Length, .. VectorType.Dimensions]), null);
            }
        }
        return _whole.Narrow(0, start, count);
    }

    internal override DataColumn Materialize() => this;
}
