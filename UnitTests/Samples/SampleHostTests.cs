using System.CommandLine;
using MlNetDl.Pipelines;
using MlNetDl.Samples;

namespace MlNetDl.UnitTests.Samples;

/// <summary>The command line: list, option errors (exit 2), sample-specific options, promised files, progress lines.</summary>
public class SampleHostTests
{
    [Fact]
    public void ListPrintsOneLinePerSample()
    {
        var run = SampleRunner.Run("list");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SampleRegistry.All.Select(s => s.Name), lines.Select(l => l.Split(' ')[0]));
    }

    [Theory]
    [InlineData(new[] { "mlp", "--bogus" }, "--bogus")]
    [InlineData(new[] { "mlp", "--epochs", "0" }, "--epochs must be an integer ≥ 1; got '0'")]
    [InlineData(new[] { "mlp", "--epochs", "x" }, "--epochs must be an integer ≥ 1; got 'x'")]
    [InlineData(new[] { "knn", "--seed", "-3" }, "--seed must be an integer ≥ 0; got '-3'")]
    [InlineData(new[] { "mlp", "--epochs" }, "--epochs")]
    [InlineData(new[] { "no-such-sample" }, "no-such-sample")]
    [InlineData(new string[0], "name a sample")]
    public void BadCommandLineExitsTwoNamingTheProblem(string[] args, string message)
    {
        var run = SampleRunner.Run(args);
        Assert.Equal(SampleHost.UsageError, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Empty(run.Results);
    }

    [Fact]
    public void MissingDataPathIsAUsageErrorNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-data-" + Guid.NewGuid());
        var run = SampleRunner.Run("softmax", "--data", missing, "--quick");
        Assert.Equal(SampleHost.UsageError, run.ExitCode);
        Assert.Contains(missing, run.Stderr);
    }

    /// <summary>The shape onnx-run will have: its own options (one repeated), only --out of the common ones.</summary>
    [Fact]
    public void ACommandDeclaresItsOwnOptions()
    {
        var outDir = Directory.CreateTempSubdirectory("mlnetdl-host-").FullName;
        SampleRun? seen = null;
        var table = new SampleDefinition[]
        {
            new("echo", "test command", r => { seen = r; File.WriteAllText(r.OutputPath("echo.txt"), "x"); return 0; })
            {
                Common = CommonOptions.Out,
                Files = ["echo.txt"],
                Options = [() => new Option<string>("--model") { Required = true }, () => new Option<string[]>("--input") { AllowMultipleArgumentsPerToken = true }],
            },
        };
        var run = SampleRunner.Run(table, "echo", "--model", "m.onnx", "--input", "a=a.npy", "b=b.npy", "--out", outDir);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("m.onnx", seen!.Get<string>("--model"));
        Assert.Equal(["a=a.npy", "b=b.npy"], seen.Get<string[]>("--input")!);
        Assert.Equal(Path.GetFullPath(outDir), seen.OutputDirectory);

        Assert.Equal(SampleHost.UsageError, SampleRunner.Run(table, "echo", "--model", "m", "--epochs", "3").ExitCode);  // not a common option here
        var noModel = SampleRunner.Run(table, "echo");
        Assert.Equal(SampleHost.UsageError, noModel.ExitCode);
        Assert.Contains("--model", noModel.Stderr);
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public void MissingPromisedFileFailsNamingIt()
    {
        var outDir = Directory.CreateTempSubdirectory("mlnetdl-host-").FullName;
        var table = new SampleDefinition[] { new("lazy", "writes nothing", _ => 0) { Files = ["plot.png"] } };
        var run = SampleRunner.Run(table, "lazy", "--out", outDir);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("plot.png", run.Stderr);
        Directory.Delete(outDir, recursive: true);
    }

    [Fact]
    public void ResultNamesAreCheckedAndWrittenInvariant()
    {
        var log = new StringWriter();
        var run = new SampleRun("t", new SampleOptions(), log);
        run.Result("accuracy", 0.5);
        Assert.Contains("RESULT accuracy=0.5", log.ToString());
        Assert.Throws<ArgumentException>(() => run.Result("accuracy", 0.6));
        Assert.Throws<ArgumentException>(() => run.Result("Bad Name", 1));
    }

    [Fact]
    public void PlainProgressPrintsEpochEndsAndThrottlesBatches()
    {
        var log = new StringWriter();
        var progress = new PlainProgress(log, "train");
        var metrics = new Dictionary<string, double> { ["loss"] = 0.25 };
        progress.Report(new TrainingProgress(1, 2, 1, 100, metrics, TimeSpan.Zero));      // batch: within the interval, dropped
        progress.Report(new TrainingProgress(1, 2, 0, 100, metrics, TimeSpan.FromSeconds(1)));
        progress.Report(new TrainingProgress(2, 2, 100, 100, metrics, TimeSpan.FromSeconds(2)));
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["train: epoch 1/2 loss=0.25 (1.0s)", "train: epoch 2/2 batch 100/100 loss=0.25 (2.0s)"], lines.Select(l => l.TrimEnd('\r')));
    }
}
