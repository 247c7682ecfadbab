using MlNetDl.Tensors;

namespace MlNetDl.Pipelines;

/// <summary>
/// A block of rows for training: per requested column, values laid out [Count × size] row-major. Sequential
/// batches of stored columns alias the source arrays (no copy); shuffled or computed ones are gathered once into
/// a buffer that is reused by the next batch, so a batch's memory and tensors are valid until the next batch
/// is requested (copy what must live longer).
/// </summary>
public sealed class DataBatch
{
    private readonly Dictionary<string, BatchSlot> _slots;

    internal DataBatch(int index, int count, ReadOnlyMemory<int> rows, Dictionary<string, BatchSlot> slots)
    {
        Index = index;
        Count = count;
        RowIndices = rows;
        _slots = slots;
    }

    /// <summary>The batch's number within its pass (0-based).</summary>
    public int Index { get; }

    /// <summary>Number of rows in this batch.</summary>
    public int Count { get; }

    /// <summary>The rows of the source view in this batch, in order.</summary>
    public ReadOnlyMemory<int> RowIndices { get; }

    /// <summary>The values of a column: [Count × Size] floats for a vector column.</summary>
    public ReadOnlyMemory<float> GetVector(string column) => GetValues<float>(column);

    /// <summary>The values of a column as <typeparamref name="T"/> (float for vectors, the raw type for scalars,
    /// uint for keys): [Count] or [Count × Size].</summary>
    /// <exception cref="InvalidOperationException">The column has another type; the message names both.</exception>
    public ReadOnlyMemory<T> GetValues<T>(string column)
    {
        var slot = Slot(column);
        if (slot is not BatchSlot<T> typed)
        {
            throw new InvalidOperationException(
                $"DataBatch.GetValues<{typeof(T).Name}>: column '{column}' has type {slot.Type}; read it as {(slot.Type is VectorDataViewType ? "Single" : slot.Type.RawType.Name)}.");
        }
        return typed.Memory;
    }

    /// <summary>
    /// A column as a tensor: vectors → Float32 [Count, ...dims] (a view of the source for sequential batches);
    /// Single/Double → Float32 [Count]; Int32/Int64 → Int64 [Count]; keys → Int64 zero-based class indices
    /// (key − 1; a missing key becomes −100, PyTorch's default ignore_index); Boolean → Bool [Count].
    /// The tensor belongs to the current <c>TensorScope</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A text column.</exception>
    public Tensor GetTensor(string column) => Slot(column).ToTensor();

    private BatchSlot Slot(string column) =>
        _slots.TryGetValue(column, out var slot) ? slot : throw new ArgumentOutOfRangeException(nameof(column),
            $"Column '{column}' is not in this batch; requested columns: {string.Join(", ", _slots.Keys)}.");
}

/// <summary>The buffer and current contents of one column across the batches of one pass.</summary>
internal abstract class BatchSlot
{
    public abstract DataViewType Type { get; }

    public abstract void Load(int start, int count, ReadOnlySpan<int> rows, bool sequential);

    public abstract Tensor ToTensor();

    public static BatchSlot Create(DataColumn column, int batchSize) => column switch
    {
        VectorColumn v => new VectorSlot(v, batchSize),
        ScalarColumn<float> s => new ScalarSlot<float>(s, batchSize),
        ScalarColumn<double> s => new ScalarSlot<double>(s, batchSize),
        ScalarColumn<int> s => new ScalarSlot<int>(s, batchSize),
        ScalarColumn<long> s => new ScalarSlot<long>(s, batchSize),
        ScalarColumn<uint> s => new ScalarSlot<uint>(s, batchSize),
        ScalarColumn<bool> s => new ScalarSlot<bool>(s, batchSize),
        ScalarColumn<string> s => new ScalarSlot<string>(s, batchSize),
        _ => throw new NotSupportedException($"Columns of type {column.Type} cannot be batched."),
    };
}

internal abstract class BatchSlot<T> : BatchSlot
{
    public ReadOnlyMemory<T> Memory { get; protected set; }
}

