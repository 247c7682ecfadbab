using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Onnx;

internal static partial class OnnxOps
{
    /// <summary>1-D and 2-D max pooling (a 1-D input runs as a 1×k 2-D window); asymmetric or large pads are applied
    /// explicitly with −∞. The Indices output is not supported.</summary>
    public static Tensor MaxPool(OpContext ctx, Tensor X, int[] kernel_shape, string auto_pad = "NOTSET", int ceil_mode = 0,
        int[]? dilations = null, int[]? pads = null, int storage_order = 0, int[]? strides = null) =>
        Pool2d(ctx, X, kernel_shape, auto_pad, pads, strides, dilations, float.NegativeInfinity,
            (x, k, s, p, d) => Functional.MaxPool2d(x, k, s, p, d, ceil_mode != 0));

    /// <summary>1-D and 2-D average pooling; padding counts in the divisor only with <c>count_include_pad</c>.</summary>
    public static Tensor AveragePool(OpContext ctx, Tensor X, int[] kernel_shape, string auto_pad = "NOTSET", int ceil_mode = 0,
        int count_include_pad = 0, int[]? pads = null, int[]? strides = null) =>
        Pool2d(ctx, X, kernel_shape, auto_pad, pads, strides, null, count_include_pad != 0 ? 0f : float.NaN,
            (x, k, s, p, _) => Functional.AvgPool2d(x, k, s, p, ceil_mode != 0, count_include_pad != 0));

    public static Tensor GlobalAveragePool(Tensor X) => X.Mean([.. Enumerable.Range(2, X.Rank - 2)], keepDim: true);

    public static Tensor GlobalMaxPool(Tensor X) =>
        X.Flatten(2).Max(2, keepDim: true).Values.Reshape([X.Size(0), X.Size(1), .. Enumerable.Repeat(1, X.Rank - 2)]);

    private delegate Tensor Pool2dFn(Tensor x, (int, int) kernel, (int, int) stride, (int, int) padding, (int, int) dilation);

    /// <summary>Shared geometry: ONNX pads [b1, b2, e1, e2] and auto_pad become symmetric engine padding, or an
    /// explicit pad with <paramref name="fill"/> (NaN: cannot be padded explicitly) followed by unpadded pooling.</summary>
    private static Tensor Pool2d(OpContext ctx, Tensor x, int[] kernel, string autoPad, int[]? pads, int[]? strides, int[]? dilations,
        float fill, Pool2dFn pool)
    {
        int spatial = x.Rank - 2;
        if (spatial is not (1 or 2) || kernel.Length != spatial)
        {
            throw ctx.Unsupported($"{spatial}-D pooling (input {x.Shape}, kernel_shape [{string.Join(", ", kernel)}])");
        }

        var g = Geometry.Of(ctx, x.Shape, kernel, autoPad, pads, strides, dilations);
        bool squeeze = spatial == 1;
        if (squeeze)
        {
            x = x.Unsqueeze(2);
            g = g.As2d();
        }

        bool symmetric = g.Begin[0] == g.End[0] && g.Begin[1] == g.End[1]
            && g.Begin[0] <= g.Kernel[0] / 2 && g.Begin[1] <= g.Kernel[1] / 2;
        var padding = (g.Begin[0], g.Begin[1]);
        if (!symmetric)
        {
            if (float.IsNaN(fill))
            {
                // Average over the valid cells only: pool the zero-padded input and a zero-padded mask of ones with
                // the same windows; their ratio is Σ valid / #valid whatever divisor the pooling uses.
                using var ones = Tensor.Ones(1, 1, x.Size(-2), x.Size(-1));
                var sums = pool(PadSpatial(x, g.Begin, g.End, 0f), (g.Kernel[0], g.Kernel[1]), (g.Stride[0], g.Stride[1]), (0, 0), (1, 1));
                var counts = pool(PadSpatial(ones, g.Begin, g.End, 0f), (g.Kernel[0], g.Kernel[1]), (g.Stride[0], g.Stride[1]), (0, 0), (1, 1));
                var mean = sums / counts;
                return squeeze ? mean.Squeeze(2) : mean;
            }

            x = PadSpatial(x, g.Begin, g.End, fill);
            padding = (0, 0);
        }

        var y = pool(x, (g.Kernel[0], g.Kernel[1]), (g.Stride[0], g.Stride[1]), padding, (g.Dilation[0], g.Dilation[1]));
        return squeeze ? y.Squeeze(2) : y;
    }

    /// <summary>Pads the last two dims of [N, C, H, W] with a constant.</summary>
    private static Tensor PadSpatial(Tensor x, int[] begin, int[] end, float value)
    {
        var b = new int[x.Rank];
        var e = new int[x.Rank];
        b[^2] = begin[0];
        b[^1] = begin[1];
        e[^2] = end[0];
        e[^1] = end[1];
        return PadAll(x, b, e, "constant", value);
    }

    /// <summary>Kernel, stride, dilation and resolved begin/end pads per spatial axis.</summary>
    private sealed record Geometry(int[] Kernel, int[] Stride, int[] Dilation, int[] Begin, int[] End)
    {
        public static Geometry Of(OpContext ctx, Shape shape, int[] kernel, string autoPad, int[]? pads, int[]? strides, int[]? dilations)
        {
            int n = kernel.Length;
            var stride = strides is { Length: > 0 } ? strides : Enumerable.Repeat(1, n).ToArray();
            var dilation = dilations is { Length: > 0 } ? dilations : Enumerable.Repeat(1, n).ToArray();
            if (stride.Length != n || dilation.Length != n || (pads is { Length: > 0 } && pads.Length != 2 * n))
            {
                throw ctx.Invalid($"strides/dilations/pads lengths do not match kernel_shape [{string.Join(", ", kernel)}]");
            }

            var begin = new int[n];
            var end = new int[n];
            switch (autoPad)
            {
                case "NOTSET" or "":
                    if (pads is { Length: > 0 })
                    {
                        Array.Copy(pads, 0, begin, 0, n);
                        Array.Copy(pads, n, end, 0, n);
                    }

                    break;
                case "VALID":
                    break;
                case "SAME_UPPER" or "SAME_LOWER":
                    for (int i = 0; i < n; i++)
                    {
                        int input = shape[2 + i], outSize = (input + stride[i] - 1) / stride[i];
                        int total = Math.Max(0, (outSize - 1) * stride[i] + (kernel[i] - 1) * dilation[i] + 1 - input);
                        begin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                        end[i] = total - begin[i];
                    }

                    break;
                default:
                    throw ctx.Invalid($"auto_pad '{autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID");
            }

            return new Geometry(kernel, stride, dilation, begin, end);
        }

        /// <summary>A 1-D geometry as 2-D with a leading axis of size 1.</summary>
        public Geometry As2d() => new([1, Kernel[0]], [1, Stride[0]], [1, Dilation[0]], [0, Begin[0]], [0, End[0]]);
    }
}
