using MlNetDl.Samples.Data;
using MlNetDl.Samples.Plotting;

namespace MlNetDl.Samples.Mlp;

/// <summary>The mlp sample's figures: loss and accuracy curves, misclassified test images, first-layer weights.</summary>
internal static class MlpPlots
{
    public static void Save(SampleRun run, MlpHistory h, MlpNetwork network, ImageSet test, float[] testScores)
    {
        new LineChart([new Series("train", h.TrainLoss), new Series("test", h.TestLoss)])
        { Title = "MLP cross-entropy per epoch", XLabel = "epoch", YLabel = "loss" }.SavePng(run.OutputPath("mlp-loss.png"));
        new LineChart([new Series("train", h.TrainAccuracy), new Series("test", h.TestAccuracy)])
        { Title = "MLP accuracy per epoch", XLabel = "epoch", YLabel = "accuracy" }.SavePng(run.OutputPath("mlp-accuracy.png"));
        var predicted = Enumerable.Range(0, testScores.Length / MlpNetwork.Classes)
            .Select(i => MlpSample.ArgMax(testScores.AsSpan(i * MlpNetwork.Classes, MlpNetwork.Classes))).ToArray();
        SamplePlots.SaveMisclassified(run, "mlp-misclassified.png", test, predicted, "MLP misclassified test images");
        var weights = network.FirstLayerWeights();
        SamplePlots.WeightImages(weights, test.Rows, test.Cols, captions: null, "MLP first-layer weights (128 units; red +, blue -)", columns: 16, zoom: 2)
            .SavePng(run.OutputPath("mlp-weights.png"));
    }
}
