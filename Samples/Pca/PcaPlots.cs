using System.Globalization;
using MlNetDl.Samples.Data;
using MlNetDl.Samples.Plotting;
using MlNetDl.Transforms.Pca;

namespace MlNetDl.Samples.Pca;

/// <summary>The pca sample's figures: 2-D map coloured by class, eigenvalue spectrum, reconstructions by rank.</summary>
internal static class PcaPlots
{
    private const int Shown = 6;

    public static void Save(SampleRun run, PcaTransformer model, ImageSet test, int testCount, int[] ranks)
    {
        var x = test.Pixels[..(testCount * test.Features)];
        // At most 2,000 points: more only hide each other.
        int points = Math.Min(testCount, 2000);
        var xy = model.WithRank(2).Project(x[..(points * test.Features)], points);
        new ScatterChart([.. Enumerable.Range(0, points).Select(i => (double)xy[2 * i])], [.. Enumerable.Range(0, points).Select(i => (double)xy[(2 * i) + 1])],
            [.. test.Labels[..points].Select(l => (int)l)])
        {
            Title = $"PCA: {points:N0} test images on PC 1 and PC 2", XLabel = "PC 1", YLabel = "PC 2",
            ClassNames = FashionMnist.ClassNames, MarkerRadius = 2.2, Opacity = 0.7,
        }.SavePng(run.OutputPath("pca-scatter.png"));

        // Bars are eigenvalues; the title gives the share of the total variance they explain (BarChart's own
        // cumulative line would be a share of the bars shown, not of all 784 directions).
        var eigenvalues = model.ExplainedVariance.ToArray();
        int bars = Math.Min(50, eigenvalues.Length);
        double share = model.ExplainedVarianceRatio[..bars].Sum();
        new BarChart(eigenvalues[..bars])
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"PCA eigenvalues (first {bars}: {share:P0} of the variance)"),
            XLabel = "component", YLabel = "variance (eigenvalue)", ValuesName = "eigenvalue",
        }.SavePng(run.OutputPath("pca-spectrum.png"));

        // One row per test image: the original, then its reconstruction with each rank, captioned with that image's MSE.
        int shown = Math.Min(Shown, testCount);
        var images = new List<GridImage>();
        var rebuilt = ranks.Select(r => { var m = model.WithRank(r); return m.InverseTransform(m.Project(x[..(shown * test.Features)], shown), shown); }).ToArray();
        for (int i = 0; i < shown; i++)
        {
            var original = FashionMnistSamples.Image(test, i);
            images.Add(new GridImage(original, test.Rows, test.Cols) { Title = "original" });
            for (int k = 0; k < ranks.Length; k++)
            {
                var back = rebuilt[k].AsSpan(i * test.Features, test.Features).ToArray();
                double mse = original.Zip(back, (a, b) => (double)(a - b) * (a - b)).Average();
                images.Add(new GridImage(back, test.Rows, test.Cols) { Title = string.Create(CultureInfo.InvariantCulture, $"{ranks[k]}: {mse:F4}") });
            }
        }

        new ImageGrid(images) { Columns = ranks.Length + 1, Zoom = 4, Title = "PCA reconstructions (components: MSE)" }
            .SavePng(run.OutputPath("pca-reconstructions.png"));
    }
}
