using System.Diagnostics;
using System.Globalization;
using MlNetDl.Pipelines;
using MlNetDl.Samples.Data;
using MlNetDl.Samples.Plotting;
using MlNetDl.Transforms;

namespace MlNetDl.Samples.Pca;

/// <summary>
/// PCA of Fashion-MNIST pixels (60,000 training images; <c>--quick</c>: 2,000): explained variance of the first
/// components, then the mean squared reconstruction error of the test images with 2, 10, 50 and 100 components.
/// Plots: the test images on the first two components, the eigenvalue spectrum, reconstructions.
/// </summary>
internal static class PcaSample
{
    private static readonly int[] Ranks = [2, 10, 50, 100];

    public sealed class ModelInput
    {
        [VectorType(784)] public float[] Features { get; set; } = [];
    }

    public sealed class ModelOutput
    {
        [VectorType(100)] public float[] Pc { get; set; } = [];
    }

    public static int Run(SampleRun run)
    {
        var clock = Stopwatch.StartNew();
        var (train, test, trainCount, testCount) = FashionMnistSamples.Load(run, quickTrain: 2000, quickTest: 500);

        // Train: fit once with the largest rank; smaller ranks are prefixes of it.
        var context = new MLContext(seed: run.Options.Seed);
        var fitClock = Stopwatch.StartNew();
        var model = context.Transforms.ProjectToPrincipalComponents("Pc", "Features", rank: Ranks[^1]).Fit(FashionMnistSamples.View(train, trainCount));
        double fitSeconds = fitClock.Elapsed.TotalSeconds;
        var ratio = model.ExplainedVarianceRatio;
        double cumulative = 0;
        for (int c = 0; c < 10; c++)
        {
            cumulative += ratio[c];
            run.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"component {c + 1,3}: variance {model.ExplainedVariance[c],9:F4}  ratio {ratio[c]:F4}  cumulative {cumulative:F4}"));
        }
        run.Result("fit_seconds", fitSeconds);
        run.Result("ratio_1", ratio[0]);
        run.Result("ratio_2", ratio[1]);

        // Consume: one image's 100 coordinates through a PredictionEngine.
        var engine = context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
        var pc = engine.Predict(new ModelInput { Features = FashionMnistSamples.Image(test, 0) }).Pc;
        run.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test image 0 on the first components: {pc[0]:F3}, {pc[1]:F3}, {pc[2]:F3}, ..."));

        var x = test.Pixels[..(testCount * test.Features)];
        foreach (int rank in Ranks)
        {
            var sub = model.WithRank(rank);
            double mse = sub.ReconstructionMse(x, testCount);
            double explained = sub.ExplainedVarianceRatio.Sum();
            run.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rank,3} components: explained variance ratio {explained:F4}, test reconstruction MSE {mse:F5}"));
            run.Result($"mse_{rank}", mse);
            run.Result($"explained_{rank}", explained);
        }

        PcaPlots.Save(run, model, test, testCount, Ranks);
        run.Result("seconds", clock.Elapsed.TotalSeconds);
        return 0;
    }
}
