using MlNetDl.Onnx;
using MlNetDl.Pipelines;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>torchvision's ResNet-50 imported through mlContext.Transforms.ApplyOnnxModel: flat image columns
/// reshaped to [3, 224, 224], logits within 1e-4 (relative to the largest logit) of torch's; and loading the
/// ~100 MB file allocates under 2.5× its size.</summary>
[Collection(ResNet50Collection.Name)]
public sealed class ResNet50Tests(ResNet50Fixture resnet)
{
    [ResNet50Fact]
    public void LogitsMatchTorchThroughApplyOnnxModel()
    {
        var (pixels, shape) = resnet.Input;
        Assert.Equal([ResNet50Fixture.Batch, 3, 224, 224], shape);
        var data = new DataViewBuilder().AddVector("Image", pixels, 3 * 224 * 224).Build();
        var context = new MLContext(seed: 1);
        var model = context.Transforms.ApplyOnnxModel(new MlNetDl.Transforms.Onnx.OnnxOptions
        {
            ModelFile = resnet.ModelPath,
            InputColumns = ["Image"],
            OutputColumns = ["Logits"],
            InputTensorNames = new Dictionary<string, string> { ["Image"] = "input" },
            OutputTensorNames = new Dictionary<string, string> { ["Logits"] = "logits" },
            BatchSize = ResNet50Fixture.Batch,
        }).Fit(data);
        // The export kept every convolution and BatchNormalization (none folded away), so all of them ran.
        Assert.Equal((53, 53), (CountOps(resnet.ModelPath, "Conv"), CountOps(resnet.ModelPath, "BatchNormalization")));
        // Every BatchNormalization follows a Conv whose output nothing else reads: all 53 are folded into their Conv.
        int nodes = MlNetDl.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(resnet.ModelPath)).Graph.Node.Count;
        Assert.Equal(nodes - 53, model.Model.NodeCount);
        var output = InMemoryDataView.From(model.Transform(data));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 1000), output.Schema["Logits"].Type);
        var actual = new float[ResNet50Fixture.Batch * 1000];
        ((VectorColumn)output.GetColumn("Logits")).CopyRows(0, ResNet50Fixture.Batch, actual);

        var (expected, _) = resnet.Logits;
        double scale = expected.Max(v => Math.Abs((double)v));
        double worst = expected.Zip(actual).Max(p => Math.Abs((double)p.First - p.Second));
        Assert.True(worst <= 1e-4 * scale, $"max |ours − torch| = {worst:G4}, {worst / scale:G3} of the largest logit {scale:G4} (limit 1e-4)");
        for (int r = 0; r < ResNet50Fixture.Batch; r++)
        {
            Assert.Equal(ArgMax(expected.AsSpan(r * 1000, 1000)), ArgMax(actual.AsSpan(r * 1000, 1000)));
        }
    }

    /// <summary>GC.GetAllocatedBytesForCurrentThread counts every managed byte the load allocates (the parse runs on
    /// this thread), so it bounds the load's peak from above whatever other tests do meanwhile.</summary>
    [ResNet50Fact]
    public void LoadingAllocatesUnderTwoAndAHalfTimesTheFileSize()
    {
        string path = resnet.ModelPath;
        long fileBytes = new FileInfo(path).Length;
        long before = GC.GetAllocatedBytesForCurrentThread();
        using (var model = OnnxModel.Load(path))
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 2.5 * fileBytes,
                $"loading {fileBytes:N0} bytes allocated {allocated:N0} bytes ({(double)allocated / fileBytes:F2}× the file; limit 2.5×)");
            Assert.True(allocated > fileBytes, $"the weights ({fileBytes:N0} bytes) must be allocated at least once; measured {allocated:N0}");
        }
    }

    private static int CountOps(string path, string op) =>
        MlNetDl.Onnx.Proto.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node.Count(n => n.OpType == op);

    private static int ArgMax(ReadOnlySpan<float> v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++)
        {
            best = v[i] > v[best] ? i : best;
        }

        return best;
    }
}
