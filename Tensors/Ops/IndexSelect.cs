using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>Validation of integer index tensors shared by index_select, gather and one_hot.</summary>
internal static class IndexCheck
{
    /// <summary>The indices as int64 (int32 widened), each checked to lie in [0, size).</summary>
    public static ReadOnlySpan<long> Read(Tensor index, int size, string op, int dim, Shape inputShape)
    {
        ReadOnlySpan<long> idx = index.DType switch
        {
            DType.Int64 => index.Span<long>(),
            DType.Int32 => ConvertInt32(index.Span<int>()),
            _ => throw new ArgumentException($"{op}: the index must be int64 or int32, got {index.DType.TorchName()} of shape {index.Shape}."),
        };
        for (int i = 0; i < idx.Length; i++)
        {
            if ((ulong)idx[i] >= (ulong)size)
            {
                throw new ArgumentOutOfRangeException(nameof(index),
                    $"{op}: index {idx[i]} is out of range for dimension {dim} with size {size} (input shape {inputShape}).");
            }
        }

        return idx;
    }

    private static long[] ConvertInt32(ReadOnlySpan<int> s)
    {
        var r = new long[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            r[i] = s[i];
        }

        return r;
    }
}

/// <summary>x.index_select(dim, index): the slices of <c>dim</c> listed by a 1-D index, copied as contiguous
/// blocks. Backward is index_add into zeros (repeated indices accumulate).</summary>
internal sealed class IndexSelectFunction : Function
{
    private int _dim;
    private long[] _index = [];

    public override string Name => "index_select";

    public static Tensor Apply(Tensor x, int dim, Tensor index)
    {
        if (index.Rank > 1)
        {
            throw new ArgumentException($"index_select: the index must be 1-D, got shape {index.Shape}.", nameof(index));
        }

        int d = x.Rank == 0 ? 0 : x.Shape.Normalize(dim);
        var (outer, n, inner) = Reduce.Split(x.Shape, d);
        var idx = IndexCheck.Read(index, n, "index_select", dim, x.Shape);
        var dims = x.Shape.ToArray();
        if (dims.Length > 0)
        {
            dims[d] = idx.Length;
        }

        var y = Tensor.Empty(new Shape(dims), x.DType);
        switch (x.DType)
        {
            case DType.Float32: BlockCopy.IndexSelect(x.Span<float>(), y.Span<float>(), idx, outer, n, inner); break;
            case DType.Int64: BlockCopy.IndexSelect(x.Span<long>(), y.Span<long>(), idx, outer, n, inner); break;
            case DType.Int32: BlockCopy.IndexSelect(x.Span<int>(), y.Span<int>(), idx, outer, n, inner); break;
            default: BlockCopy.IndexSelect(x.Span<bool>(), y.Span<bool>(), idx, outer, n, inner); break;
        }

        return GradMode.ShouldRecord(x) ? new IndexSelectFunction { _dim = d, _index = idx.ToArray() }.Attach(y, x) : y;
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var shape = Inputs[0].Shape;
        var (outer, n, inner) = Reduce.Split(shape, _dim);
        var gx = Tensor.Zeros(shape);
        BlockCopy.IndexAdd(g.F, gx.F, _index, outer, n, inner);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("index_select_repeat", x => x[0].IndexSelect(1, Tensor.FromArray(new long[] { 2, 0, 2, 3 })), OpCase.Shapes([2, 4, 3])),
        new("index_select_dim0_int32", x => x[0].IndexSelect(0, Tensor.FromArray(new[] { 1, 1 })), OpCase.Shapes([3, 2])),
    ];
}

/// <summary>torch.gather(x, dim, index): out[i][j] = x[index[i][j]][j] for dim 0 (and likewise for other dims).
/// The index has the input's rank and no larger sizes off <c>dim</c>. Backward is scatter_add into zeros.</summary>
internal sealed class GatherFunction : Function
{
    private int _dim;
    private long[] _index = [];

    public override string Name => "gather";

    public static Tensor Apply(Tensor x, int dim, Tensor index)
    {
        if (index.Rank != x.Rank && !(x.Rank <= 1 && index.Rank <= 1))
        {
            throw new ArgumentException($"gather: the index (shape {index.Shape}) must have as many dimensions as the input (shape {x.Shape}).", nameof(index));
        }

        int d = x.Rank == 0 ? 0 : x.Shape.Normalize(dim);
        for (int i = 0; i < index.Rank && x.Rank > 0; i++)
        {
            if (i != d && index.Shape.Dims[i] > x.Shape.Dims[i])
            {
                throw new ArgumentException(
                    $"gather: index shape {index.Shape} is larger than input shape {x.Shape} in dimension {i} (only dimension {dim} may differ).", nameof(index));
            }
        }

        int size = x.Rank == 0 ? 1 : x.Shape.Dims[d];
        var idx = IndexCheck.Read(index, size, "gather", dim, x.Shape);
        var y = Tensor.Empty(index.Shape, x.DType);
        var xs = x.Rank == 0 ? new Shape(1) : x.Shape;
        var ishape = index.Rank == 0 && x.Rank > 0 ? new Shape(1) : index.Shape;
        switch (x.DType)
        {
            case DType.Float32: GatherKernel.Gather(x.Span<float>(), xs, idx, ishape, y.Span<float>(), d); break;
            case DType.Int64: GatherKernel.Gather(x.Span<long>(), xs, idx, ishape, y.Span<long>(), d); break;
            case DType.Int32: GatherKernel.Gather(x.Span<int>(), xs, idx, ishape, y.Span<int>(), d); break;
            default: GatherKernel.Gather(x.Span<bool>(), xs, idx, ishape, y.Span<bool>(), d); break;
        }

        return GradMode.ShouldRecord(x) ? new GatherFunction { _dim = d, _index = idx.ToArray() }.Attach(y, x) : y;
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var x = Inputs[0];
        var xs = x.Rank == 0 ? new Shape(1) : x.Shape;
        var ishape = g.Rank == 0 && x.Rank > 0 ? new Shape(1) : g.Shape;
        var gx = Tensor.Zeros(x.Shape);
        GatherKernel.ScatterAdd(g.F, ishape, _index, gx.F, xs, _dim);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("gather_dim1", x => x[0].Gather(1, Tensor.FromArray(new long[] { 0, 3, 3, 1, 2, 0 }, 3, 2)), OpCase.Shapes([3, 4])),
        new("gather_dim0_repeat", x => x[0].Gather(0, Tensor.FromArray(new long[] { 1, 1, 0 }, 1, 3)), OpCase.Shapes([2, 3])),
    ];
}
