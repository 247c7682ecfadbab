using System.Diagnostics;
using MlNetDl.Pipelines.Loaders;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>
/// torchvision resnet50(weights=None) exported once per test run by Debian's /usr/bin/python3 (seed 0, BatchNorm
/// statistics randomized first so no BatchNormalization folds into Identity; opset 13, dynamic batch,
/// TrainingMode.PRESERVE, no constant folding), with a seeded batch of 2 images and torch's logits for them, all in a
/// temporary folder deleted with the fixture. About 100 MB and a few seconds; never committed.
/// </summary>
public sealed class ResNet50Fixture : IDisposable
{
    public const int Batch = 2;

    private const string Script = """
        import sys, numpy as np, torch, torchvision
        torch.manual_seed(0)
        m = torchvision.models.resnet50(weights=None).eval()
        with torch.no_grad():
            for mod in m.modules():
                if isinstance(mod, torch.nn.BatchNorm2d):
                    mod.running_mean.uniform_(-0.1, 0.1); mod.running_var.uniform_(0.5, 1.5)
                    mod.weight.uniform_(0.5, 1.5); mod.bias.uniform_(-0.1, 0.1)
            x = torch.from_numpy(np.random.default_rng(0).standard_normal((int(sys.argv[2]), 3, 224, 224), dtype=np.float32))
            np.save(sys.argv[1] + "/input.npy", x.numpy()); np.save(sys.argv[1] + "/logits.npy", m(x).numpy())
        torch.onnx.export(m, x, sys.argv[1] + "/resnet50.onnx", input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13,
                          training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
        """;

    private readonly Lazy<string> _dir = new(Export);

    /// <summary>Why the ResNet-50 tests cannot run here, or null when they can.</summary>
    public static string? Unavailable { get; } = File.Exists("/usr/bin/python3") && Directory.Exists("/usr/lib/python3/dist-packages/torchvision")
        ? null
        : "ResNet-50 tests need Debian's /usr/bin/python3 with python3-torchvision (apt-get install python3-torchvision) to export the model.";

    public string ModelPath => Path.Combine(_dir.Value, "resnet50.onnx");

    /// <summary>The images, [Batch, 3, 224, 224].</summary>
    public (float[] Data, int[] Shape) Input => NpyReader.ReadFloat32(Path.Combine(_dir.Value, "input.npy"));

    /// <summary>torch's logits for <see cref="Input"/>, [Batch, 1000].</summary>
    public (float[] Data, int[] Shape) Logits => NpyReader.ReadFloat32(Path.Combine(_dir.Value, "logits.npy"));

    public void Dispose()
    {
        if (_dir.IsValueCreated)
        {
            Directory.Delete(_dir.Value, recursive: true);
        }
    }

    private static string Export()
    {
        string dir = Directory.CreateTempSubdirectory("mlnetdl-resnet50-").FullName;
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", Script, dir, Batch.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(arg);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"exporting resnet50 with /usr/bin/python3 failed ({p.ExitCode}): {stderr.Result}");
        }

        return dir;
    }
}

/// <summary>The ResNet-50 tests share one export.</summary>
[CollectionDefinition(Name)]
public sealed class ResNet50Collection : ICollectionFixture<ResNet50Fixture>
{
    public const string Name = "ResNet-50 export";
}

/// <summary>A fact skipped, with the reason, where torchvision is absent.</summary>
public sealed class ResNet50FactAttribute : FactAttribute
{
    public ResNet50FactAttribute()
    {
        if (ResNet50Fixture.Unavailable is string reason)
        {
            Skip = reason;
        }
    }
}
