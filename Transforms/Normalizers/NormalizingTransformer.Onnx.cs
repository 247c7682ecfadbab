using MlNetDl.Onnx;
using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

public sealed partial class NormalizingTransformer : ICanExportOnnx
{
    /// <summary>Affine: (x − offset)·scale; mean/std: (x − mean)/std, with the same per-slot constants and float32
    /// operations as the transformer. The CDF normalizer has no export (ONNX would need Erf).</summary>
    public void ExportOnnx(OnnxPipelineContext ctx)
    {
        var type = ctx.TypeOf(ComponentName, InputColumnName);
        string x = ctx.GetColumn(ComponentName, InputColumnName);
        if (Model is CdfNormalizerModel)
        {
            throw new OnnxUnsupportedException($"{ComponentName}: ONNX export of the CDF normalizer (column '{OutputColumnName}') is not supported.");
        }

        var c = Model.Expand(ctx.SizeOf(ComponentName, InputColumnName), type is VectorDataViewType v ? v.Dimensions[0] : 1);
        var g = ctx.Graph;
        string y = Model is AffineNormalizerModel
            ? g.AddNode("Mul", [g.AddNode("Sub", [x, g.AddConstant($"{OutputColumnName}.offset", c.B)]), g.AddConstant($"{OutputColumnName}.scale", c.A)])
            : g.AddNode("Div", [g.AddNode("Sub", [x, g.AddConstant($"{OutputColumnName}.mean", c.A)]), g.AddConstant($"{OutputColumnName}.std", c.B)]);
        ctx.SetColumn(OutputColumnName, y, type);
    }
}
