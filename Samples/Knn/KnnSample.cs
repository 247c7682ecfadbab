using System.Diagnostics;
using System.Globalization;
using MlNetDl.Pipelines;
using MlNetDl.Samples.Data;
using MlNetDl.Samples.Plotting;
using MlNetDl.Trainers;

namespace MlNetDl.Samples.Knn;

/// <summary>
/// k-nearest neighbours (k = 3, brute force) on Fashion-MNIST pixels: all 10,000 test images against the 60,000
/// training images by default (<c>--quick</c>: 500 against 2,000). Prints accuracy and seconds; plots the confusion
/// matrix and the misclassified test images.
/// </summary>
internal static class KnnSample
{
    public sealed class ModelInput
    {
        [VectorType(784)] public float[] Features { get; set; } = [];
    }

    public sealed class ModelOutput
    {
        [KeyType(10)] public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }

    public static int Run(SampleRun run)
    {
        var clock = Stopwatch.StartNew();
        var (train, test, trainCount, testCount) = FashionMnistSamples.Load(run, quickTrain: 2000, quickTest: 500);

        // Train: KNN "training" stores the images.
        var context = new MLContext(seed: run.Options.Seed);
        var model = context.MulticlassClassification.Trainers.Knn(k: 3).Fit(FashionMnistSamples.View(train, trainCount));
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var scored = model.Transform(FashionMnistSamples.View(test, testCount));
        var metrics = context.MulticlassClassification.Evaluate(scored);
        run.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accuracy {metrics.MicroAccuracy:F4}, macro accuracy {metrics.MacroAccuracy:F4}; load + fit {fitSeconds:F1} s, total {clock.Elapsed.TotalSeconds:F1} s"));

        // Consume: one image through a PredictionEngine; all predictions for the plots.
        var engine = context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
        var first = engine.Predict(new ModelInput { Features = FashionMnistSamples.Image(test, 0) });
        run.Log.WriteLine($"test image 0: true {FashionMnist.ClassNames[test.Labels[0]]}, predicted {FashionMnist.ClassNames[first.PredictedLabel - 1]}");
        var predicted = context.Data.CreateEnumerable<ModelOutput>(scored, reuseRowObject: false, ignoreMissingColumns: true)
            .Select(o => (int)o.PredictedLabel - 1).ToArray();

        var counts = metrics.ConfusionMatrix.Counts;
        var matrix = new int[counts.Count, counts.Count];
        for (int i = 0; i < counts.Count; i++)
        {
            for (int j = 0; j < counts.Count; j++)
            {
                matrix[i, j] = (int)counts[i][j];
            }
        }

        (Heatmap.ConfusionMatrix(matrix, FashionMnistSamples.ShortNames) with { Title = "k-NN (k = 3) confusion matrix, test images" })
            .SavePng(run.OutputPath("knn-confusion.png"));
        SamplePlots.SaveMisclassified(run, "knn-misclassified.png", test, predicted, "k-NN misclassified test images");
        run.Result("accuracy", metrics.MicroAccuracy);
        run.Result("macro_accuracy", metrics.MacroAccuracy);
        run.Result("seconds", clock.Elapsed.TotalSeconds);
        return 0;
    }
}
