namespace MlNetDl.Pipelines;

/// <summary>
/// One column of an <see cref="InMemoryDataView"/>: <see cref="Length"/> values of <see cref="Type"/> with random
/// access by row. Columns are immutable and shared between views (a transform that passes a column through, a
/// copy, a selection or a split never copies it). Subclass <see cref="ScalarColumn{T}"/> or
/// <see cref="VectorColumn"/> for a computed (lazy) column; create stored ones with the factory methods.
/// </summary>
public abstract class DataColumn
{
    private protected DataColumn(DataViewType type, int length)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Type = type;
        Length = length;
    }

    public DataViewType Type { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>Wraps scalar values without copying. The type defaults from <typeparamref name="T"/>
    /// (float → Single, …, uint → UInt32); pass a <see cref="KeyDataViewType"/> for keys.</summary>
    public static ScalarColumn<T> FromArray<T>(T[] values, PrimitiveDataViewType? type = null) =>
        new ArrayColumn<T>(values, type ?? DataViewTypes.Of(typeof(T)));

    /// <summary>Wraps key values (1..count, 0 = missing) without copying.</summary>
    public static ScalarColumn<uint> FromKeys(uint[] keys, ulong count) =>
        new ArrayColumn<uint>(keys, new KeyDataViewType(typeof(uint), count));

    /// <summary>Wraps row-major vectors ([rows × product(dims)] floats) without copying.</summary>
    /// <exception cref="ArgumentException">The array length is not a multiple of the vector size.</exception>
    public static VectorColumn FromVectors(float[] data, params int[] dimensions) => new DenseVectorColumn(data, dimensions);

    /// <summary>The rows at <paramref name="rows"/> (a view; indexing an indexed column composes the maps).</summary>
    internal abstract DataColumn Select(int[] rows);

    /// <summary>Rows [start, start+count) as a view.</summary>
    internal abstract DataColumn Slice(int start, int count);

    /// <summary>A stored copy (or this column when it is already stored in one array).</summary>
    internal abstract DataColumn Materialize();

    private protected void CheckRange(int start, int count)
    {
        if (start < 0 || count < 0 || start > Length - count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Rows [{start}, {start}+{count}) are outside a column of {Length} rows.");
        }
    }
}

/// <summary>A column of scalars of .NET type <typeparamref name="T"/> (UInt32 for keys, string for text).</summary>
public abstract class ScalarColumn<T> : DataColumn
{
    protected ScalarColumn(PrimitiveDataViewType type, int length) : base(type, length)
    {
        if (type.RawType != typeof(T))
        {
            throw new ArgumentException($"A column of {typeof(T).Name} values cannot have type {type}.", nameof(type));
        }
    }

    public abstract T GetValue(int row);

    /// <summary>Copies rows [start, start+count) to <paramref name="destination"/>.</summary>
    public virtual void CopyRows(int start, int count, Span<T> destination)
    {
        for (int i = 0; i < count; i++)
        {
            destination[i] = GetValue(start + i);
        }
    }

    /// <summary>Copies the given rows, in order, to <paramref name="destination"/>.</summary>
    public virtual void GatherRows(ReadOnlySpan<int> rows, Span<T> destination)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            destination[i] = GetValue(rows[i]);
        }
    }

    /// <summary>Rows [start, start+count) without copying, when the column is stored contiguously.</summary>
    public virtual bool TryGetMemory(int start, int count, out ReadOnlyMemory<T> memory)
    {
        memory = default;
        return false;
    }

    internal override DataColumn Select(int[] rows) => new IndexedScalarColumn<T>(this, rows);

    internal override DataColumn Slice(int start, int count)
    {
        CheckRange(start, count);
        return start == 0 && count == Length ? this : new IndexedScalarColumn<T>(this, Enumerable.Range(start, count).ToArray());
    }

    internal override DataColumn Materialize()
    {
        var values = new T[Length];
        CopyRows(0, Length, values);
        return new ArrayColumn<T>(values, (PrimitiveDataViewType)Type);
    }
}

/// <summary>A column of fixed-size Single vectors; a block of rows is [rows × <see cref="Size"/>] floats, row-major.</summary>
public abstract class VectorColumn : DataColumn
{
    protected VectorColumn(VectorDataViewType type, int length) : base(type, length)
    {
        if (type.ItemType != NumberDataViewType.Single || !type.IsKnownSize)
        {
            throw new ArgumentException($"Vector columns hold fixed-size Single vectors; got {type}.", nameof(type));
        }
        VectorType = type;
    }

    public VectorDataViewType VectorType { get; }

    /// <summary>Floats per row.</summary>
    public int Size => VectorType.Size;

    /// <summary>Copies rows [start, start+count) to <paramref name="destination"/> ([count × Size]).</summary>
    public abstract void CopyRows(int start, int count, Span<float> destination);

    /// <summary>Copies the given rows, in order, to <paramref name="destination"/> ([rows × Size]).</summary>
    public virtual void GatherRows(ReadOnlySpan<int> rows, Span<float> destination)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            CopyRows(rows[i], 1, destination.Slice(i * Size, Size));
        }
    }

    /// <summary>Rows [start, start+count) without copying ([count × Size]), when stored contiguously.</summary>
    public virtual bool TryGetMemory(int start, int count, out ReadOnlyMemory<float> memory)
    {
        memory = default;
        return false;
    }

    /// <summary>Rows [start, start+count) as a tensor [count, ...dims] sharing the column's storage, or null
    /// when the column is not stored contiguously. The tensor belongs to the caller's <c>TensorScope</c>.</summary>
    public virtual MlNetDl.Tensors.Tensor? TryGetTensor(int start, int count) => null;

    internal override DataColumn Select(int[] rows) => new IndexedVectorColumn(this, rows);

    internal override DataColumn Slice(int start, int count)
    {
        CheckRange(start, count);
        return start == 0 && count == Length ? this : new SliceVectorColumn(this, start, count);
    }

    internal override DataColumn Materialize()
    {
        var data = new float[(long)Length * Size];
        CopyRows(0, Length, data);
        return new DenseVectorColumn(data, [.. VectorType.Dimensions]);
    }
}
