using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors;

/// <summary>Slicing, indexing and joining (PyTorch's narrow, select, index_select, gather, cat, stack).</summary>
public sealed partial class Tensor
{
    /// <summary>Elements <paramref name="start"/>..start+length−1 along <paramref name="dim"/> (negative start
    /// counts from the end). A view sharing storage when every dimension before <paramref name="dim"/> is 1,
    /// otherwise a copy. Throws ArgumentOutOfRangeException when the range leaves the dimension.</summary>
    public Tensor Narrow(int dim, int start, int length) => NarrowFunction.Apply(this, dim, start, length);

    /// <summary>Python's <c>x[start:end]</c> along dimension 0: negative indices count from the end and both
    /// ends are clamped to [0, size], so an empty range gives an empty tensor instead of an error. A view.</summary>
    public Tensor Slice(int start, int end)
    {
        if (Rank == 0)
        {
            throw new ArgumentException("slice: cannot slice a 0-dim tensor.");
        }

        int n = Size(0);
        int s = ClampIndex(start, n), e = ClampIndex(end, n);
        return Narrow(0, s, Math.Max(e - s, 0));
    }

    private static int ClampIndex(int i, int n) => i < 0 ? Math.Max(i + n, 0) : Math.Min(i, n);

    /// <summary><c>x[a..b]</c>: <see cref="Slice"/> along dimension 0 (<c>^k</c> counts from the end).</summary>
    [System.Runtime.CompilerServices.IndexerName("Slices")]
    public Tensor this[Range range]
    {
        get
        {
            int n = Rank == 0 ? 0 : Size(0);
            return Slice(Python(range.Start, n), Python(range.End, n));
        }
    }

    /// <summary>An Index as a Python index: ^k is −k (^0 is the end).</summary>
    private static int Python(Index i, int n) => !i.IsFromEnd ? i.Value : i.Value == 0 ? n : -i.Value;

    /// <summary><c>x[i]</c>: <see cref="Select"/> along dimension 0 (negative counts from the end).</summary>
    [System.Runtime.CompilerServices.IndexerName("Slices")]
    public Tensor this[int index] => Select(0, index);

    /// <summary>The slice at <paramref name="index"/> of <paramref name="dim"/>, with that dimension removed.</summary>
    public Tensor Select(int dim, int index)
    {
        if (Rank == 0)
        {
            throw new ArgumentException("select: cannot be applied to a 0-dim tensor.");
        }

        int d = Shape.Normalize(dim), n = Size(d);
        if (index < -n || index >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(index),
                $"select: index {index} is out of range for dimension {dim} with size {n} (shape {Shape}).");
        }

        var dims = Shape.ToArray().ToList();
        dims.RemoveAt(d);
        return Narrow(d, index < 0 ? index + n : index, 1).Reshape([.. dims]);
    }

    /// <summary>Removes dimension <paramref name="dim"/> if it has size 1 (otherwise returns the same shape),
    /// or every size-1 dimension when <paramref name="dim"/> is null. A view.</summary>
    public Tensor Squeeze(int? dim = null)
    {
        var dims = new List<int>();
        int? only = dim is int d0 && Rank > 0 ? Shape.Normalize(d0) : null;
        for (int i = 0; i < Rank; i++)
        {
            if (Size(i) != 1 || (only is int o && o != i))
            {
                dims.Add(Size(i));
            }
        }

        return Reshape([.. dims]);
    }

    /// <summary>Inserts a size-1 dimension at <paramref name="dim"/> (in [−rank−1, rank]). A view.</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = dim < 0 ? dim + Rank + 1 : dim;
        if (d < 0 || d > Rank)
        {
            throw new ArgumentOutOfRangeException(nameof(dim),
                $"unsqueeze: dimension {dim} is out of range (expected to be in range of [{-Rank - 1}, {Rank}]) for shape {Shape}.");
        }

        var dims = Shape.ToArray().ToList();
        dims.Insert(d, 1);
        return Reshape([.. dims]);
    }

    /// <summary>The slices of <paramref name="dim"/> listed by a 1-D int64/int32 <paramref name="index"/>
    /// (torch.index_select). Gradients of repeated indices accumulate. Throws on an index outside [0, size).</summary>
    public Tensor IndexSelect(int dim, Tensor index) => IndexSelectFunction.Apply(this, dim, index);

    /// <summary>torch.gather: out[i][j] = x[i][index[i][j]] for dim 1 (likewise for other dims). The index has
    /// this tensor's rank; the result has the index's shape.</summary>
    public Tensor Gather(int dim, Tensor index) => GatherFunction.Apply(this, dim, index);

    /// <summary>Concatenates tensors of one dtype along <paramref name="dim"/>; other sizes must match
    /// (torch.cat). Errors name the offending tensor's position and shape.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, int dim = 0) => CatFunction.Apply(tensors, dim);

    /// <summary>Joins equally shaped tensors along a new dimension <paramref name="dim"/> (torch.stack).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0)
        {
            throw new ArgumentException("stack: expected a non-empty list of tensors.", nameof(tensors));
        }

        for (int i = 1; i < tensors.Count; i++)
        {
            if (tensors[i].Shape != tensors[0].Shape)
            {
                throw new ArgumentException(
                    $"stack: expects each tensor to be equal size, but got {tensors[0].Shape} at entry 0 and {tensors[i].Shape} at entry {i}.", nameof(tensors));
            }
        }

        var parts = new Tensor[tensors.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = tensors[i].Unsqueeze(dim);
        }

        return Cat(parts, dim < 0 ? dim + tensors[0].Rank + 1 : dim);
    }

    /// <summary>torch.nn.functional.one_hot: int64 labels of shape S give int64 of shape S + [numClasses]
    /// (numClasses = max label + 1 when −1). Throws on a negative label or one ≥ numClasses, naming it.</summary>
    public static Tensor OneHot(Tensor labels, int numClasses = -1)
    {
        if (labels.DType is not (DType.Int64 or DType.Int32))
        {
            throw new ArgumentException($"one_hot: expects an int64 (or int32) label tensor, got {labels.DType.TorchName()} of shape {labels.Shape}.", nameof(labels));
        }

        using var wide = labels.Converted(DType.Int64);
        var v = wide.Span<long>();
        if (numClasses == -1)
        {
            if (v.Length == 0)
            {
                throw new ArgumentException("one_hot: cannot infer the number of classes from an empty tensor; pass numClasses.", nameof(labels));
            }

            numClasses = (int)System.Numerics.Tensors.TensorPrimitives.Max<long>(v) + 1;
        }
        else if (numClasses < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "one_hot: numClasses must be -1 or non-negative.");
        }

        var dims = labels.Shape.ToArray().Append(numClasses).ToArray();
        var r = Zeros(new Shape(dims), DType.Int64);
        var d = r.Span<long>();
        for (int i = 0; i < v.Length; i++)
        {
            if (v[i] < 0 || v[i] >= numClasses)
            {
                throw new ArgumentOutOfRangeException(nameof(labels),
                    $"one_hot: label {v[i]} at position {i} is outside [0, {numClasses}) (numClasses = {numClasses}).");
            }

            d[i * numClasses + (int)v[i]] = 1;
        }

        return r;
    }
}
