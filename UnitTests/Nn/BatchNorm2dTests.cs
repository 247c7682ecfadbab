using System.Globalization;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using Xunit.Abstractions;

namespace MlNetDl.UnitTests.Nn;

/// <summary>BatchNorm2d against torch.nn.BatchNorm2d (run through /usr/bin/python3): two training steps, the running
/// statistics, an evaluation step and the input gradient of the training step.</summary>
public sealed class BatchNorm2dTests(ITestOutputHelper output)
{
    private const string Script = """
        import sys, json, torch
        x1, x2 = (torch.tensor(json.loads(a)).view(3, 2, 4, 5) for a in sys.argv[1:3])
        bn = torch.nn.BatchNorm2d(2, momentum=0.2)
        with torch.no_grad():
            bn.weight.copy_(torch.tensor([1.5, -0.5])); bn.bias.copy_(torch.tensor([0.2, 1.0]))
        bn(x1)
        x2.requires_grad_(True)
        y = bn(x2)
        (y * torch.arange(y.numel()).view_as(y).sin()).sum().backward()
        bn.eval()
        e = bn(x1)
        print(json.dumps({'train': y.flatten().tolist(), 'grad': x2.grad.flatten().tolist(), 'eval': e.flatten().tolist(),
                          'mean': bn.running_mean.tolist(), 'var': bn.running_var.tolist()}))
        """;

    [Fact]
    public void TrainAndEvalMatchPyTorch()
    {
        if (!TorchPython.Available)
        {
            output.WriteLine("SKIPPED: /usr/bin/python3 with torch is not available; the PyTorch cross-check did not run.");
            return;
        }

        var x1 = Tensor.Normal(new Shape(3, 2, 4, 5), 1f, 2f, new Generator(1));
        var x2 = Tensor.Normal(new Shape(3, 2, 4, 5), -0.5f, 0.7f, new Generator(2));
        var r = System.Text.Json.JsonDocument.Parse(TorchPython.RunChecked(Script, Json(x1), Json(x2))).RootElement;

        var bn = new BatchNorm2d(2, momentum: 0.2);
        new float[] { 1.5f, -0.5f }.CopyTo(bn.Weight!.AsWritableSpan<float>());
        new float[] { 0.2f, 1f }.CopyTo(bn.Bias!.AsWritableSpan<float>());
        bn.Call(x1);
        x2.RequiresGrad = true;
        var y = bn.Call(x2);
        var w = Tensor.FromArray([.. Enumerable.Range(0, y.Numel).Select(i => MathF.Sin(i))], 3, 2, 4, 5);
        (y * w).Sum().Backward();
        bn.Eval();
        var e = bn.Call(x1);

        NnAssert.Close(Floats(r, "train"), y, 1e-5f, "train");
        NnAssert.Close(Floats(r, "grad"), x2.Grad!, 1e-4f, "grad");
        NnAssert.Close(Floats(r, "eval"), e, 1e-5f, "eval");
        NnAssert.Close(Floats(r, "mean"), bn.RunningMean!, 1e-5f, "running_mean");
        NnAssert.Close(Floats(r, "var"), bn.RunningVar!, 1e-5f, "running_var");
        Assert.Equal(2L, bn.NumBatchesTracked!.Item<long>());
    }

    private static string Json(Tensor t) =>
        "[" + string.Join(",", t.ToFloatArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    private static float[] Floats(System.Text.Json.JsonElement r, string name) =>
        [.. r.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble())];
}
