using Google.Protobuf;
using MlNetDl.Onnx.Proto;
using MlNetDl.UnitTests.Onnx;

namespace MlNetDl.UnitTests.Transforms;

/// <summary>Small models for the ApplyOnnxModel tests, written to a temporary folder deleted on dispose.</summary>
internal sealed class OnnxTransformModels : IDisposable
{
    /// <summary>The weights of every model: W [4, 3] = (i·3 + j − 5)/4, B [3] = (1, −2, 0.5).</summary>
    public static readonly float[] W = [.. Enumerable.Range(0, 12).Select(i => (i - 5) / 4f)];
    public static readonly float[] B = [1f, -2f, 0.5f];

    private readonly string _dir = Directory.CreateTempSubdirectory("mlnetdl-onnx-transform-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>image [N, 1, 2, 2] → Flatten → Gemm(W, B) → scores [N, 3] → ReduceSum(axis 1) → total [N];
    /// also relu = Relu(image) [N, 1, 2, 2]. <paramref name="batch"/> null: symbolic; otherwise fixed.</summary>
    public string Scorer(long? batch = null)
    {
        var graph = new GraphProto { Name = "scorer" };
        graph.Input.Add(Value("image", batch, 1, 2, 2));
        graph.Output.Add(Value("scores", batch, 3));
        graph.Output.Add(Value("total", batch));
        graph.Output.Add(Value("relu", batch, 1, 2, 2));
        graph.Initializer.Add(Floats("W", W, 4, 3));
        graph.Initializer.Add(Floats("B", B, 3));
        graph.Initializer.Add(new TensorProto { Name = "axes", DataType = 7, Dims = { 1 }, Int64Data = { 1 } });
        graph.Node.Add(OnnxTestModels.Node("Flatten", "flat", ["image"], ["flat"]));
        graph.Node.Add(OnnxTestModels.Node("Gemm", "gemm", ["flat", "W", "B"], ["scores"]));
        graph.Node.Add(OnnxTestModels.Node("ReduceSum", "sum", ["scores", "axes"], ["total"], new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 }));
        graph.Node.Add(OnnxTestModels.Node("Relu", "relu", ["image"], ["relu"]));
        return Write("scorer" + (batch?.ToString() ?? "") + ".onnx", graph);
    }

    /// <summary>Conv-BatchNormalization constants: 1×1 conv 1 → 2 channels, then per-channel statistics.</summary>
    public static readonly float[] ConvW = [0.5f, -2f], ConvB = [0.25f, 1f], Gamma = [1.5f, 0.5f], Beta = [0.1f, -0.3f], Mean = [0.2f, -1f], Var = [0.8f, 2f];

    /// <summary>image [N, 1, 2, 2] → Conv(1×1, 2 channels) → conv → BatchNormalization → bn; outputs bn, and conv
    /// too when <paramref name="exposeConv"/> (so the Conv output has a second reader and must not be folded).</summary>
    public string ConvBatchNorm(bool exposeConv)
    {
        var graph = new GraphProto { Name = "convbn" };
        graph.Input.Add(Value("image", null, 1, 2, 2));
        graph.Output.Add(Value("bn", null, 2, 2, 2));
        if (exposeConv)
        {
            graph.Output.Add(Value("conv", null, 2, 2, 2));
        }

        graph.Initializer.Add(Floats("W", ConvW, 2, 1, 1, 1));
        graph.Initializer.Add(Floats("B", ConvB, 2));
        foreach (var (name, values) in new[] { ("gamma", Gamma), ("beta", Beta), ("mean", Mean), ("var", Var) })
        {
            graph.Initializer.Add(Floats(name, values, 2));
        }

        graph.Node.Add(OnnxTestModels.Node("Conv", "conv", ["image", "W", "B"], ["conv"]));
        graph.Node.Add(OnnxTestModels.Node("BatchNormalization", "bn", ["conv", "gamma", "beta", "mean", "var"], ["bn"],
            new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = 0.01f }));
        return Write($"convbn{exposeConv}.onnx", graph);
    }

    /// <summary>x [4] (no batch axis) → MatMul(W) + B → y [3].</summary>
    public string Unbatched()
    {
        var graph = new GraphProto { Name = "unbatched" };
        graph.Input.Add(OnnxTestModels.Value("x", 1, 4));
        graph.Output.Add(OnnxTestModels.Value("y", 1, 3));
        graph.Initializer.Add(Floats("W", W, 4, 3));
        graph.Initializer.Add(Floats("B", B, 3));
        graph.Node.Add(OnnxTestModels.Node("MatMul", "mm", ["x", "W"], ["xw"]));
        graph.Node.Add(OnnxTestModels.Node("Add", "add", ["xw", "B"], ["y"]));
        return Write("unbatched.onnx", graph);
    }

    /// <summary>An input whose element type is int64 (not feedable from Single columns).</summary>
    public string Int64Input()
    {
        var graph = new GraphProto { Name = "ints" };
        graph.Input.Add(OnnxTestModels.Value("ids", 7, 2));
        graph.Output.Add(OnnxTestModels.Value("out", 7, 2));
        graph.Node.Add(OnnxTestModels.Node("Identity", "id", ["ids"], ["out"]));
        return Write("ints.onnx", graph);
    }

    /// <summary>scores = image·W + B for rows of 4 pixels, the reference for every model here.</summary>
    public static float[] Reference(float[] pixels, int rows)
    {
        var y = new float[rows * 3];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < 3; j++)
            {
                double s = B[j];
                for (int k = 0; k < 4; k++)
                {
                    s += (double)pixels[r * 4 + k] * W[k * 3 + j];
                }

                y[r * 3 + j] = (float)s;
            }
        }

        return y;
    }

    private string Write(string name, GraphProto graph)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, OnnxTestModels.Model(graph).ToByteArray());
        return path;
    }

    private static ValueInfoProto Value(string name, long? batch, params long[] rest)
    {
        var value = OnnxTestModels.Value(name, 1, rest);
        var first = batch is long b ? new TensorShapeProto.Types.Dimension { DimValue = b } : new TensorShapeProto.Types.Dimension { DimParam = "N" };
        value.Type.TensorType.Shape.Dim.Insert(0, first);
        return value;
    }

    private static TensorProto Floats(string name, float[] values, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = 1 };
        t.Dims.AddRange(dims);
        t.FloatData.AddRange(values);
        return t;
    }
}
