using Google.Protobuf;
using MlNetDl.Onnx;
using MlNetDl.Onnx.Export;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>What the exporter promises besides numbers: metadata, names, options, errors naming the module path,
/// atomic writes, restored training flags, the registry and the graph builder.</summary>
public class ExportApiTests
{
    [Fact]
    public void Model_carries_producer_opset_dynamic_batch_and_doc_strings()
    {
        var mlp = ExportModels.Mlp();
        var model = OnnxExporter.ToModel(mlp, [1, 1, 28, 28]);
        Assert.Equal("MlNetDl", model.ProducerName);
        Assert.Equal(OnnxExporter.ProducerVersion, model.ProducerVersion);
        Assert.Matches(@"^\d+\.\d+", model.ProducerVersion);
        Assert.Equal(17, model.OpsetImport.Single().Version);
        Assert.Equal(8, model.IrVersion);
        Assert.Equal(mlp.ToString(), model.DocString);
        var input = model.Graph.Input.Single();
        Assert.Equal("input", input.Name);
        Assert.Equal(["N", "1", "28", "28"], input.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString()));
        var output = model.Graph.Output.Single();
        Assert.Equal("output", output.Name);
        Assert.Equal(["N", "10"], output.Type.TensorType.Shape.Dim.Select(d => d.HasDimParam ? d.DimParam : d.DimValue.ToString()));
        Assert.Equal(["Flatten", "Gemm", "Relu", "Gemm", "Relu", "Gemm"], model.Graph.Node.Select(n => n.OpType));
        var gemm = model.Graph.Node[1];
        Assert.Equal("1/Gemm", gemm.Name);
        Assert.StartsWith("1 (Linear): Linear(in_features=784", gemm.DocString);
        Assert.Equal(["1.weight", "1.bias", "3.weight", "3.bias", "5.weight", "5.bias"], model.Graph.Initializer.Select(t => t.Name));
        Assert.Contains("Sequential", model.Graph.DocString);
    }

    [Fact]
    public void Names_come_from_the_options_and_a_fixed_batch_when_asked()
    {
        var vae = new VaeEncoder();
        var model = OnnxExporter.ToModel(vae, [2, 1, 28, 28], new OnnxExportOptions(Opset: 13, InputNames: ["pixels"], OutputNames: ["mu", "logvar"], BatchDimName: null));
        Assert.Equal(13, model.OpsetImport.Single().Version);
        Assert.Equal("pixels", model.Graph.Input.Single().Name);
        Assert.Equal(["mu", "logvar"], model.Graph.Output.Select(o => o.Name));
        Assert.All(model.Graph.Output, o => Assert.Equal(2, o.Type.TensorType.Shape.Dim[0].DimValue));
        Assert.Equal(["mu/Gemm", "logvar/Gemm"], model.Graph.Node.Where(n => n.Output.Any(o => o is "mu" or "logvar")).Select(n => n.Name));

        var e = Assert.Throws<ArgumentException>(() => OnnxExporter.ToModel(vae, [1, 1, 28, 28], new OnnxExportOptions(OutputNames: ["z"])));
        Assert.Contains("'OutputNames'", e.Message);
        Assert.Contains("(2)", e.Message);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    public void Opset_outside_13_to_17_is_refused_naming_the_option(int opset)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExporter.ToModel(new ReLU(), [1, 2], new OnnxExportOptions(Opset: opset)));
        Assert.Contains($"The 'Opset' option of OnnxExportOptions must be an integer in [13, 17]. Got {opset}.", e.Message);
    }

    [Fact]
    public void Bad_names_and_shapes_are_refused()
    {
        Assert.Contains("'InputNames'", Assert.Throws<ArgumentException>(() => OnnxExporter.ToModel(new ReLU(), [1, 2], new OnnxExportOptions(InputNames: ["a", "a"]))).Message);
        Assert.Contains("[1, 0]", Assert.Throws<ArgumentException>(() => OnnxExporter.ToModel(new ReLU(), [1, 0])).Message);
    }

    [Fact]
    public void Unsupported_module_is_named_with_its_path()
    {
        var model = new Holder(new Sequential(new Linear(4, 4), new ReLU(), new Linear(4, 4), new MyLayer()));
        var e = Assert.Throws<OnnxUnsupportedException>(() => OnnxExporter.ToModel(model, [1, 4]));
        Assert.Contains("encoder.3 (MyLayer)", e.Message);
        Assert.Contains(nameof(IOnnxExportable), e.Message);
    }

    public static TheoryData<string, Func<Module>, int[], string> UnsupportedConfigurations() => new()
    {
        { "divisor_override", () => new Sequential(new AvgPool2d(2, divisorOverride: 3)), [1, 1, 4, 4], "0 (AvgPool2d): divisor_override=3" },
        { "uneven adaptive pooling", () => new AdaptiveAvgPool2d(3), [1, 1, 8, 8], "(AdaptiveAvgPool2d): output size (3, 3) for input 8×8" },
        { "batch norm without running stats", () => new BatchNorm2d(2, trackRunningStats: false), [1, 2, 3, 3], "track_running_stats=False" },
        { "flatten over the batch", () => new Flatten(0), [1, 3, 2], "dimension 0, which is the dynamic batch" },
        { "softplus threshold", () => new Softplus(threshold: 1), [1, 3], "threshold=1" },
        { "unbatched conv", () => new Conv2d(1, 1, 1), [1, 3, 3], "only batched [N, C, H, W]" },
        // 12/10 = 1.2 rounds up in float32, so ⌊6/1.2f⌋ = 4 where PyTorch's ⌊6·10/12⌋ = 5.
        { "inexact nearest scale", () => new Upsample((12, 12)), [1, 1, 10, 10], "do not reproduce PyTorch's nearest indices" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedConfigurations))]
    public void Configurations_without_an_ONNX_form_are_refused(string what, Func<Module> create, int[] shape, string message)
    {
        var e = Assert.Throws<OnnxUnsupportedException>(() => OnnxExporter.ToModel(create(), shape));
        Assert.True(e.Message.Contains(message, StringComparison.Ordinal), $"{what}: {e.Message}");
    }

    [Fact]
    public void Flatten_over_the_batch_exports_with_a_fixed_batch()
    {
        using var model = OnnxTestModels.Load(OnnxExporter.ToModel(new Flatten(0), [2, 3], new OnnxExportOptions(BatchDimName: null)));
        var x = Tensor.FromArray([1f, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([6], model.Run(new Dictionary<string, Tensor> { ["input"] = x })["output"].Shape.ToArray());
    }

    [Fact]
    public void Writes_are_atomic_and_leave_no_temporary_files()
    {
        string dir = Directory.CreateTempSubdirectory("mlnetdl-export-").FullName;
        try
        {
            string path = Path.Combine(dir, "model.onnx");
            File.WriteAllText(path, "old");
            Assert.Throws<OnnxUnsupportedException>(() => OnnxExporter.Export(new Holder(new Sequential(new MyLayer())), [1, 4], path));
            Assert.Equal("old", File.ReadAllText(path));
            OnnxExporter.Export(new Linear(4, 2), [1, 4], path);
            Assert.Equal(["model.onnx"], Directory.GetFiles(dir).Select(Path.GetFileName));
            using var model = OnnxModel.Load(path);
            Assert.Equal("MlNetDl", model.ProducerName);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Training_flags_are_restored_and_dropout_is_exported_as_identity()
    {
        var net = new Sequential(new Linear(4, 4), new Dropout(0.5f), new BatchNorm1d(4));
        net.Train();
        net[2].Eval();
        var model = OnnxExporter.ToModel(net, [2, 4]);
        Assert.Equal([true, true, true, false], net.Modules().Select(m => m.Training));
        Assert.Equal(["Gemm", "BatchNormalization"], model.Graph.Node.Select(n => n.OpType));
    }

    [Fact]
    public void Shared_modules_store_their_weights_once()
    {
        var shared = new Linear(3, 3);
        var model = OnnxExporter.ToModel(new Sequential(shared, new ReLU(), shared), [1, 3]);
        Assert.Equal(2, model.Graph.Initializer.Count);
        Assert.Equal(2, model.Graph.Node.Count(n => n.OpType == "Gemm" && n.Input[1] == model.Graph.Initializer[0].Name));
    }

    [Fact]
    public void Registered_exporter_serves_a_type_and_a_drifting_one_is_caught()
    {
        OnnxModuleExporters.Register<Double>((ctx, m, x) => [ctx.Graph.AddNode("Mul", [x[0], ctx.Constant("two", 2f)])]);
        Assert.True(OnnxModuleExporters.IsRegistered(typeof(Double)));
        using var model = OnnxTestModels.Load(OnnxExporter.ToModel(new Sequential(new Double()), [1, 3]));
        var y = model.Run(new Dictionary<string, Tensor> { ["input"] = Tensor.FromArray([1f, -2, 3], 1, 3) })["output"];
        Assert.Equal([2f, -4, 6], y.ToFloatArray());

        OnnxModuleExporters.Register<Drifting>((ctx, m, x) => [ctx.Graph.AddNode("Relu", x)]);
        var e = Assert.Throws<InvalidOperationException>(() => OnnxExporter.ToModel(new Sequential(new Drifting()), [1, 8]));
        Assert.Contains("0 (Drifting)", e.Message);
    }

    [Fact]
    public void Graph_builder_serves_non_module_exporters()
    {
        // A standardizing transformer's graph: y = (x − mean) / std, as a pipeline component would write it.
        var graph = new OnnxGraphBuilder(opset: 13, graphName: "scaler");
        string x = graph.AddInput("features", DType.Float32, [OnnxDim.Symbolic("N"), 3], Tensor.Zeros(2, 3));
        string centered = graph.AddNode("Sub", [x, graph.AddConstant("mean", 1f, 2f, 3f)]);
        string y = graph.AddNode("Div", [centered, graph.AddConstant("std", 2f, 4f, 8f)]);
        Assert.Equal([2, 3], graph.ShapeOf(y));
        graph.AddOutput(y, "scaled", DType.Float32, [OnnxDim.Symbolic("N"), 3]);
        Assert.Contains("'nope'", Assert.Throws<ArgumentException>(() => graph.AddNode("Relu", ["nope"])).Message);

        using var model = OnnxTestModels.Load(graph.ToModel("tests", "1"));
        var result = model.Run(new Dictionary<string, Tensor> { ["features"] = Tensor.FromArray([3f, 6, 11], 1, 3) })["scaled"];
        Assert.Equal([1f, 1, 1], result.ToFloatArray());
    }

    private sealed class Holder : Module<Tensor, Tensor>, IOnnxExportable
    {
        public Holder(Sequential encoder) => Encoder = RegisterModule("encoder", encoder);

        public Sequential Encoder { get; }

        public override Tensor Forward(Tensor input) => Encoder.Call(input);

        public string[] ExportOnnx(OnnxExportContext ctx, string[] inputs) => ctx.Export(Encoder, inputs);
    }

    private sealed class MyLayer : Module<Tensor, Tensor>
    {
        public override Tensor Forward(Tensor input) => input;
    }

    private sealed class Double : Module<Tensor, Tensor>
    {
        public override Tensor Forward(Tensor input) => input * 2f;
    }

    private sealed class Drifting : Module<Tensor, Tensor>
    {
        public override Tensor Forward(Tensor input) => input.Neg();
    }
}
