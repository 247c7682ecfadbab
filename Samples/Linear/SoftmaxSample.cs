using System.Diagnostics;
using MlNetDl.Pipelines;
using MlNetDl.Samples.Data;
using MlNetDl.Samples.Plotting;
using MlNetDl.Trainers.Linear;

namespace MlNetDl.Samples.LinearModels;

/// <summary>Softmax regression on raw Fashion-MNIST pixels (in [0, 1]) by mini-batch gradient descent; per-epoch
/// training loss/accuracy through the progress contract, then test accuracy. Plots: the histories and the learned
/// weights of each class as a 28×28 image.</summary>
internal static class SoftmaxSample
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
        int epochs = run.Options.Epochs ?? (run.Options.Quick ? 3 : 5);
        var context = new MLContext(run.Options.Seed);

        // Train
        var trainer = context.MulticlassClassification.Trainers.SoftmaxRegression(new SoftmaxRegressionOptions
        {
            Epochs = epochs, LearningRate = 0.5, BatchSize = 128, Seed = run.Options.Seed,
        });
        var model = trainer.Fit(FashionMnistSamples.View(train, trainCount), run.Training("softmax train"));
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(FashionMnistSamples.View(test, testCount)));
        run.Log.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

        // Consume
        var engine = context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
        var output = engine.Predict(new ModelInput { Features = FashionMnistSamples.Image(test, 0) });
        run.Log.WriteLine($"test image 0: true {FashionMnist.ClassNames[test.Labels[0]]}, predicted {FashionMnist.ClassNames[output.PredictedLabel - 1]}");

        SavePlots(run, model, test);
        run.Result("accuracy", metrics.MicroAccuracy);
        run.Result("loss", model.LossHistory[^1]);
        run.Result("seconds", clock.Elapsed.TotalSeconds);
        return 0;
    }

    private static void SavePlots(SampleRun run, SoftmaxRegressionTransformer model, ImageSet test)
    {
        new LineChart([new Series("train loss", model.LossHistory)])
        { Title = "Softmax regression: training cross-entropy", XLabel = "epoch", YLabel = "loss" }.SavePng(run.OutputPath("softmax-loss.png"));
        new LineChart([new Series("train accuracy", model.AccuracyHistory)])
        { Title = "Softmax regression: training accuracy", XLabel = "epoch", YLabel = "accuracy" }.SavePng(run.OutputPath("softmax-accuracy.png"));
        int k = model.Options.ClassCount, d = model.FeatureCount;
        var perClass = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, d).Select(j => model.Weights[(j * k) + c]).ToArray()).ToList();
        SamplePlots.WeightImages(perClass, test.Rows, test.Cols, FashionMnistSamples.ShortNames, "Softmax weights per class (red +, blue -)", columns: 5, zoom: 4)
            .SavePng(run.OutputPath("softmax-weights.png"));
    }
}
