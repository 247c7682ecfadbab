using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>Sum of int64, int32 or bool tensors, returning int64 as torch.sum does (counts, accuracy:
/// <c>pred.Eq(labels).Sum()</c>). Not differentiable.</summary>
internal static class IntegerSum
{
    public static Tensor Apply(Tensor x, int[] dims, bool keepDim)
    {
        var (reduce, kept, final) = SumFunction.ReduceShapes(x.Shape, dims);
        var cur = x.Converted(DType.Int64);
        var curShape = x.Shape.ToArray();
        for (int d = 0; d < reduce.Length; d++)
        {
            if (!reduce[d])
            {
                continue;
            }

            var (outer, n, inner) = Reduce.Split(new Shape(curShape), d);
            curShape[d] = 1;
            var next = Tensor.Empty(new Shape(curShape), DType.Int64);
            Reduce.Sum<long>(cur.Span<long>(), next.Span<long>(), outer, n, inner);
            cur.Dispose();
            cur = next;
        }

        if (x.Rank == 0 || reduce.Length == 0)
        {
            var copy = Tensor.Empty(x.Shape, DType.Int64);
            cur.Span<long>().CopyTo(copy.Span<long>());
            cur.Dispose();
            cur = copy;
        }

        var r = cur.ViewAs(keepDim ? kept : final);
        cur.Dispose();
        return r;
    }
}
