using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

/// <summary>Handlers for ONNX ops, one public static method per op, named exactly after the op, with the op's
/// inputs as <see cref="Tensor"/> parameters and its attributes as parameters of the same (ONNX) name whose
/// defaults are ONNX's defaults (see <see cref="OpBinder"/>). Handlers compose engine ops; semantics of older op
/// versions are selected with <see cref="OpContext.Opset"/>. Helpers are private so they are not taken for ops.</summary>
internal static partial class OnnxOps
{
    /// <summary>Normalizes a possibly negative axis against <paramref name="rank"/>.</summary>
    private static int Axis(long axis, int rank, OpContext ctx)
    {
        long a = axis < 0 ? axis + rank : axis;
        return a >= 0 && a < rank ? (int)a : throw ctx.Invalid($"axis {axis} is out of range for rank {rank}");
    }

    /// <summary>The values of a 1-D int64/int32 tensor input (shapes, axes, pads, repeats).</summary>
    private static long[] Longs(Tensor t) => t.DType switch
    {
        DType.Int64 => t.ToArray<long>(),
        DType.Int32 => t.ToArray<int>().Select(v => (long)v).ToArray(),
        DType.Float32 => t.ToArray<float>().Select(v => (long)v).ToArray(),
        _ => throw new ArgumentException($"expected an integer tensor, got {t.DType} of shape {t.Shape}."),
    };

    private static int[] Ints(IEnumerable<long> values) => values.Select(v => checked((int)v)).ToArray();

    private static float ScalarOf(Tensor t) => t.DType switch
    {
        DType.Float32 => t.AsReadOnlySpan<float>()[0],
        DType.Int64 => t.AsReadOnlySpan<long>()[0],
        DType.Int32 => t.AsReadOnlySpan<int>()[0],
        _ => throw new ArgumentException($"expected a numeric scalar, got {t.DType}."),
    };

    /// <summary>Pre-opset-7 broadcasting: with <c>broadcast=1</c> and <c>axis</c>, B's dims align with A's from
    /// <c>axis</c> on (trailing ones are appended); otherwise numpy broadcasting, which covers the suffix case.</summary>
    private static Tensor Legacy(Tensor a, Tensor b, long broadcast, long? axis, OpContext ctx)
    {
        if (ctx.Opset >= 7 || broadcast == 0 || axis is not long ax || b.Rank == 0)
        {
            return b;
        }

        int start = Axis(ax, a.Rank, ctx);
        var dims = b.Shape.ToArray().Concat(Enumerable.Repeat(1, Math.Max(0, a.Rank - start - b.Rank))).ToArray();
        return b.Reshape(dims);
    }
}
