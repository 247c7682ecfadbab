namespace MlNetDl.Onnx.Export;

/// <summary>Implemented by a module that declares its own ONNX export (principle 11), typically a custom module
/// composing children: <c>ctx.Export(Decoder, ctx.Export(Encoder, inputs))</c>. It takes precedence over
/// <see cref="OnnxModuleExporters"/>.</summary>
public interface IOnnxExportable
{
    /// <summary>Adds this module's nodes for <paramref name="inputs"/> (value names) and returns its output value
    /// names, in the order of the module's outputs.</summary>
    string[] ExportOnnx(OnnxExportContext ctx, string[] inputs);
}
