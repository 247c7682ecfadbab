using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using static MlNetDl.Onnx.Export.OnnxAttribute;

namespace MlNetDl.Onnx.Export;

internal static partial class ModuleExporters
{
    private static void RegisterLayers()
    {
        Register<Linear>(Linear);
        Register<Conv2d>(Conv);
        Register<ConvTranspose2d>(ConvTranspose);
        Register<BatchNorm1d>(BatchNorm);
        Register<BatchNorm2d>(BatchNorm);
    }

    /// <summary>[N, in] → Gemm(x, W, b, transB=1); other ranks → MatMul(x, Wᵀ) + b.</summary>
    private static string Linear(OnnxExportContext ctx, Linear m, string x)
    {
        if (ctx.ShapeOf(x).Length == 2)
        {
            string[] inputs = m.Bias is null ? [x, ctx.Initializer("weight", m.Weight)] : [x, ctx.Initializer("weight", m.Weight), ctx.Initializer("bias", m.Bias)];
            return ctx.Graph.AddNode("Gemm", inputs, Int("transB", 1));
        }

        var y = ctx.Graph.AddNode("MatMul", [x, ctx.Initializer("weight_t", m.Weight.T)]);
        return m.Bias is null ? y : ctx.Graph.AddNode("Add", [y, ctx.Initializer("bias", m.Bias)]);
    }

    /// <summary>Conv with PyTorch's padding: explicit symmetric pads, or 'same' as total d·(k − 1) with the odd extra
    /// at the end (bottom/right), as PyTorch pads.</summary>
    private static string Conv(OnnxExportContext ctx, Conv2d m, string x)
    {
        Batched4d(ctx, x);
        var (begin, end) = (m.Padding, m.Padding);
        if (m.PaddingMode == ConvPadding.Same)
        {
            int th = m.Dilation.H * (m.KernelSize.H - 1), tw = m.Dilation.W * (m.KernelSize.W - 1);
            (begin, end) = ((th / 2, tw / 2), (th - th / 2, tw - tw / 2));
        }

        return ctx.Graph.AddNode("Conv", WeightAndBias(ctx, x, m), Int("group", m.Groups),
            Ints("kernel_shape", m.KernelSize.H, m.KernelSize.W), Ints("strides", m.Stride.H, m.Stride.W),
            Ints("pads", Pads(begin, end)), Ints("dilations", m.Dilation.H, m.Dilation.W));
    }

    private static string ConvTranspose(OnnxExportContext ctx, ConvTranspose2d m, string x)
    {
        Batched4d(ctx, x);
        return ctx.Graph.AddNode("ConvTranspose", WeightAndBias(ctx, x, m), Int("group", m.Groups),
            Ints("kernel_shape", m.KernelSize.H, m.KernelSize.W), Ints("strides", m.Stride.H, m.Stride.W),
            Ints("pads", Pads(m.Padding, m.Padding)), Ints("dilations", m.Dilation.H, m.Dilation.W),
            Ints("output_padding", m.OutputPadding.H, m.OutputPadding.W));
    }

    private static string[] WeightAndBias(OnnxExportContext ctx, string x, ConvNdBase m) =>
        m.Bias is null ? [x, ctx.Initializer("weight", m.Weight)] : [x, ctx.Initializer("weight", m.Weight), ctx.Initializer("bias", m.Bias)];

    /// <summary>Eval-mode batch norm with the running statistics; without affine parameters γ = 1 and β = 0.</summary>
    private static string BatchNorm(OnnxExportContext ctx, BatchNormBase m, string x)
    {
        if (m.RunningMean is null || m.RunningVar is null)
        {
            throw ctx.Unsupported("track_running_stats=False normalizes with batch statistics even in eval mode, which ONNX BatchNormalization (inference) cannot express");
        }

        using var scope = TensorScope.Suspend();
        string scale = m.Weight is not null ? ctx.Initializer("weight", m.Weight) : ctx.Initializer("weight", Tensor.Ones(m.NumFeatures));
        string bias = m.Bias is not null ? ctx.Initializer("bias", m.Bias) : ctx.Initializer("bias", Tensor.Zeros(m.NumFeatures));
        return ctx.Graph.AddNode("BatchNormalization",
            [x, scale, bias, ctx.Initializer("running_mean", m.RunningMean), ctx.Initializer("running_var", m.RunningVar)],
            Float("epsilon", (float)m.Eps));
    }
}
