using System.Diagnostics;
using MlNetDl.Pipelines;
using MlNetDl.Samples.Data;
using MlNetDl.Trainers.Network;

namespace MlNetDl.Samples.Mlp;

/// <summary>
/// The MLP homework as a pipeline, end to end: Fashion-MNIST → per-pixel mean-variance normalizer
/// (mlContext.Transforms, fitted on the training images only) → mlContext.MulticlassClassification.Trainers.Mlp
/// (784-128-64-10 ReLU, Adam, cross-entropy; the test set scored after every epoch) →
/// mlContext.MulticlassClassification.Evaluate → model zip → loaded back, scored again and consumed one image at a
/// time with a PredictionEngine → plots.
/// </summary>
internal static class MlpSample
{
    public const string ModelFileName = "mlp.zip";
    public const string OnnxFileName = "mlp.onnx";

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

        var model = Train(context, trainView, testView, epochs, run);
        var mlp = model.LastTransformer;
        run.Log.WriteLine(mlp.Model.ToString());
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(testView));
        run.Log.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

        // Save and load back: the loaded model must score the test set exactly as the trained one.
        var path = run.OutputPath(ModelFileName);
        context.Model.Save(model, trainView.Schema, path);
        var loaded = new MLContext(run.Options.Seed).Model.Load(path, out _);
        var reloaded = context.MulticlassClassification.Evaluate(loaded.Transform(testView));
        run.Log.WriteLine($"saved the normalizer and the network to {path} ({new FileInfo(path).Length:N0} bytes) and loaded it back");

        var predicted = context.Data.CreateEnumerable<ModelOutput>(model.Transform(testView), reuseRowObject: false, ignoreMissingColumns: true)
            .Select(o => (int)o.PredictedLabel - 1).ToArray();
        float agreement = Consume(context, loaded, test, predicted, Math.Min(testCount, run.Options.Quick ? 50 : 200), run.Log);

        float onnxAgreement = ExportAndReimport(context, model, trainView, test, testCount, predicted, run);

        MlpPlots.Save(run, mlp, test, predicted);
        run.Result("accuracy", metrics.MicroAccuracy);
        run.Result("macro_accuracy", metrics.MacroAccuracy);
        run.Result("log_loss", metrics.LogLoss);
        run.Result("loss", mlp.History[^1].Loss);
        run.Result("reload_accuracy", reloaded.MicroAccuracy);
        run.Result("engine_agreement", agreement);
        run.Result("onnx_agreement", onnxAgreement);
        run.Result("seconds", clock.Elapsed.TotalSeconds);
        return reloaded.MicroAccuracy == metrics.MicroAccuracy && agreement == 1 && onnxAgreement == 1 ? 0 : 1;
    }

    /// <summary>Train: the normalizer is fitted first so the test images, normalized with the training statistics,
    /// can be scored after every epoch (validation data must match the trainer's input); then both form one chain.</summary>
    private static TransformerChain<NetworkClassifierTransformer> Train(MLContext context, IDataView trainView, IDataView testView, int epochs, SampleRun run)
    {
        var normalizer = context.Transforms.NormalizeMeanVariance("Features", fixZero: false).Fit(trainView);
        var trainer = context.MulticlassClassification.Trainers.Mlp(new MlpOptions
        {
            HiddenLayers = [128, 64], Epochs = epochs, BatchSize = 128, LearningRate = 1e-3, Seed = run.Options.Seed,
            ValidationData = normalizer.Transform(testView),
        });
        var mlp = trainer.Fit(normalizer.Transform(trainView), run.Training("mlp train"));
        return new TransformerChain<NetworkClassifierTransformer>(normalizer, mlp);
    }

    /// <summary>The whole fitted chain (normalizer + network + softmax + argmax) as one ONNX graph, as ONNX Runtime
    /// or OpenCV would run it; re-imported here and run on the raw test pixels. Returns the fraction of test images
    /// whose ONNX PredictedLabel equals the pipeline's.</summary>
    private static float ExportAndReimport(MLContext context, ITransformer model, IDataView trainView, ImageSet test, int testCount,
        int[] predicted, SampleRun run)
    {
        var path = run.OutputPath(OnnxFileName);
        context.Model.ConvertToOnnx(model, trainView, path);
        using var onnx = Onnx.OnnxModel.Load(path);
        var features = Tensors.Tensor.FromArray(test.Pixels[..(testCount * test.Features)], testCount, test.Features);
        var outputs = onnx.Run(new Dictionary<string, Tensors.Tensor> { ["Features"] = features });
        var labels = outputs["PredictedLabel"].ToArray<long>();
        int agree = Enumerable.Range(0, testCount).Count(i => labels[i] - 1 == predicted[i]);
        run.Log.WriteLine($"exported the pipeline to {path} ({new FileInfo(path).Length:N0} bytes; inputs {string.Join(", ", onnx.Inputs.Select(i => i.Name))}, " +
            $"outputs {string.Join(", ", onnx.Outputs.Select(o => o.Name))}); re-imported, {agree}/{testCount} predictions agree");
        return (float)agree / testCount;
    }

    /// <summary>Consume: the first <paramref name="count"/> test images one at a time through a PredictionEngine
    /// over the loaded model; returns the fraction whose class matches the bulk scoring.</summary>
    private static float Consume(MLContext context, ITransformer loaded, ImageSet test, int[] bulk, int count, TextWriter log)
    {
        var engine = context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(loaded);
        int agree = 0;
        for (int i = 0; i < count; i++)
        {
            var output = engine.Predict(new ModelInput { Features = FashionMnistSamples.Image(test, i) });
            agree += (int)output.PredictedLabel - 1 == bulk[i] ? 1 : 0;
            if (i < 5)
            {
                log.WriteLine($"image {i}: true {FashionMnist.ClassNames[test.Labels[i]]}, predicted {FashionMnist.ClassNames[output.PredictedLabel - 1]} (p = {output.Score.Max():F3})");
            }
        }

        return (float)agree / count;
    }
}
