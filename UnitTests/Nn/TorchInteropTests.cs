using System.Globalization;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using Xunit.Abstractions;

namespace MlNetDl.UnitTests.Nn;

/// <summary>A state file written here loads into the equivalent PyTorch module with strict=True and computes the
/// same outputs (read in Python by hand: 8-byte header length, JSON header, raw little-endian data).</summary>
public sealed class TorchInteropTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlnetdl-torch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Script = """
        import json, struct, sys, torch
        from torch import nn
        raw = open(sys.argv[1], 'rb').read()
        n = struct.unpack('<Q', raw[:8])[0]
        header = json.loads(raw[8:8 + n])
        data = raw[8 + n:]
        dtypes = {'F32': torch.float32, 'I64': torch.int64}
        state = {}
        for key, info in header.items():
            if key == '__metadata__':
                continue
            b, e = info['data_offsets']
            state[key] = torch.frombuffer(bytearray(data[b:e]), dtype=dtypes[info['dtype']]).reshape(info['shape']).clone()
        assert header['__metadata__']['format'] == 'pt'
        model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3))
        model.load_state_dict(state, strict=True)
        x = torch.tensor(json.loads(sys.argv[2]), dtype=torch.float32)
        model.eval()
        with torch.no_grad():
            ev = model(x)
            model.train()
            tr = model(x)
        print(json.dumps({'eval': ev.flatten().tolist(), 'train': tr.flatten().tolist(),
                          'running_mean': model[1].running_mean.tolist(), 'nbt': int(model[1].num_batches_tracked)}))
        """;

    [Fact]
    public void SavedStateLoadsIntoTorchAndGivesTheSameOutputs()
    {
        if (!TorchPython.Available)
        {
            output.WriteLine("SKIPPED: /usr/bin/python3 with torch is not available; the PyTorch cross-check did not run.");
            return;
        }

        var model = new Sequential(new Linear(4, 3, generator: new Generator(3)), new BatchNorm1d(3));
        var bn = (BatchNorm1d)model[1];
        new float[] { 0.5f, 2, -1 }.CopyTo(bn.Weight!.AsWritableSpan<float>());
        new float[] { 0.1f, -0.3f, 1 }.CopyTo(bn.Bias!.AsWritableSpan<float>());
        model.Call(Tensor.Uniform(new Shape(6, 4), -2, 2, new Generator(4))); // non-default running statistics
        var path = Path.Combine(_dir, "model.safetensors");
        model.Save(path);

        float[] input = [0.1f, -0.2f, 0.3f, 0.4f, 1, 2, -3, 0.5f, -1, 0, 0.25f, 2, 0.7f, -0.6f, 0.2f, -1.5f];
        var json = "[" + string.Join(",", Enumerable.Range(0, 4).Select(r =>
            "[" + string.Join(",", input.Skip(4 * r).Take(4).Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";
        var result = System.Text.Json.JsonDocument.Parse(TorchPython.RunChecked(Script, path, json)).RootElement;

        var x = Tensor.FromArray(input, 4, 4);
        model.Eval();
        var eval = model.Call(x).ToFloatArray();
        model.Train();
        var train = model.Call(x).ToFloatArray();

        TestData.AssertClose(Floats(result.GetProperty("eval")), eval, 1e-5f);
        TestData.AssertClose(Floats(result.GetProperty("train")), train, 1e-5f);
        TestData.AssertClose(Floats(result.GetProperty("running_mean")), bn.RunningMean!.ToFloatArray(), 1e-5f);
        Assert.Equal(2L, result.GetProperty("nbt").GetInt64());
        Assert.Equal(2L, bn.NumBatchesTracked!.Item<long>());
    }

    private static float[] Floats(System.Text.Json.JsonElement array) => [.. array.EnumerateArray().Select(e => (float)e.GetDouble())];
}
