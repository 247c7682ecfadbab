using MlNetDl.Onnx.Export;
using MlNetDl.Pipelines;
using static MlNetDl.Onnx.Export.OnnxAttribute;

namespace MlNetDl.Trainers.Network;

public sealed partial class NetworkClassifierTransformer : ICanExportOnnx
{
    /// <summary>The features [N, d] reshaped to [N, ...InputShape] (e.g. [N, 1, 28, 28] for a CNN), the network's
    /// layers as exported by <see cref="OnnxExporter.ExportInto"/>, then Score [N, K] = Softmax(logits) and
    /// PredictedLabel [N, 1] = ArgMax + 1 (int64, the 1-based key; ONNX ArgMax also takes the lowest index on ties).</summary>
    public void ExportOnnx(OnnxPipelineContext ctx)
    {
        var g = ctx.Graph;
        string x = ctx.GetColumn(ComponentName, Options.FeatureColumnName);
        if (Options.InputShape.Length > 1)
        {
            x = g.AddNode("Reshape", [x, g.AddConstant("network.input_shape", [-1L, .. Options.InputShape.Select(d => (long)d)])]);
        }

        string logits = OnnxExporter.ExportInto(g, Model, x) is [var single] ? single
            : throw new InvalidOperationException($"{ComponentName}: the network must have one output for ONNX export.");
        string score = g.AddNode("Softmax", [logits], Int("axis", 1));
        ctx.SetColumn("Score", score, new VectorDataViewType(NumberDataViewType.Single, ClassCount));
        string label = g.AddNode("Add", [g.AddNode("ArgMax", [score], Int("axis", 1), Int("keepdims", 1)), g.AddConstant("one", 1L)]);
        ctx.SetColumn("PredictedLabel", label, new KeyDataViewType(typeof(uint), (ulong)ClassCount));
    }
}
