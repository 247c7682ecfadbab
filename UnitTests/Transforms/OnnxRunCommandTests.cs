using MlNetDl.Onnx;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Samples.OnnxRun;
using MlNetDl.Tensors;
using MlNetDl.UnitTests.Onnx;
using MlNetDl.UnitTests.Samples;

namespace MlNetDl.UnitTests.Transforms;

/// <summary>The onnx-run sample command, called directly: conformance cases from ../shared/onnx-conformance turned
/// into .npy inputs must reproduce the expected output protobufs; bad arguments fail with exit code 2 and a message
/// naming the argument, input and shapes.</summary>
public sealed class OnnxRunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlnetdl-onnx-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [ConformanceTheory]
    [InlineData("pytorch-converted/test_Conv2d")]
    [InlineData("pytorch-operator/test_operator_add_broadcast")]
    [InlineData("pytorch-converted/test_Embedding")]
    public void ReproducesTheConformanceOutputs(string caseName)
    {
        string caseDir = Path.Combine(OnnxConformance.Root!, caseName);
        string modelPath = Path.Combine(caseDir, "model.onnx");
        string[] names, outputs;
        using (var model = OnnxModel.Load(modelPath))
        {
            names = [.. model.Inputs.Select(i => i.Name)];
            outputs = [.. model.Outputs.Select(o => o.Name)];
        }

        var args = new List<string>();
        for (int i = 0; i < names.Length; i++)
        {
            using var t = OnnxConformance.ReadTensor(Path.Combine(caseDir, "test_data_set_0", $"input_{i}.pb"));
            string npy = Path.Combine(_dir, $"in{i}.npy");
            NpyWriter.Write(npy, t.DType == DType.Int64 ? t.ToArray<long>() : t.ToArray<float>(), t.Shape.ToArray());
            args.Add($"{names[i]}={npy}");
        }

        var log = new StringWriter();
        string outDir = Path.Combine(_dir, "out");
        Assert.True(OnnxRunCommand.Run(modelPath, args, outDir, log) == 0, log.ToString());
        for (int k = 0; k < outputs.Length; k++)
        {
            using var expected = OnnxConformance.ReadTensor(Path.Combine(caseDir, "test_data_set_0", $"output_{k}.pb"));
            var (actual, shape) = NpyReader.ReadFloat32(Path.Combine(outDir, outputs[k] + ".npy"));
            Assert.Equal(expected.Shape.ToArray(), shape);
            var e = expected.To(DType.Float32).ToArray<float>();
            for (int i = 0; i < e.Length; i++)
            {
                Assert.True(actual[i] == e[i] || Math.Abs(actual[i] - e[i]) <= OnnxConformance.Atol + OnnxConformance.Rtol * Math.Abs(e[i]),
                    $"{caseName} output {outputs[k]}[{i}]: {actual[i]} vs {e[i]}");
            }
        }
    }

    [Fact]
    public void BadArgumentsMissingInputsAndShapeMismatchesFailWithClearMessages()
    {
        string model = Path.Combine(_dir, "relu.onnx");
        File.WriteAllBytes(model, Google.Protobuf.MessageExtensions.ToByteArray(OnnxTestModels.Relu()));
        string good = Path.Combine(_dir, "x.npy"), wide = Path.Combine(_dir, "wide.npy"), text = Path.Combine(_dir, "flags.npy");
        NpyWriter.Write(good, new float[] { -1, 2, -3, 4, -5, 6 }, [2, 3]);
        NpyWriter.Write(wide, new float[8], [2, 4]);
        NpyWriter.Write(text, new bool[6], [2, 3]);

        Assert.Contains("bad --input 'x:x.npy': expected NAME=FILE.npy", Fails(2, model, ["x:x.npy"]));
        Assert.Contains("bad --input '=x.npy'", Fails(2, model, ["=x.npy"]));
        Assert.Contains("input 'x' is given twice", Fails(2, model, [$"x={good}", $"x={good}"]));
        Assert.Contains("missing --input for x: Float32[2, 3]", Fails(2, model, []));
        Assert.Contains("'y' is not an input of the model; its inputs are [x: Float32[2, 3]]", Fails(2, model, [$"x={good}", $"y={good}"]));
        Assert.Contains($"input 'x': '{wide}' has shape [2, 4] but the model expects x: Float32[2, 3]", Fails(2, model, [$"x={wide}"]));
        Assert.Contains("holds Bool, which cannot be converted to the model's Float32", Fails(2, model, [$"x={text}"]));
        Assert.Contains($"cannot read '{Path.Combine(_dir, "none.npy")}'", Fails(2, model, [$"x={Path.Combine(_dir, "none.npy")}"]));
        Assert.Contains("the model file '/no/model.onnx' does not exist", Fails(2, "/no/model.onnx", [$"x={good}"]));
        File.WriteAllBytes(Path.Combine(_dir, "junk.onnx"), [1, 2, 3, 4, 5]);
        Assert.Contains("junk.onnx", Fails(1, Path.Combine(_dir, "junk.onnx"), [$"x={good}"]));

        // Through the samples host, as a user runs it.
        string outDir = Path.Combine(_dir, "o");
        var run = SampleRunner.Run("onnx-run", "--model", model, "--input", $"x={good}", "--out", outDir);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(1, run.Results["outputs"]);
        var (y, shape) = NpyReader.ReadFloat32(Path.Combine(outDir, "y.npy"));
        Assert.Equal([2, 3], shape);
        Assert.Equal([0f, 2, 0, 4, 0, 6], y);
        Assert.Equal(2, SampleRunner.Run("onnx-run", "--model", model, "--input").ExitCode);
        Assert.Equal(2, SampleRunner.Run("onnx-run", "--input", $"x={good}", "--out", _dir).ExitCode);
    }

    private string Fails(int code, string model, string[] inputs)
    {
        var log = new StringWriter();
        Assert.Equal(code, OnnxRunCommand.Run(model, inputs, Path.Combine(_dir, "never"), log));
        Assert.False(Directory.Exists(Path.Combine(_dir, "never")), "nothing may be written when the run fails");
        return log.ToString();
    }
}
