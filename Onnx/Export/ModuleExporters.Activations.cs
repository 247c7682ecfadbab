using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using static MlNetDl.Onnx.Export.OnnxAttribute;

namespace MlNetDl.Onnx.Export;

internal static partial class ModuleExporters
{
    /// <summary>Softplus thresholds from which PyTorch's linear branch (x for βx above it) and ONNX's log(1 + eˣ) agree
    /// to float32 rounding: log(1 + e⁻ᵗ) ≤ 3·10⁻⁷ relative to x ≥ t.</summary>
    private const float MinSoftplusThreshold = 15f;

    private static void RegisterActivations()
    {
        Register<ReLU>((ctx, m, x) => ctx.Graph.AddNode("Relu", [x]));
        Register<Sigmoid>((ctx, m, x) => ctx.Graph.AddNode("Sigmoid", [x]));
        Register<Tanh>((ctx, m, x) => ctx.Graph.AddNode("Tanh", [x]));
        Register<LeakyReLU>((ctx, m, x) => ctx.Graph.AddNode("LeakyRelu", [x], Float("alpha", m.NegativeSlope)));
        Register<ELU>((ctx, m, x) => ctx.Graph.AddNode("Elu", [x], Float("alpha", m.Alpha)));
        Register<PReLU>(PRelu);
        Register<Softplus>(Softplus);
        Register<Softmax>((ctx, m, x) => ctx.Graph.AddNode("Softmax", [x], Int("axis", m.Dim)));
        Register<LogSoftmax>((ctx, m, x) => ctx.Graph.AddNode("LogSoftmax", [x], Int("axis", m.Dim)));
    }

    /// <summary>The slopes broadcast against x from the channel dim: [C, 1, …] for rank-r input ([1] when shared).</summary>
    private static string PRelu(OnnxExportContext ctx, PReLU m, string x)
    {
        int rank = ctx.ShapeOf(x).Length;
        using var scope = TensorScope.Suspend();
        var slope = m.NumParameters == 1 ? m.Weight : m.Weight.Reshape([m.NumParameters, .. Enumerable.Repeat(1, Math.Max(0, rank - 2))]);
        return ctx.Graph.AddNode("PRelu", [x, ctx.Initializer("weight", slope)]);
    }

    /// <summary>ONNX Softplus is log(1 + eˣ); β ≠ 1 becomes Softplus(βx)/β as PyTorch exports it.</summary>
    private static string Softplus(OnnxExportContext ctx, Softplus m, string x)
    {
        if (m.Threshold < MinSoftplusThreshold)
        {
            throw ctx.Unsupported($"threshold={m.Threshold}: ONNX Softplus has no linear branch, and below {MinSoftplusThreshold} it differs from PyTorch's by more than float32 rounding");
        }

        if (m.Beta == 1f)
        {
            return ctx.Graph.AddNode("Softplus", [x]);
        }

        string beta = ctx.Constant("beta", m.Beta);
        var y = ctx.Graph.AddNode("Softplus", [ctx.Graph.AddNode("Mul", [x, beta])]);
        return ctx.Graph.AddNode("Div", [y, beta]);
    }
}
