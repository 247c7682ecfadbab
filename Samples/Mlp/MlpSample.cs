using System.Diagnostics;
using MlNetDl.Pipelines;
using MlNetDl.Samples.Data;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Samples.Mlp;

/// <summary>
/// The MLP homework end to end: Fashion-MNIST → per-pixel mean-variance normalizer (mlContext.Transforms, fitted on
/// the training images only) → a 784-128-64-10 ReLU network trained with Adam and cross-entropy (on the engine, see
/// <see cref="MlpNetwork"/>) → mlContext.MulticlassClassification.Evaluate → normalizer zip + safetensors weights →
/// reloaded, scored again and consumed with a PredictionEngine → plots.
/// </summary>
internal static class MlpSample
{
    public const string ModelFileName = "mlp-normalizer.zip";
    public const string WeightsFileName = "mlp.safetensors";

    /// <summary>One image as the model reads it (Model Builder's input class).</summary>
    public sealed class ModelInput
    {
        [VectorType(784)] public float[] Features { get; set; } = [];

        [KeyType(10)] public uint Label { get; set; }
    }

    /// <summary>What the model predicts for one image: the class (a key, 1-based) and the class probabilities.</summary>
    public sealed class ModelOutput
    {
        [KeyType(10)] public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];
    }

    public static int Run(SampleRun run)
    {
        var clock = Stopwatch.StartNew();
        var (train, test, trainCount, testCount) = FashionMnistSamples.Load(run, quickTrain: 1000, quickTest: 500);
        int epochs = run.Options.Epochs ?? (run.Options.Quick ? 2 : 5);
        var context = new MLContext(run.Options.Seed);
        var trainView = FashionMnistSamples.View(train, trainCount);
        var testView = FashionMnistSamples.View(test, testCount);

        // Train: normalizer statistics come from the training images only (the test set must not leak in).
        var normalizer = context.Transforms.NormalizeMeanVariance("Features", fixZero: false).Fit(trainView);
        var network = new MlpNetwork(run.Options.Seed);
        run.Log.WriteLine(network.Model.ToString());
        run.Log.WriteLine($"parameters: {network.Model.ParameterCount():N0}, {epochs} epochs");
        var history = network.Train(Features(context, normalizer.Transform(trainView)), train.Labels[..trainCount],
            Features(context, normalizer.Transform(testView)), test.Labels[..testCount], epochs, run.Training("mlp train"));

        // Evaluate with the pipeline's multiclass metrics.
        var scores = network.Probabilities(Features(context, normalizer.Transform(testView)));
        var metrics = context.MulticlassClassification.Evaluate(Scored(scores, test.Labels[..testCount]));
        run.Log.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

        // Save, reload into fresh objects, score again: the reloaded model must agree exactly.
        context.Model.Save(normalizer, trainView.Schema, run.OutputPath(ModelFileName));
        network.Model.Save(run.OutputPath(WeightsFileName));
        var reloaded = MlpPredictor.Load(new MLContext(run.Options.Seed), run.OutputDirectory);
        var reloadedScores = reloaded.Network.Probabilities(Features(context, reloaded.Normalizer.Transform(testView)));
        var reloadMetrics = context.MulticlassClassification.Evaluate(Scored(reloadedScores, test.Labels[..testCount]));
        run.Log.WriteLine($"saved {ModelFileName} and {WeightsFileName} to {run.OutputDirectory}; reloaded into fresh objects");

        // Consume: one image at a time through a PredictionEngine, as an application would.
        float agreement = Consume(reloaded, test, Math.Min(testCount, run.Options.Quick ? 50 : 200), scores, run.Log);

        MlpPlots.Save(run, history, network, test, scores);
        run.Result("accuracy", metrics.MicroAccuracy);
        run.Result("macro_accuracy", metrics.MacroAccuracy);
        run.Result("log_loss", metrics.LogLoss);
        run.Result("loss", history.TrainLoss[^1]);
        run.Result("reload_accuracy", reloadMetrics.MicroAccuracy);
        run.Result("engine_agreement", agreement);
        run.Result("seconds", clock.Elapsed.TotalSeconds);
        return reloadMetrics.MicroAccuracy == metrics.MicroAccuracy && agreement == 1 ? 0 : 1;
    }

    /// <summary>Predicts the first <paramref name="count"/> test images one by one and returns the fraction whose
    /// class matches the batch scoring (<paramref name="batchScores"/>).</summary>
    private static float Consume(MlpPredictor predictor, ImageSet test, int count, float[] batchScores, TextWriter log)
    {
        int agree = 0;
        for (int i = 0; i < count; i++)
        {
            var output = predictor.Predict(new ModelInput { Features = FashionMnistSamples.Image(test, i) });
            agree += (int)output.PredictedLabel - 1 == ArgMax(batchScores.AsSpan(i * 10, 10)) ? 1 : 0;
            if (i < 5)
            {
                log.WriteLine($"image {i}: true {FashionMnist.ClassNames[test.Labels[i]]}, predicted {FashionMnist.ClassNames[output.PredictedLabel - 1]} (p = {output.Score.Max():F3})");
            }
        }

        return (float)agree / count;
    }

    /// <summary>The Features column of a view as one row-major array (what the engine trains on).</summary>
    internal static float[] Features(MLContext context, IDataView view)
    {
        var x = new float[(int)view.GetRowCount()! * 784];
        int r = 0;
        foreach (var row in context.Data.CreateEnumerable<ModelInput>(view, reuseRowObject: true))
        {
            row.Features.CopyTo(x, r++ * 784);
        }

        return x;
    }

    /// <summary>A scored view (Label key, Score probabilities) as a trainer's Transform would produce.</summary>
    private static IDataView Scored(float[] probabilities, long[] labels) =>
        new DataViewBuilder().AddKey("Label", labels, 10).AddVector("Score", probabilities, 10).Build();

    internal static int ArgMax(ReadOnlySpan<float> v)
    {
        int best = 0;
        for (int c = 1; c < v.Length; c++)
        {
            best = v[c] > v[best] ? c : best;
        }

        return best;
    }
}
