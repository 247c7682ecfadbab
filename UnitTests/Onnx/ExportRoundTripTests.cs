using Google.Protobuf;
using MlNetDl.Onnx;
using MlNetDl.Onnx.Export;
using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>Every row of <see cref="ExportCases"/>: export → our importer → the module's eval outputs, for batch 1 and
/// 3 through the dynamic batch dim, at opset 17 and 13.</summary>
public class ExportRoundTripTests
{
    /// <summary>Where op order differs (Gemm's MatMul + bias against the fused Linear) results may differ by rounding.</summary>
    private const double Tolerance = 1e-6;

    public static TheoryData<string, int> Rows()
    {
        var data = new TheoryData<string, int>();
        foreach (var c in ExportCases.All)
        {
            data.Add(c.Name, 17);
            data.Add(c.Name, 13);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Importer_reproduces_the_module(string name, int opset)
    {
        var row = ExportCases.Get(name);
        var module = row.Create();
        var bytes = OnnxExporter.ToModel(module, row.Shape, new OnnxExportOptions(Opset: opset)).ToByteArray();
        using var model = OnnxModel.Load(new MemoryStream(bytes), sourceName: name);
        Assert.Equal(opset, model.Opset);
        Assert.Null(model.Inputs[0].Dims![0]); // dim_param "N": the batch is dynamic
        module.Eval();
        foreach (int batch in new[] { 1, 3 })
        {
            var x = row.Input(batch);
            var expected = ExportCase.Outputs(module, x);
            var outputs = model.Run(new Dictionary<string, Tensor> { [model.Inputs[0].Name] = x });
            Assert.Equal(expected.Length, model.Outputs.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                var actual = outputs[model.Outputs[i].Name];
                Assert.True(expected[i].Shape == actual.Shape, $"{name} batch {batch} output {i}: shape {actual.Shape}, module gives {expected[i].Shape}");
                AssertClose(expected[i].ToFloatArray(), actual.ToFloatArray(), $"{name} batch {batch} output {i}");
            }
        }
    }

    internal static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)expected[i] - actual[i]);
            Assert.True(diff <= Tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}: element {i} is {actual[i]}, the module gives {expected[i]} (|diff| {diff:G3} > {Tolerance}·max(1, |expected|))");
        }
    }
}
