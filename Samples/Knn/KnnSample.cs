using System.Diagnostics;
using System.Globalization;
using MlNetDl.Pipelines;
using MlNetDl.Samples.Data;
using MlNetDl.Trainers;

namespace MlNetDl.Samples.Knn;

/// <summary>
/// k-nearest neighbours (k = 3, brute force) on Fashion-MNIST pixels: all 10,000 test images against the 60,000
/// training images by default (<c>--quick</c>: 2,000 against 500). Prints accuracy and seconds.
/// </summary>
internal static class KnnSample
{
    public static int Run(SampleOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var (train, test, source) = FashionMnist.Load(options.DataDirectory);
        int trainCount = options.Quick ? Math.Min(2000, train.Count) : train.Count;
        int testCount = options.Quick ? Math.Min(500, test.Count) : test.Count;
        log.WriteLine($"knn: Fashion-MNIST from {source}: {trainCount} train / {testCount} test images, k = 3, brute force");

        var context = new MLContext(seed: options.Seed);
        var model = context.MulticlassClassification.Trainers.Knn(k: 3).Fit(View(train, trainCount));
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var scored = model.Transform(View(test, testCount));
        var metrics = context.MulticlassClassification.Evaluate(scored);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accuracy {metrics.MicroAccuracy:F4}, macro accuracy {metrics.MacroAccuracy:F4}; load + fit {fitSeconds:F1} s, total {clock.Elapsed.TotalSeconds:F1} s"));
        Result(log, "accuracy", metrics.MicroAccuracy);
        Result(log, "seconds", clock.Elapsed.TotalSeconds);
        return 0;
    }

    /// <summary>The first <paramref name="count"/> images as Features (Vector&lt;Single, 784&gt;, no copy when all) and Label (Key 10).</summary>
    internal static IDataView View(ImageSet set, int count) => new DataViewBuilder()
        .AddVector("Features", count == set.Count ? set.Pixels : set.Pixels[..(count * set.Features)], set.Features)
        .AddKey("Label", set.Labels[..count], 10)
        .Build();

    internal static void Result(TextWriter log, string name, double value) =>
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {name}={value:G6}"));
}
