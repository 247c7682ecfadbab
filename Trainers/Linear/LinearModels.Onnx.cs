using MlNetDl.Onnx.Export;
using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using static MlNetDl.Onnx.Export.OnnxAttribute;

namespace MlNetDl.Trainers.Linear;

public sealed partial class LinearRegressionTransformer : ICanExportOnnx
{
    /// <summary>Score [N, 1] = Gemm(x, w, b) in float32 (the transformer sums in double).</summary>
    public void ExportOnnx(OnnxPipelineContext ctx) =>
        ctx.SetColumn(Options.ScoreColumnName, LinearOnnx.Score(ctx, ComponentName, Options.FeatureColumnName, Weights, Bias), NumberDataViewType.Single);
}

public sealed partial class LogisticRegressionTransformer : ICanExportOnnx
{
    /// <summary>Score = Gemm(x, w, b), Probability = Sigmoid(Score), PredictedLabel = Score ≥ 0 (bool), each [N, 1].</summary>
    public void ExportOnnx(OnnxPipelineContext ctx)
    {
        string score = LinearOnnx.Score(ctx, ComponentName, Options.FeatureColumnName, Weights, Bias);
        ctx.SetColumn("Score", score, NumberDataViewType.Single);
        ctx.SetColumn("Probability", ctx.Graph.AddNode("Sigmoid", [score]), NumberDataViewType.Single);
        ctx.SetColumn("PredictedLabel", ctx.Graph.AddNode("GreaterOrEqual", [score, ctx.Graph.AddConstant("zero", 0f)]), BooleanDataViewType.Instance);
    }
}

public sealed partial class SoftmaxRegressionTransformer : ICanExportOnnx
{
    /// <summary>Score [N, K] = Softmax(Gemm(x, W, b)); PredictedLabel [N, 1] = ArgMax + 1 (int64, the 1-based key).</summary>
    public void ExportOnnx(OnnxPipelineContext ctx)
    {
        var g = ctx.Graph;
        int k = Options.ClassCount;
        string x = ctx.GetColumn(ComponentName, Options.FeatureColumnName);
        string logits = g.AddNode("Gemm", [x, g.AddInitializer("softmax.weights", Tensor.FromArray([.. Weights], FeatureCount, k)),
            g.AddInitializer("softmax.bias", Tensor.FromArray([.. Bias], k))]);
        string score = g.AddNode("Softmax", [logits], Int("axis", 1));
        ctx.SetColumn("Score", score, new VectorDataViewType(NumberDataViewType.Single, k));
        string label = g.AddNode("Add", [g.AddNode("ArgMax", [score], Int("axis", 1), Int("keepdims", 1)), g.AddConstant("one", 1L)]);
        ctx.SetColumn("PredictedLabel", label, new KeyDataViewType(typeof(uint), (ulong)k));
    }
}

/// <summary>The shared w·x + b of the binary and regression models.</summary>
internal static class LinearOnnx
{
    public static string Score(OnnxPipelineContext ctx, string component, string features, IReadOnlyList<double> weights, double bias)
    {
        var g = ctx.Graph;
        string x = ctx.GetColumn(component, features);
        var w = Tensor.FromArray([.. weights.Select(v => (float)v)], 1, weights.Count);
        return g.AddNode("Gemm", [x, g.AddInitializer($"{component}.weights", w), g.AddConstant($"{component}.bias", (float)bias)], Int("transB", 1));
    }
}