internal sealed class VectorSlot(VectorColumn column, int batchSize) : BatchSlot<float>
{
    private float[]? _buffer;
    private int _start;
    private int _count;
    private bool _aliased;

    public override DataViewType Type => column.Type;

    public override void Load(int start, int count, ReadOnlySpan<int> rows, bool sequential)
    {
        _start = start;
        _count = count;
        if (sequential && column.TryGetMemory(start, count, out var memory))
        {
            _aliased = true;
            Memory = memory;
            return;
        }
        _aliased = false;
        _buffer ??= new float[(long)batchSize * column.Size];
        var destination = _buffer.AsSpan(0, count * column.Size);
        if (sequential)
        {
            column.CopyRows(start, count, destination);
        }
        else
        {
            column.GatherRows(rows, destination);
        }
        Memory = _buffer.AsMemory(0, count * column.Size);
    }

    public override Tensor ToTensor()
    {
        int[] shape = [_count, .. column.VectorType.Dimensions];
        if (_aliased)
        {
            return column.TryGetTensor(_start, _count) ?? Tensor.From(Memory.Span, shape);
        }
        var whole = Tensor.Wrap(_buffer!, [batchSize, .. column.VectorType.Dimensions]);
        return _count == batchSize ? whole : whole.Narrow(0, 0, _count);
    }
}

internal sealed class ScalarSlot<T>(ScalarColumn<T> column, int batchSize) : BatchSlot<T>
{
    private T[]? _buffer;

    public override DataViewType Type => column.Type;

    public override void Load(int start, int count, ReadOnlySpan<int> rows, bool sequential)
    {
        if (sequential && column.TryGetMemory(start, count, out var memory))
        {
            Memory = memory;
            return;
        }
        _buffer ??= new T[batchSize];
        if (sequential)
        {
            column.CopyRows(start, count, _buffer.AsSpan(0, count));
        }
        else
        {
            column.GatherRows(rows, _buffer.AsSpan(0, count));
        }
        Memory = _buffer.AsMemory(0, count);
    }

    public override Tensor ToTensor() => BatchConvert.ToTensor(Memory, column.Type);
}

/// <summary>Scalar batch values to tensors with PyTorch's dtypes (float32 features, int64 labels).</summary>
internal static class BatchConvert
{
    /// <summary>Value PyTorch's CrossEntropyLoss/NLLLoss ignore by default; stands for a missing key.</summary>
    public const long IgnoreIndex = -100;

    public static Tensor ToTensor<T>(ReadOnlyMemory<T> memory, DataViewType type)
    {
        object boxed = memory;
        int n = memory.Length;
        switch (boxed)
        {
            case ReadOnlyMemory<float> f:
                return Tensor.From(f.Span, [n]);
            case ReadOnlyMemory<bool> b:
                return Tensor.From(b.Span, [n]);
            case ReadOnlyMemory<double> d:
                {
                    var values = new float[n];
                    for (int i = 0; i < n; i++)
                    {
                        values[i] = (float)d.Span[i];
                    }
                    return Tensor.Wrap(values, n);
                }
            case ReadOnlyMemory<long> l:
                return Tensor.From(l.Span, [n]);
        }
        var longs = new long[n];
        switch (boxed)
        {
            case ReadOnlyMemory<int> i32:
                for (int i = 0; i < n; i++)
                {
                    longs[i] = i32.Span[i];
                }
                break;
            case ReadOnlyMemory<uint> u when type is KeyDataViewType:
                for (int i = 0; i < n; i++)
                {
                    uint key = u.Span[i];
                    longs[i] = key == 0 ? IgnoreIndex : key - 1L;
                }
                break;
            case ReadOnlyMemory<uint> u:
                for (int i = 0; i < n; i++)
                {
                    longs[i] = u.Span[i];
                }
                break;
            default:
                throw new InvalidOperationException($"A column of type {type} has no tensor form; read it with GetValues.");
        }
        return Tensor.From<long>(longs, [n]);
    }
}
