using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Tensors.Ops;

/// <summary>Reshape as a view (shares storage); one dimension may be -1.</summary>
internal sealed class ReshapeFunction : Function
{
    public override string Name => "reshape";

    public static Tensor Apply(Tensor x, int[] dims)
    {
        var shape = Infer(x.Shape, dims);
        var y = x.ViewAs(shape);
        return GradMode.ShouldRecord(x) ? new ReshapeFunction().Attach(y, x) : y;
    }

    internal static Shape Infer(Shape from, int[] dims)
    {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (infer >= 0)
                {
                    throw new ArgumentException($"reshape: only one dimension can be -1; got [{string.Join(", ", dims)}].");
                }

                infer = i;
            }
            else if (dims[i] < 0)
            {
                throw new ArgumentException($"reshape: invalid dimension {dims[i]} in [{string.Join(", ", dims)}].");
            }
            else
            {
                known *= dims[i];
            }
        }

        var r = (int[])dims.Clone();
        if (infer >= 0)
        {
            if (known == 0 || from.Numel % known != 0)
            {
                throw new ArgumentException($"reshape: shape [{string.Join(", ", dims)}] is invalid for input of shape {from} ({from.Numel} elements).");
            }

            r[infer] = (int)(from.Numel / known);
        }
        else if (known != from.Numel)
        {
            throw new ArgumentException($"reshape: shape [{string.Join(", ", dims)}] is invalid for input of shape {from} ({from.Numel} elements).");
        }

        return new Shape(r);
    }

    protected internal override Tensor?[] Backward(Tensor g) => [g.Reshape(Inputs[0].Shape.Dims)];

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("reshape", x => x[0].Reshape(4, -1) * x[1], OpCase.Shapes([2, 3, 2], [4, 3]))];
}

/// <summary>Permutes dimensions (a contiguous copy; PyTorch returns a strided view with the same values).</summary>
internal sealed class PermuteFunction : Function
{
    private int[] _perm = [];

    public override string Name => "permute";

    public static Tensor Apply(Tensor x, int[] perm)
    {
        int rank = x.Rank;
        if (perm.Length != rank)
        {
            throw new ArgumentException($"permute: got {perm.Length} dims [{string.Join(", ", perm)}] for a tensor of shape {x.Shape}.");
        }

        var p = new int[rank];
        var seen = new bool[rank];
        for (int i = 0; i < rank; i++)
        {
            p[i] = x.Shape.Normalize(perm[i]);
            if (seen[p[i]])
            {
                throw new ArgumentException($"permute: dimension {perm[i]} repeats in [{string.Join(", ", perm)}].");
            }

            seen[p[i]] = true;
        }

        var y = Permute(x, p);
        return GradMode.ShouldRecord(x) ? new PermuteFunction { _perm = p }.Attach(y, x) : y;
    }

    private static Tensor Permute(Tensor x, int[] p)
    {
        var dims = x.Shape.Dims;
        var outDims = new int[p.Length];
        var srcStrides = x.Shape.Strides();
        var stride = new int[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            outDims[i] = dims[p[i]];
            stride[i] = srcStrides[p[i]];
        }

        var y = Tensor.Empty(new Shape(outDims), x.DType);
        switch (x.DType)
        {
            case DType.Float32: Gather<float>(x.Span<float>(), y.Span<float>(), outDims, stride); break;
            case DType.Int64: Gather<long>(x.Span<long>(), y.Span<long>(), outDims, stride); break;
            case DType.Int32: Gather<int>(x.Span<int>(), y.Span<int>(), outDims, stride); break;
            default: Gather<bool>(x.Span<bool>(), y.Span<bool>(), outDims, stride); break;
        }

        return y;
    }

    /// <summary>Walks the output in order, reading the source through permuted strides.</summary>
    private static void Gather<T>(ReadOnlySpan<T> src, Span<T> dst, int[] dims, int[] stride)
    {
        int rank = dims.Length;
        if (rank == 0)
        {
            src.CopyTo(dst);
            return;
        }

        Span<int> counter = stackalloc int[rank];
        int inner = dims[rank - 1], si = stride[rank - 1];
        int off = 0;
        for (int o = 0; o < dst.Length; o += inner)
        {
            for (int j = 0, s = off; j < inner; j++, s += si)
            {
                dst[o + j] = src[s];
            }

            for (int k = rank - 2; k >= 0; k--)
            {
                off += stride[k];
                if (++counter[k] < dims[k])
                {
                    break;
                }

                off -= stride[k] * dims[k];
                counter[k] = 0;
            }
        }
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var inverse = new int[_perm.Length];
        for (int i = 0; i < _perm.Length; i++)
        {
            inverse[_perm[i]] = i;
        }

        return [Apply(g, inverse)];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("permute", x => x[0].Permute(2, 0, 1) * x[1], OpCase.Shapes([2, 3, 4], [4, 2, 3])),
        new("transpose", x => x[0].Transpose(0, 1) * x[1], OpCase.Shapes([2, 3], [3, 2])),
    ];
}
