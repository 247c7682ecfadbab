using MlNetDl.Samples.Data;
using MlNetDl.Samples.Plotting;

namespace MlNetDl.Samples;

/// <summary>Plots more than one sample draws the same way.</summary>
internal static class SamplePlots
{
    /// <summary>Up to <paramref name="max"/> misclassified test images captioned "true&gt;predicted" in red.</summary>
    /// <returns>Null when every image was classified correctly (nothing to draw).</returns>
    public static ImageGrid? Misclassified(ImageSet test, IReadOnlyList<int> predicted, string title, int max = 40)
    {
        var images = Enumerable.Range(0, predicted.Count).Where(i => predicted[i] != test.Labels[i]).Take(max)
            .Select(i => new GridImage(FashionMnistSamples.Image(test, i), test.Rows, test.Cols)
            {
                Title = $"{FashionMnistSamples.ShortNames[test.Labels[i]]}>{FashionMnistSamples.ShortNames[predicted[i]]}",
                TitleColor = new Rgba(200, 30, 30),
            }).ToList();
        return images.Count == 0 ? null : new ImageGrid(images) { Columns = 8, Zoom = 4, Title = title };
    }

    /// <summary>Writes the misclassified grid, or a one-image grid saying there were none.</summary>
    public static void SaveMisclassified(SampleRun run, string file, ImageSet test, IReadOnlyList<int> predicted, string title)
    {
        var grid = Misclassified(test, predicted, title + " (true>predicted)")
            ?? new ImageGrid([new GridImage(new float[test.Features], test.Rows, test.Cols) { Title = "none" }]) { Title = title + ": none misclassified" };
        grid.SavePng(run.OutputPath(file));
    }

    /// <summary>Blue for negative, white for zero, red for positive: signed weights.</summary>
    public static readonly Colormap Diverging = new([new Rgba(33, 102, 172), Rgba.White, new Rgba(178, 24, 43)]);

    /// <summary>Weight vectors of <paramref name="rows"/>×<paramref name="cols"/> inputs as images, each scaled to its
    /// own largest |w| with zero white (<see cref="Diverging"/>), optionally captioned.</summary>
    public static ImageGrid WeightImages(IReadOnlyList<float[]> weights, int rows, int cols, IReadOnlyList<string>? captions, string title, int columns, int zoom = 0) =>
        new([.. weights.Select((w, i) => new GridImage(w, rows, cols) { Title = captions?[i] })])
        {
            Columns = columns, Zoom = zoom, Normalization = ImageNormalization.Symmetric, Colormap = Diverging, Title = title,
        };
}
