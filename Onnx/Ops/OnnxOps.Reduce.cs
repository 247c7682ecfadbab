using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

internal static partial class OnnxOps
{
    /// <summary>Mean over <c>axes</c> (attribute, or input from opset 18); all axes when none are given unless
    /// <c>noop_with_empty_axes</c>.</summary>
    public static Tensor ReduceMean(OpContext ctx, Tensor data, Tensor? axesInput = null, long[]? axes = null, int keepdims = 1,
        int noop_with_empty_axes = 0) => Reduce(ctx, data, axesInput, axes, keepdims, noop_with_empty_axes, mean: true);

    /// <summary>Sum over <c>axes</c> (attribute before opset 13, input from 13).</summary>
    public static Tensor ReduceSum(OpContext ctx, Tensor data, Tensor? axesInput = null, long[]? axes = null, int keepdims = 1,
        int noop_with_empty_axes = 0) => Reduce(ctx, data, axesInput, axes, keepdims, noop_with_empty_axes, mean: false);

    private static Tensor Reduce(OpContext ctx, Tensor data, Tensor? axesInput, long[]? axes, int keepdims, int noop, bool mean)
    {
        var list = axesInput is not null ? Longs(axesInput) : axes;
        if (list is not { Length: > 0 })
        {
            if (noop != 0)
            {
                return data;
            }

            list = [.. Enumerable.Range(0, data.Rank).Select(i => (long)i)];
        }

        int[] dims = [.. list.Select(a => Axis(a, data.Rank, ctx)).Distinct().Order()];
        return mean ? data.Mean(dims, keepdims != 0) : data.Sum(dims, keepdims != 0);
    }
}
