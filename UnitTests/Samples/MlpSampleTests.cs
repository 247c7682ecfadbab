using System.Globalization;
using MlNetDl.Samples;
using MlNetDl.Samples.Data;
using MlNetDl.Samples.Mlp;

namespace MlNetDl.UnitTests.Samples;

public class MlpSampleTests
{
    [Fact]
    public void QuickRunLearnsAndReloadsIdentically()
    {
        var output = new StringWriter();
        var outDir = Directory.CreateTempSubdirectory("mlnetdl-mlp-test").FullName;
        int rc = MlpSample.Run(new SampleOptions { Quick = true, Epochs = 3, OutputDirectory = outDir, DataDirectory = null }, output);
        var results = output.ToString().Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            .Select(l => l[7..].Trim().Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        Assert.Equal(0, rc);
        Assert.InRange(results["accuracy"], 0.6, 1.0);          // 10 classes: chance is 0.1
        Assert.Equal(results["accuracy"], results["reload_accuracy"]);
        Assert.True(File.Exists(Path.Combine(outDir, "mlp.safetensors")));
    }

    [Fact]
    public void EmbeddedSubsetHasBalancedClasses()
    {
        var (train, test) = FashionMnist.LoadEmbedded();
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(300, train.Labels.Count(l => l == c)));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(100, test.Labels.Count(l => l == c)));

        Assert.Equal(28 * 28, train.Features);
        Assert.InRange(train.Pixels.Max(), 0.99f, 1f);
    }

    [Fact]
    public void MissingDataDirectoryNamesThePath()
    {
        var dir = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid());
        var ex = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(dir));
        Assert.Contains(dir, ex.Message);
    }

    [Fact]
    public void OptionsParserRejectsUnknownAndMalformedOptions()
    {
        Assert.Equal(3, Program.Parse(["--epochs", "3", "--quick"]).Epochs);
        Assert.Contains("--epochs", Assert.Throws<ArgumentException>(() => Program.Parse(["--epochs", "x"])).Message);
        Assert.Contains("--nope", Assert.Throws<ArgumentException>(() => Program.Parse(["--nope"])).Message);
    }
}
