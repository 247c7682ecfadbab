using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using static MlNetDl.Onnx.Export.OnnxAttribute;

namespace MlNetDl.Transforms.Pca;

public sealed partial class PcaTransformer : ICanExportOnnx
{
    /// <summary>y = (x − mean)·Cᵀ as Sub + Gemm(transB=1) on the [Rank × FeatureCount] components, then ·1/√λ when
    /// whitening (0 for a zero eigenvalue, as <see cref="Project"/>).</summary>
    public void ExportOnnx(OnnxPipelineContext ctx)
    {
        ctx.SizeOf(Kind, Options.Input);
        var g = ctx.Graph;
        string x = ctx.GetColumn(Kind, Options.Input);
        string name = Options.OutputColumnName;
        string centered = g.AddNode("Sub", [x, g.AddConstant($"{name}.mean", [.. _mean.Select(m => (float)m)])]);
        string y = g.AddNode("Gemm", [centered, g.AddInitializer($"{name}.components", Tensor.FromArray(_components, Rank, FeatureCount))], Int("transB", 1));
        if (Options.Whitening)
        {
            y = g.AddNode("Mul", [y, g.AddConstant($"{name}.whitening", [.. _eigenvalues.Select(v => v > 0 ? (float)(1 / Math.Sqrt(v)) : 0f)])]);
        }

        ctx.SetColumn(name, y, new VectorDataViewType(NumberDataViewType.Single, Rank));
    }
}
