using MlNetDl.Tensors.Nn;
using static MlNetDl.Onnx.Export.OnnxAttribute;

namespace MlNetDl.Onnx.Export;

internal static partial class ModuleExporters
{
    private static void RegisterPooling()
    {
        Register<MaxPool2d>((ctx, m, x) =>
        {
            Batched4d(ctx, x);
            return ctx.Graph.AddNode("MaxPool", [x], Attrs(Ints("kernel_shape", m.KernelSize.H, m.KernelSize.W),
                Ints("strides", m.Stride.H, m.Stride.W), Ints("pads", Pads(m.Padding, m.Padding)),
                m.Dilation == (1, 1) ? null : Ints("dilations", m.Dilation.H, m.Dilation.W), IntIf(m.CeilMode, "ceil_mode", 1)));
        });
        Register<AvgPool2d>((ctx, m, x) =>
        {
            Batched4d(ctx, x);
            if (m.DivisorOverride is int d)
            {
                throw ctx.Unsupported($"divisor_override={d} has no ONNX AveragePool form");
            }

            if (m.CountIncludePad && m.Padding != (0, 0) && !m.CeilMode)
            {
                // Padding that counts in the divisor is explicit zero padding then unpadded pooling: the same values,
                // and the form OpenCV 4.6 reads right (it ignores count_include_pad=1).
                var (ph, pw) = m.Padding;
                x = ctx.Graph.AddNode("Pad", [x, ctx.Constant("pads", 0L, 0, ph, pw, 0, 0, ph, pw)]);
                return ctx.Graph.AddNode("AveragePool", [x], Ints("kernel_shape", m.KernelSize.H, m.KernelSize.W),
                    Ints("strides", m.Stride.H, m.Stride.W));
            }

            return ctx.Graph.AddNode("AveragePool", [x], Attrs(Ints("kernel_shape", m.KernelSize.H, m.KernelSize.W),
                Ints("strides", m.Stride.H, m.Stride.W), Ints("pads", Pads(m.Padding, m.Padding)),
                Int("count_include_pad", m.CountIncludePad ? 1 : 0), IntIf(m.CeilMode, "ceil_mode", 1)));
        });
        Register<AdaptiveAvgPool2d>((ctx, m, x) => Adaptive(ctx, x, m.OutputSize, "AveragePool", "GlobalAveragePool"));
        Register<AdaptiveMaxPool2d>((ctx, m, x) => Adaptive(ctx, x, m.OutputSize, "MaxPool", "GlobalMaxPool"));
        Register<Upsample>(Upsample);
    }

    /// <summary>Adaptive pooling is fixed-window pooling when each output size divides its input size (window =
    /// stride = in/out), and global pooling for a 1×1 output; other sizes have uneven windows ONNX cannot express.</summary>
    private static string Adaptive(OnnxExportContext ctx, string x, (int? H, int? W) size, string pool, string global)
    {
        var s = Batched4d(ctx, x);
        int oh = size.H ?? s[2], ow = size.W ?? s[3];
        if (oh == 1 && ow == 1)
        {
            return ctx.Graph.AddNode(global, [x]);
        }

        if (oh <= 0 || ow <= 0 || s[2] % oh != 0 || s[3] % ow != 0)
        {
            throw ctx.Unsupported($"output size ({oh}, {ow}) for input {s[2]}×{s[3]}: ONNX has adaptive pooling only where the output divides the input (or is 1×1)");
        }

        int kh = s[2] / oh, kw = s[3] / ow;
        return ctx.Graph.AddNode(pool, [x], Ints("kernel_shape", kh, kw), Ints("strides", kh, kw));
    }

    /// <summary>Nearest upsampling as Resize (asymmetric coordinates, floor): source index ⌊dst/scale⌋ with
    /// scale = out/in, which is PyTorch's rule when the float scale reproduces its indices exactly (checked).</summary>
    private static string Upsample(OnnxExportContext ctx, Upsample m, string x)
    {
        var s = Batched4d(ctx, x);
        var (sh, sw) = m.ScaleFactor is { } f
            ? ((float)f.H, (float)f.W)
            : ((float)(m.Size!.Value.H / (double)s[2]), (float)(m.Size.Value.W / (double)s[3]));
        string scales = ctx.Constant("scales", 1f, 1f, sh, sw);
        string y = ctx.Graph.AddNode("Resize", [x, "", scales], String("mode", "nearest"),
            String("coordinate_transformation_mode", "asymmetric"), String("nearest_mode", "floor"));
        using var scope = Tensors.TensorScope.Begin();
        var expected = m.Forward(ctx.Graph.SampleOf(x));
        var actual = ctx.Graph.SampleOf(y);
        if (expected.Shape != actual.Shape || !expected.ToFloatArray().AsSpan().SequenceEqual(actual.ToFloatArray()))
        {
            throw ctx.Unsupported($"{(m.ScaleFactor is null ? "size" : "scale_factor")} giving {expected.Shape} from {string.Join("×", s)}: the float32 Resize scales ({sh}, {sw}) do not reproduce PyTorch's nearest indices (ONNX Resize sizes would fix the batch)");
        }

        return y;
    }
}
