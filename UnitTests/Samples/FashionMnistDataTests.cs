using MlNetDl.Samples.Data;

namespace MlNetDl.UnitTests.Samples;

/// <summary>The default data of the image samples (the runs themselves are in <see cref="AllSamplesQuickTests"/>).</summary>
public class FashionMnistDataTests
{
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
}
