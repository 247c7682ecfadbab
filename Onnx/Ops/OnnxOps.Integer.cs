using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

internal static partial class OnnxOps
{
    /// <summary>Arithmetic on two int64 tensors (shape computations, integer parameters), which the float32 engine
    /// ops do not cover: numpy broadcasting, one pass over the output. Other dtype pairs use <paramref name="op"/>.</summary>
    private static Tensor Arithmetic(Tensor a, Tensor b, Func<Tensor, Tensor, Tensor> op, Func<long, long, long> integer, string name)
    {
        if (a.DType != DType.Int64 || b.DType != DType.Int64)
        {
            return op(a, b);
        }

        var shape = Tensors.Shape.Broadcast(a.Shape, b.Shape, name);
        var sa = BroadcastStrides(a.Shape, shape);
        var sb = BroadcastStrides(b.Shape, shape);
        var x = a.AsReadOnlySpan<long>();
        var y = b.AsReadOnlySpan<long>();
        var result = new long[shape.Numel];
        var index = new int[shape.Rank];
        for (int i = 0; i < result.Length; i++)
        {
            int ia = 0, ib = 0;
            for (int d = 0; d < index.Length; d++)
            {
                ia += index[d] * sa[d];
                ib += index[d] * sb[d];
            }

            result[i] = integer(x[ia], y[ib]);
            for (int d = index.Length - 1; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
        }

        return Tensor.From<long>(result, shape);
    }

    /// <summary>Row-major strides of <paramref name="from"/> aligned to <paramref name="to"/>, 0 on broadcast dims.</summary>
    private static int[] BroadcastStrides(Tensors.Shape from, Tensors.Shape to)
    {
        var strides = new int[to.Rank];
        for (int d = from.Rank - 1, stride = 1; d >= 0; d--)
        {
            int target = to.Rank - from.Rank + d;
            strides[target] = from[d] == 1 ? 0 : stride;
            stride *= from[d];
        }

        return strides;
    }
}
