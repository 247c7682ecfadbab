using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

internal static partial class OnnxOps
{
    /// <summary>Elementwise comparisons with numpy broadcasting → bool.</summary>
    public static Tensor Greater(Tensor A, Tensor B) => A.Gt(B);

    /// <inheritdoc cref="Greater"/>
    public static Tensor GreaterOrEqual(Tensor A, Tensor B) => A.Ge(B);

    /// <inheritdoc cref="Greater"/>
    public static Tensor Less(Tensor A, Tensor B) => A.Lt(B);

    /// <inheritdoc cref="Greater"/>
    public static Tensor Equal(Tensor A, Tensor B) => A.Eq(B);

    /// <summary>Index (int64) of the largest value along <c>axis</c>; ties give the first index unless
    /// <c>select_last_index</c> (not supported).</summary>
    public static Tensor ArgMax(OpContext ctx, Tensor data, int axis = 0, int keepdims = 1, int select_last_index = 0)
    {
        if (select_last_index != 0)
        {
            throw ctx.Unsupported("select_last_index=1");
        }

        return data.ArgMax(Axis(axis, data.Rank, ctx), keepdims != 0);
    }
}
