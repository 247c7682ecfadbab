using System.Diagnostics;
using System.Globalization;
using MlNetDl.Pipelines;
using MlNetDl.Samples.Data;
using MlNetDl.Samples.Knn;
using MlNetDl.Transforms;

namespace MlNetDl.Samples.Pca;

/// <summary>
/// PCA of Fashion-MNIST pixels (60,000 training images; <c>--quick</c>: 2,000): explained variance of the first
/// components, then the mean squared reconstruction error of the test images with 2, 10, 50 and 100 components.
/// </summary>
internal static class PcaSample
{
    private static readonly int[] Ranks = [2, 10, 50, 100];

    public static int Run(SampleOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var (train, test, source) = FashionMnist.Load(options.DataDirectory);
        int trainCount = options.Quick ? Math.Min(2000, train.Count) : train.Count;
        int testCount = options.Quick ? Math.Min(500, test.Count) : test.Count;
        log.WriteLine($"pca: Fashion-MNIST from {source}: fit on {trainCount} train images, reconstruct {testCount} test images");

        var context = new MLContext(seed: options.Seed);
        var fitClock = Stopwatch.StartNew();
        var model = context.Transforms.ProjectToPrincipalComponents("Pc", "Features", rank: Ranks[^1]).Fit(KnnSample.View(train, trainCount));
        double fitSeconds = fitClock.Elapsed.TotalSeconds;
        var ratio = model.ExplainedVarianceRatio;
        double cumulative = 0;
        for (int c = 0; c < 10; c++)
        {
            cumulative += ratio[c];
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"component {c + 1,3}: variance {model.ExplainedVariance[c],9:F4}  ratio {ratio[c]:F4}  cumulative {cumulative:F4}"));
        }
        KnnSample.Result(log, "fit_seconds", fitSeconds);
        KnnSample.Result(log, "ratio_1", ratio[0]);
        KnnSample.Result(log, "ratio_2", ratio[1]);

        var x = test.Pixels[..(testCount * test.Features)];
        foreach (int rank in Ranks)
        {
            var sub = model.WithRank(rank);
            double mse = sub.ReconstructionMse(x, testCount);
            double explained = sub.ExplainedVarianceRatio.Sum();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rank,3} components: explained variance ratio {explained:F4}, test reconstruction MSE {mse:F5}"));
            KnnSample.Result(log, $"mse_{rank}", mse);
            KnnSample.Result(log, $"explained_{rank}", explained);
        }
        KnnSample.Result(log, "seconds", clock.Elapsed.TotalSeconds);
        return 0;
    }
}
