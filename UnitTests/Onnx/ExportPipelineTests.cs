using MlNetDl.Onnx;
using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using MlNetDl.Trainers;
using MlNetDl.Trainers.Network;
using MlNetDl.Transforms;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>Fitted chains (normalizers, PCA, linear/logistic/softmax regression) as one ONNX graph through
/// <c>mlContext.Model.ConvertToOnnx</c>: our importer gives the chain's columns (float32 where the transformer sums
/// in double: |diff| ≤ 1e-5·max(1, |y|); labels equal).</summary>
public class ExportPipelineTests
{
    public static TheoryData<string, string[]> Chains() => new()
    {
        { "minmax_softmax", ["Features.output", "Score", "PredictedLabel"] },
        { "meanvar_pca_whitening_logistic", ["Norm", "Pc", "Score", "Probability", "PredictedLabel"] },
        { "meanstd_pca_ols", ["Features.output", "Pc", "Score"] },
        { "minmax_mlp", ["Features.output", "Score", "PredictedLabel"] },
    };

    /// <summary>The chain fitted on <see cref="Data"/>(40) as an ONNX model (also checked by ExportPythonTests).</summary>
    internal static Google.Protobuf.IMessage Convert(string name)
    {
        var context = new MLContext(1);
        var data = Data(40);
        return context.Model.ConvertToOnnxProtobuf(Chain(context, name).Fit(data), data);
    }

