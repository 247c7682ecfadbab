using MlNetDl.Samples.Data;
using MlNetDl.Samples.Plotting;
using MlNetDl.Tensors.Nn;
using MlNetDl.Trainers.Network;

namespace MlNetDl.Samples.Mlp;

/// <summary>The mlp sample's figures: loss and accuracy curves, misclassified test images, first-layer weights.</summary>
internal static class MlpPlots
{
    public static void Save(SampleRun run, NetworkClassifierTransformer mlp, ImageSet test, int[] predicted)
    {
        var h = mlp.History;
        static double Or(double? v) => v ?? double.NaN;
        new LineChart([new Series("train", [.. h.Select(e => e.Loss)]), new Series("test", [.. h.Select(e => Or(e.ValidationLoss))])])
        { Title = "MLP cross-entropy per epoch", XLabel = "epoch", YLabel = "loss" }.SavePng(run.OutputPath("mlp-loss.png"));
        new LineChart([new Series("train", [.. h.Select(e => Or(e.Accuracy))]), new Series("test", [.. h.Select(e => Or(e.ValidationAccuracy))])])
        { Title = "MLP accuracy per epoch", XLabel = "epoch", YLabel = "accuracy" }.SavePng(run.OutputPath("mlp-accuracy.png"));
        SamplePlots.SaveMisclassified(run, "mlp-misclassified.png", test, predicted, "MLP misclassified test images");

        // Row u of the first Linear's weight [128, 784] is what hidden unit u looks for in the (normalized) image.
        var first = Enumerable.Range(0, mlp.Model.Count).Select(i => mlp.Model[i]).OfType<Linear>().First();
        var w = first.Weight.ToFloatArray();
        var units = Enumerable.Range(0, first.OutFeatures).Select(u => w.AsSpan(u * first.InFeatures, first.InFeatures).ToArray()).ToList();
        SamplePlots.WeightImages(units, test.Rows, test.Cols, captions: null, $"MLP first-layer weights ({units.Count} units; red +, blue -)", columns: 16, zoom: 2)
            .SavePng(run.OutputPath("mlp-weights.png"));
    }
}
