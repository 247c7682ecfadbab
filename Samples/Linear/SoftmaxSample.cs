using System.Diagnostics;
using MlNetDl.Pipelines;
using MlNetDl.Samples.Data;
using static MlNetDl.Samples.LinearModels.LinearSampleHelpers;

namespace MlNetDl.Samples.LinearModels;

/// <summary>Softmax regression on raw Fashion-MNIST pixels (in [0, 1]) by mini-batch gradient descent; per-epoch
/// training loss/accuracy through the progress contract, then test accuracy.</summary>
internal static class SoftmaxSample
{
    public static int Run(SampleOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var (train, test, source) = FashionMnist.Load(options.DataDirectory);
        int trainCount = options.Quick ? Math.Min(2000, train.Count) : train.Count;
        int testCount = options.Quick ? Math.Min(500, test.Count) : test.Count;
        int epochs = options.Epochs ?? (options.Quick ? 3 : 5);
        log.WriteLine($"softmax: Fashion-MNIST from {source}: {trainCount} train / {testCount} test images, {epochs} epochs");
        IDataView View(ImageSet set, int count) => new DataViewBuilder().AddVector("Features", set.Pixels[..(count * set.Features)], set.Features)
            .AddKey("Label", set.Labels[..count], 10).Build();
        var context = new MLContext(options.Seed);
        var trainer = context.MulticlassClassification.Trainers.SoftmaxRegression(new MlNetDl.Trainers.Linear.SoftmaxRegressionOptions
        {
            Epochs = epochs, LearningRate = 0.5, BatchSize = 128, Seed = options.Seed,
        });
        var model = trainer.Fit(View(train, trainCount), new TrainingContext(new Progress(log)));
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(View(test, testCount)));
        Result(log, "accuracy", metrics.MicroAccuracy);
        Result(log, "loss", model.LossHistory[^1]);
        Result(log, "seconds", clock.Elapsed.TotalSeconds);
        return 0;
    }

    private sealed class Progress(TextWriter log) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => log.WriteLine(value.ToString());
    }
}
