using MlNetDl.Pipelines;

namespace MlNetDl.Samples.Data;

/// <summary>Fashion-MNIST as the image samples use it: the split sizes --quick asks for, and data views.</summary>
internal static class FashionMnistSamples
{
    /// <summary>Short class names that fit under a 28×28 thumbnail.</summary>
    public static readonly string[] ShortNames = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"];

    /// <summary>Loads the data the run asks for (see <see cref="FashionMnist.Load"/>); --quick keeps the first
    /// <paramref name="quickTrain"/>/<paramref name="quickTest"/> images. Logs what was loaded.</summary>
    public static (ImageSet Train, ImageSet Test, int TrainCount, int TestCount) Load(SampleRun run, int quickTrain, int quickTest)
    {
        var (train, test, source) = FashionMnist.Load(run.Options.DataDirectory);
        int trainCount = run.Options.Quick ? Math.Min(quickTrain, train.Count) : train.Count;
        int testCount = run.Options.Quick ? Math.Min(quickTest, test.Count) : test.Count;
        run.Log.WriteLine($"{run.Name}: Fashion-MNIST from {source}: {trainCount} train / {testCount} test images, seed {run.Options.Seed}");
        return (train, test, trainCount, testCount);
    }

    /// <summary>The first <paramref name="count"/> images as Features (Vector&lt;Single, 784&gt;, no copy when all)
    /// and Label (Key 10).</summary>
    public static IDataView View(ImageSet set, int count) => new DataViewBuilder()
        .AddVector("Features", count == set.Count ? set.Pixels : set.Pixels[..(count * set.Features)], set.Features)
        .AddKey("Label", set.Labels[..count], 10)
        .Build();

    /// <summary>Image <paramref name="index"/>'s pixels (a copy).</summary>
    public static float[] Image(ImageSet set, int index) => set.Pixels.AsSpan(index * set.Features, set.Features).ToArray();
}
