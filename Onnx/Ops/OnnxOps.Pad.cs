using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

internal static partial class OnnxOps
{
    /// <summary>Pads (or crops, for negative pads) every dim: pads [b0, b1, …, e0, e1, …] are the <c>paddings</c>
    /// attribute in opset 1, the <c>pads</c> attribute in 2–10 and an input from 11 (with the constant value and,
    /// from 18, axes as inputs). Modes: constant, reflect, edge.</summary>
    public static Tensor Pad(OpContext ctx, Tensor data, Tensor? padsInput = null, Tensor? constant_value = null, Tensor? axesInput = null,
        string mode = "constant", long[]? pads = null, long[]? paddings = null, float value = 0f)
    {
        var p = padsInput is not null ? Longs(padsInput) : pads ?? paddings ?? throw ctx.Invalid("no pads");
        var axes = axesInput is not null ? Longs(axesInput).Select(a => Axis(a, data.Rank, ctx)).ToArray() : [.. Enumerable.Range(0, data.Rank)];
        if (p.Length != 2 * axes.Length)
        {
            throw ctx.Invalid($"pads has {p.Length} values for {axes.Length} axes (input {data.Shape})");
        }

        if (mode is not ("constant" or "reflect" or "edge"))
        {
            throw ctx.Unsupported($"Pad mode '{mode}'");
        }

        var begin = new int[data.Rank];
        var end = new int[data.Rank];
        for (int i = 0; i < axes.Length; i++)
        {
            begin[axes[i]] = checked((int)p[i]);
            end[axes[i]] = checked((int)p[i + axes.Length]);
        }

        float fill = constant_value is null ? value : ScalarOf(constant_value);
        return PadAll(data, begin, end, mode, fill);
    }

    /// <summary>Pads dim by dim: constant by concatenating filled blocks, reflect/edge by an index select; negative
    /// amounts crop first.</summary>
    private static Tensor PadAll(Tensor x, int[] begin, int[] end, string mode, float value)
    {
        var y = x;
        for (int d = 0; d < x.Rank; d++)
        {
            int cropB = Math.Max(0, -begin[d]), cropE = Math.Max(0, -end[d]);
            if (cropB + cropE > 0)
            {
                y = y.Narrow(d, cropB, Math.Max(0, y.Size(d) - cropB - cropE));
            }

            int b = Math.Max(0, begin[d]), e = Math.Max(0, end[d]), n = y.Size(d);
            if (b + e == 0)
            {
                continue;
            }

            if (mode == "constant")
            {
                var parts = new List<Tensor>(3);
                if (b > 0)
                {
                    parts.Add(Block(y, d, b, value));
                }

                parts.Add(y);
                if (e > 0)
                {
                    parts.Add(Block(y, d, e, value));
                }

                y = Tensor.Cat(parts, d);
                continue;
            }

            if (mode == "reflect" && (b >= n || e >= n))
            {
                throw new ArgumentException($"Pad: reflect padding ({b}, {e}) must be smaller than dim {d} of size {n}.");
            }

            var index = new long[b + n + e];
            for (int i = 0; i < index.Length; i++)
            {
                int j = i - b;
                index[i] = mode == "edge" ? Math.Clamp(j, 0, n - 1) : j < 0 ? -j : j >= n ? 2 * (n - 1) - j : j;
            }

            y = y.IndexSelect(d, Tensor.FromArray(index));
        }

        return y;
    }

    private static Tensor Block(Tensor like, int dim, int size, float value)
    {
        var dims = like.Shape.ToArray();
        dims[dim] = size;
        return Tensor.Full(new Tensors.Shape(dims), value);
    }
}
