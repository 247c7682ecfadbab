using MlNetDl.Tensors.Nn;
using static MlNetDl.Onnx.Export.OnnxAttribute;

namespace MlNetDl.Onnx.Export;

/// <summary>The exporters of the built-in layers, registered once in <see cref="OnnxModuleExporters"/>; one partial
/// file per family. Each maps the layer's eval-mode semantics to ONNX ops with the layer's hyperparameters.</summary>
internal static partial class ModuleExporters
{
    internal static void RegisterBuiltIns()
    {
        RegisterLayers();
        RegisterPooling();
        RegisterShapes();
        RegisterActivations();
        OnnxModuleExporters.Register<Sequential>((ctx, m, inputs) =>
        {
            var x = inputs;
            foreach (var (_, child) in m.NamedChildren())
            {
                x = ctx.Export(child, x);
            }

            return x;
        });
    }

    private static void Register<T>(Func<OnnxExportContext, T, string, string> export)
        where T : Module =>
        OnnxModuleExporters.Register<T>((ctx, m, inputs) => [export(ctx, m, Single(ctx, inputs))]);

    private static string Single(OnnxExportContext ctx, string[] inputs) =>
        inputs.Length == 1 ? inputs[0] : throw new ArgumentException($"{ctx.Where} takes one input; got {inputs.Length}.");

    /// <summary>Throws unless the value is [N, C, H, W] (the 2-D layers export only batched input).</summary>
    private static int[] Batched4d(OnnxExportContext ctx, string x)
    {
        var shape = ctx.ShapeOf(x);
        return shape.Length == 4 ? shape : throw ctx.Unsupported($"input of shape [{string.Join(", ", shape)}]: only batched [N, C, H, W] input is exported");
    }

    private static int[] Pads((int H, int W) begin, (int H, int W) end) => [begin.H, begin.W, end.H, end.W];

    private static Proto.AttributeProto[] Attrs(params Proto.AttributeProto?[] attributes) => [.. attributes.OfType<Proto.AttributeProto>()];

    private static Proto.AttributeProto? IntIf(bool condition, string name, long value) => condition ? Int(name, value) : null;
}
