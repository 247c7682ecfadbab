using Google.Protobuf;
using MlNetDl.Onnx;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;
using static MlNetDl.UnitTests.Onnx.OnnxTestModels;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>Loading refuses bad files and unsupported content with messages that name the file, op, node or
/// input; Run checks its inputs.</summary>
public class OnnxLoadTests
{
    [Fact]
    public void Valid_model_runs_and_round_trips_tensors()
    {
        using var model = Load(Relu());
        var y = model.Run(new Dictionary<string, Tensor> { ["x"] = Input(-1, 2, -3, 4, 0, 6) })["y"];
        Assert.Equal([0f, 2, 0, 4, 0, 6], y.ToFloatArray());
        var back = OnnxTensors.ToTensor(OnnxTensors.FromTensor(y, "y"));
        Assert.Equal(y.ToFloatArray(), back.ToFloatArray());
        Assert.Equal(y.Shape, back.Shape);
    }

    public static TheoryData<string, byte[]> CorruptFiles()
    {
        var bytes = Relu().ToByteArray();
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        return new()
        {
            { "truncated", bytes[..(bytes.Length / 2)] },
            { "random bytes", random },
            { "empty", [] },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void Corrupt_file_is_InvalidDataException_naming_the_file(string kind, byte[] content)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlnetdl-{kind.Replace(' ', '-')}-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, content);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void File_over_the_size_limit_is_refused_before_parsing()
    {
        string path = Path.GetTempFileName();
        File.WriteAllBytes(path, Relu().ToByteArray());
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(path, new OnnxLoadOptions(MaxFileBytes: 10)));
            Assert.Contains("MaxFileBytes", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void External_data_is_refused_with_its_location()
    {
        var model = Relu();
        var w = new TensorProto { Name = "w", DataType = 1, DataLocation = TensorProto.Types.DataLocation.External };
        w.Dims.Add(3);
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
        model.Graph.Initializer.Add(w);
        var e = Assert.Throws<OnnxUnsupportedException>(() => Load(model));
        Assert.Contains("'w'", e.Message);
        Assert.Contains("weights.bin", e.Message);
        Assert.Contains("external", e.Message);
    }

    [Theory]
    [InlineData(new long[] { -1, 3 }, "dimension 0 is -1")]
    [InlineData(new long[] { 1L << 20, 1L << 20 }, "more than the limit")]
    [InlineData(new long[] { 1L << 40 }, "dimension 0")]
    public void Absurd_initializer_dims_are_refused_before_allocation(long[] dims, string expected)
    {
        var model = Relu();
        var w = new TensorProto { Name = "w", DataType = 1 };
        w.Dims.AddRange(dims);
        model.Graph.Initializer.Add(w);
        var e = Assert.Throws<InvalidDataException>(() => Load(model));
        Assert.Contains("initializer 'w'", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Absurd_ConstantOfShape_is_refused()
    {
        var graph = new GraphProto();
        var shape = new TensorProto { Name = "s", DataType = 7 };
        shape.Dims.Add(2);
        shape.Int64Data.AddRange([1L << 20, 1L << 20]);
        graph.Initializer.Add(shape);
        graph.Node.Add(Node("ConstantOfShape", "big", ["s"], ["y"]));
        graph.Output.Add(Value("y", 1));
        var e = Assert.Throws<InvalidDataException>(() => Load(Model(graph)));
        Assert.Contains("ConstantOfShape (node 'big', #0)", e.Message);
    }

    [Fact]
    public void Unsupported_op_is_refused_at_load_naming_op_and_node()
    {
        var model = Relu();
        model.Graph.Node.Add(Node("FancyOp", "fancy", ["y"], ["z"]));
        model.Graph.Output.Add(Value("z", 1, 2, 3));
        var e = Assert.Throws<OnnxUnsupportedException>(() => Load(model));
        Assert.Contains("'FancyOp'", e.Message);
        Assert.Contains("node 'fancy', #1", e.Message);
        Assert.Contains("test.onnx", e.Message);
    }

    [Theory]
    [InlineData(2L, 13, "IR version 2")]
    [InlineData(8L, 99, "opset version 99")]
    public void Unsupported_versions_are_refused(long ir, int opset, string expected)
    {
        var model = Relu(opset);
        model.IrVersion = ir;
        var e = Assert.Throws<OnnxUnsupportedException>(() => Load(model));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Undefined_input_and_cycles_are_refused()
    {
        var undefined = Relu();
        undefined.Graph.Node.Add(Node("Add", "add", ["y", "nowhere"], ["z"]));
        Assert.Contains("'nowhere'", Assert.Throws<InvalidDataException>(() => Load(undefined)).Message);

        var cycle = new GraphProto();
        cycle.Input.Add(Value("x", 1, 2, 3));
        cycle.Node.Add(Node("Add", "a", ["x", "b_out"], ["a_out"]));
        cycle.Node.Add(Node("Relu", "b", ["a_out"], ["b_out"]));
        cycle.Output.Add(Value("b_out", 1, 2, 3));
        Assert.Contains("cycle", Assert.Throws<InvalidDataException>(() => Load(Model(cycle))).Message);
    }

    [Fact]
    public void Missing_required_attribute_is_refused_at_load()
    {
        var model = Relu();
        model.Graph.Node.Add(Node("LRN", "lrn", ["y"], ["z"]));
        var e = Assert.Throws<InvalidDataException>(() => Load(model));
        Assert.Contains("'size'", e.Message);
        Assert.Contains("LRN (node 'lrn', #1)", e.Message);
    }

    [Fact]
    public void Run_names_a_missing_unknown_or_mismatched_input()
    {
        using var model = Load(Relu());
        Assert.Contains("missing input 'x'", Assert.Throws<ArgumentException>(() => model.Run(new Dictionary<string, Tensor>())).Message);
        Assert.Contains("unknown input 'q'", Assert.Throws<ArgumentException>(() =>
            model.Run(new Dictionary<string, Tensor> { ["x"] = Input(1, 2, 3, 4, 5, 6), ["q"] = Input(1, 2, 3, 4, 5, 6) })).Message);
        var shape = Assert.Throws<ArgumentException>(() => model.Run(new Dictionary<string, Tensor> { ["x"] = Tensor.Zeros(3, 2) }));
        Assert.Contains("input 'x' has shape [3, 2]", shape.Message);
        var dtype = Assert.Throws<ArgumentException>(() =>
            model.Run(new Dictionary<string, Tensor> { ["x"] = Tensor.FromArray(new long[6], 2, 3) }));
        Assert.Contains("input 'x' is Int64", dtype.Message);
    }

    [Fact]
    public void Run_failure_names_the_node()
    {
        var graph = new GraphProto();
        graph.Input.Add(Value("a", 1, 2, 3));
        graph.Input.Add(Value("b", 1, 4, 5));
        graph.Node.Add(Node("MatMul", "mm", ["a", "b"], ["y"]));
        graph.Output.Add(Value("y", 1));
        using var model = Load(Model(graph));
        var e = Assert.Throws<InvalidOperationException>(() =>
            model.Run(new Dictionary<string, Tensor> { ["a"] = Tensor.Zeros(2, 3), ["b"] = Tensor.Zeros(4, 5) }));
        Assert.Contains("MatMul (node 'mm', #0)", e.Message);
    }
}