    private static IEstimator<ITransformer> Chain(MLContext c, string name) => name switch
    {
        "minmax_softmax" => c.Transforms.NormalizeMinMax("Features").Append(c.MulticlassClassification.Trainers.SoftmaxRegression(epochs: 5, batchSize: 8)),
        "meanvar_pca_whitening_logistic" => c.Transforms.NormalizeMeanVariance("Norm", "Features")
            .Append(c.Transforms.ProjectToPrincipalComponents("Pc", "Norm", rank: 3, whitening: true))
            .Append(c.BinaryClassification.Trainers.NewtonLogisticRegression("Flag", "Pc", l2Regularization: 0.1)),
        "meanstd_pca_ols" => c.Transforms.NormalizeMeanStd("Features", "Features", [0.5f], [2f])
            .Append(c.Transforms.ProjectToPrincipalComponents("Pc", "Features", rank: 2, center: false))
            .Append(c.Regression.Trainers.Ols("Target", "Pc", l2Regularization: 0.5)),
        "minmax_mlp" => c.Transforms.NormalizeMinMax("Features").Append(c.MulticlassClassification.Trainers.Mlp(hiddenLayers: [8], epochs: 3, batchSize: 8)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Chains))]
    public void Importer_reproduces_the_fitted_chain(string name, string[] outputNames)
    {
        var context = new MLContext(1);
        var data = Data(40);
        var model = Chain(context, name).Fit(data);
        var stream = new MemoryStream();
        context.Model.ConvertToOnnx(model, data, stream);
        stream.Position = 0;
        using var onnx = OnnxModel.Load(stream, sourceName: name);
        Assert.Equal(["Features"], onnx.Inputs.Select(i => i.Name));
        Assert.Equal(outputNames, onnx.Outputs.Select(o => o.Name));

        var test = Data(7, seed: 5);
        var expected = (InMemoryDataView)model.Transform(test);
        var features = new float[7 * 4];
        ((VectorColumn)test.GetColumn("Features")).CopyRows(0, 7, features);
        var outputs = onnx.Run(new Dictionary<string, Tensor> { ["Features"] = Tensor.FromArray(features, 7, 4) });
        foreach (var output in onnx.Outputs)
        {
            string column = output.Name.EndsWith(".output", StringComparison.Ordinal) ? output.Name[..^7] : output.Name;
            var actual = outputs[output.Name];
            Assert.Equal(7, actual.Size(0));
            AssertColumn(name, column, expected.GetColumn(column), actual);
        }
    }

    /// <summary>A CNN's features arrive flattened [N, 4] and are reshaped to its input shape [N, 1, 2, 2] in the graph.</summary>
    [Fact]
    public void Cnn_classifier_exports_with_its_input_shape()
    {
        var context = new MLContext(1);
        var flat = Data(30);
        var x = new float[30 * 4];
        ((VectorColumn)flat.GetColumn("Features")).CopyRows(0, 30, x);
        var labels = Enumerable.Range(0, 30).Select(i => (long)(i % 3)).ToArray();
        var data = context.Data.LoadFromArrays(x, [1, 2, 2], labels, classCount: 3);
        var model = context.MulticlassClassification.Trainers.Cnn([LayerSpec.Conv(3, 2), LayerSpec.ReLU], epochs: 2, batchSize: 8).Fit(data);
        using var onnx = OnnxModel.Load(new MemoryStream(Google.Protobuf.MessageExtensions.ToByteArray(context.Model.ConvertToOnnxProtobuf(model, data))));
        var outputs = onnx.Run(new Dictionary<string, Tensor> { ["Features"] = Tensor.FromArray(x, 30, 4) });
        var expected = (InMemoryDataView)model.Transform(data);
        AssertColumn("cnn", "Score", expected.GetColumn("Score"), outputs["Score"]);
        AssertColumn("cnn", "PredictedLabel", expected.GetColumn("PredictedLabel"), outputs["PredictedLabel"]);
    }

    [Fact]
    public void ConvertToOnnx_writes_a_file_atomically()
    {
        var context = new MLContext(1);
        var data = Data(20);
        var model = context.Transforms.NormalizeMinMax("Scaled", "Features").Fit(data);
        string dir = Directory.CreateTempSubdirectory("mlnetdl-convert-").FullName;
        try
        {
            string path = Path.Combine(dir, "chain.onnx");
            File.WriteAllText(path, "old");
            context.Model.ConvertToOnnx(model, data, path, opset: 13);
            Assert.Equal(["chain.onnx"], Directory.GetFiles(dir).Select(Path.GetFileName));
            using var onnx = OnnxModel.Load(path);
            Assert.Equal((13, "MlNetDl"), (onnx.Opset, onnx.ProducerName));
            Assert.Equal(["Scaled"], onnx.Outputs.Select(o => o.Name));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Members_without_an_export_are_named()
    {
        var context = new MLContext(1);
        var data = Data(20);
        var cdf = context.Transforms.NormalizeMeanVariance("Norm", "Features", useCdf: true).Fit(data);
        Assert.Contains("CDF normalizer", Assert.Throws<OnnxUnsupportedException>(() => context.Model.ConvertToOnnxProtobuf(cdf, data)).Message);

        var knn = context.Transforms.NormalizeMinMax("Features").Append(context.MulticlassClassification.Trainers.Knn(3)).Fit(data);
        var e = Assert.Throws<OnnxUnsupportedException>(() => context.Model.ConvertToOnnxProtobuf(knn, data));
        Assert.Contains("transformer 1 (", e.Message);
        Assert.Contains(nameof(ICanExportOnnx), e.Message);
    }

    private static void AssertColumn(string chain, string column, DataColumn expected, Tensor actual)
    {
        string what = $"{chain}: column {column}";
        switch (expected)
        {
            case VectorColumn v:
                var values = new float[v.Length * v.Size];
                v.CopyRows(0, v.Length, values);
                AssertClose(values, actual.ToFloatArray(), what);
                Assert.Equal([v.Length, v.Size], actual.Shape.ToArray());
                break;
            case ScalarColumn<float> f:
                AssertClose([.. Enumerable.Range(0, f.Length).Select(f.GetValue)], actual.ToFloatArray(), what);
                break;
            case ScalarColumn<bool> b:
                Assert.Equal(Enumerable.Range(0, b.Length).Select(b.GetValue), actual.ToArray<bool>());
                break;
            case ScalarColumn<uint> k:
                Assert.Equal(Enumerable.Range(0, k.Length).Select(i => (long)k.GetValue(i)), actual.ToArray<long>());
                break;
            default:
                throw new InvalidOperationException($"{what}: unexpected column {expected.GetType().Name}");
        }
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"{what}[{i}]: ONNX {actual[i]}, transformer {expected[i]}");
        }
    }

    /// <summary>Features Vector&lt;Single, 4&gt; with three separable class clusters, Label (Key 3), Flag (class 2) and
    /// a linear Target with noise.</summary>
    internal static InMemoryDataView Data(int rows, int seed = 1)
    {
        var rng = new Random(seed);
        var x = new float[rows * 4];
        var label = new long[rows];
        var target = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            label[i] = i % 3;
            for (int j = 0; j < 4; j++)
            {
                x[i * 4 + j] = (float)(rng.NextDouble() * 2 - 1 + (j == label[i] ? 3 : 0) + j * 0.5);
            }

            target[i] = 2 * x[i * 4] - x[i * 4 + 3] + 0.1f * (float)rng.NextDouble();
        }

        return new DataViewBuilder()
            .AddVector("Features", x, 4)
            .AddKey("Label", label, 3)
            .AddBoolean("Flag", [.. label.Select(l => l == 2)])
            .AddSingle("Target", target)
            .Build();
    }
}
