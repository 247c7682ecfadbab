using MlNetDl.Samples.Plotting;

namespace MlNetDl.UnitTests.Samples.Plotting;

/// <summary>One example of every chart with synthetic data, shaped like what the samples produce.</summary>
internal static class PlotGallery
{
    public static IEnumerable<(string Name, Chart Chart)> Charts()
    {
        var rng = new Random(7);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

        int epochs = 20;
        double[] Curve(double start, double end, double rate, double noise)
            => [.. Enumerable.Range(0, epochs).Select(e => end + ((start - end) * Math.Exp(-rate * e)) + (noise * Gauss()))];
        yield return ("line", new LineChart(
        [
            new Series("train loss", Curve(0.9, 0.22, 0.25, 0.004)),
            new Series("test loss", Curve(0.75, 0.33, 0.3, 0.01)),
            new Series("train acc", Curve(0.68, 0.92, 0.25, 0.003)) { Dashed = true },
            new Series("test acc", Curve(0.72, 0.88, 0.3, 0.006)) { Dashed = true },
        ]) { Title = "MLP on Fashion-MNIST", XLabel = "epoch", YLabel = "loss / accuracy" });

        yield return ("line_log", new LineChart([new Series("loss", [.. Enumerable.Range(0, 200).Select(i => 3 * Math.Exp(-i / 25.0) + 1e-3)])])
        { Title = "Log-scaled loss", LogY = true, XLabel = "step" });

        var labels = Enumerable.Range(0, 600).Select(i => i % 10).ToArray();
        var cx = Enumerable.Range(0, 10).Select(c => 4 * Math.Cos(c * 0.63)).ToArray();
        var cy = Enumerable.Range(0, 10).Select(c => 3 * Math.Sin(c * 0.63)).ToArray();
        string[] names = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"];
        yield return ("scatter", new ScatterChart([.. labels.Select(c => cx[c] + Gauss())], [.. labels.Select(c => cy[c] + Gauss())], labels)
        { Title = "PCA of the test set", XLabel = "PC 1", YLabel = "PC 2", ClassNames = names });

        var l3 = labels.Take(300).Select(c => c % 4).ToArray();
        yield return ("scatter3d", new Scatter3DChart(
            [.. l3.Select(c => (c % 2 * 3) + Gauss())], [.. l3.Select(c => (c / 2 * 3) + Gauss())], [.. l3.Select(c => c + (0.5 * Gauss()))], l3)
        { Title = "3-D latent space", AxisNames = ("z1", "z2", "z3") });

        bool[] truth = [.. Enumerable.Range(0, 400).Select(i => i % 2 == 0)];
        yield return ("roc", new RocChart(
        [
            RocCurve.FromScores("logistic", [.. truth.Select(t => (t ? 1.2 : 0) + Gauss())], truth),
            RocCurve.FromScores("MLP", [.. truth.Select(t => (t ? 2.2 : 0) + Gauss())], truth),
        ]) { Title = "ROC: sneaker vs rest" });

        var grid = new double[41, 41];
        for (int i = 0; i < 41; i++)
        {
            for (int j = 0; j < 41; j++)
            {
                double x = -2 + (j + 0.5) * 4 / 41, y = -2 + (i + 0.5) * 4 / 41;
                grid[i, j] = Math.Log(1 + (x * x) + (3 * y * y) + Math.Sin(3 * x));
            }
        }

        var path = Enumerable.Range(0, 30).Select(t => (1.7 * Math.Exp(-t / 8.0) * Math.Cos(t / 4.0), 1.6 * Math.Exp(-t / 6.0) * Math.Sin(t / 3.0 + 1))).ToList();
        yield return ("landscape", new Heatmap(grid)
        { Title = "Loss landscape", Extent = (-2, 2, -2, 2), Trajectory = path, XLabel = "direction 1", YLabel = "direction 2", ColorbarLabel = "log loss" });

        var counts = new int[10, 10];
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                counts[i, j] = i == j ? 800 + rng.Next(180) : rng.Next(3) == 0 ? rng.Next(60) : 0;
            }
        }

        yield return ("confusion", Heatmap.ConfusionMatrix(counts, names));

        var eig = Enumerable.Range(0, 30).Select(k => 5 * Math.Exp(-k / 4.0) + 0.1).ToArray();
        yield return ("spectrum", new BarChart(eig)
        { Title = "PCA eigenvalue spectrum", Cumulative = true, ValuesName = "eigenvalue", CumulativeName = "explained variance", XLabel = "component" });

        GridImage Digit(int k, string? title = null, Rgba? color = null)
        {
            var px = new float[28 * 28];
            for (int y = 0; y < 28; y++)
            {
                for (int x = 0; x < 28; x++)
                {
                    double r = Math.Sqrt(Math.Pow(x - 13.5, 2) + Math.Pow(y - 13.5, 2));
                    px[(y * 28) + x] = (float)Math.Clamp(Math.Cos((r - 4 - k) / 2.0) * (r < 12 ? 1 : 0), 0, 1);
                }
            }

            return new GridImage(px, 28, 28) { Title = title, TitleColor = color };
        }

        yield return ("images", new ImageGrid([.. Enumerable.Range(0, 12).Select(k => Digit(k % 6, k % 3 == 0 ? $"pred {k % 10} / {(k + 1) % 10}" : $"ok {k % 10}", k % 3 == 0 ? Palettes.Category(3) : null))])
        { Title = "Misclassified examples", Columns = 6 });

        var kernels = Enumerable.Range(0, 16).Select(k => new GridImage([.. Enumerable.Range(0, 25).Select(i => (float)Math.Sin(i * (k + 1) * 0.37))], 5, 5) { Title = $"#{k}" }).ToList();
        yield return ("kernels", new ImageGrid(kernels) { Title = "conv1 kernels", Columns = 8, Zoom = 12, Normalization = ImageNormalization.Symmetric });

        var rgb = Enumerable.Range(0, 4).Select(k => new GridImage([.. Enumerable.Range(0, 3 * 32 * 32).Select(i => (float)((i / 1024 == k % 3 ? 0.8 : 0.2) + (0.2 * Math.Sin(i % 32 / 4.0))))], 32, 32, 3)).ToList();
        yield return ("rgb", new ImageGrid(rgb) { Columns = 4 });
    }
}
