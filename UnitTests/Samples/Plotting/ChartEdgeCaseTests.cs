using System.Xml.Linq;
using MlNetDl.Samples.Plotting;

namespace MlNetDl.UnitTests.Samples.Plotting;

/// <summary>Degenerate inputs render (to PNG and to parseable SVG) or fail with a clear ArgumentException.</summary>
public sealed class ChartEdgeCaseTests
{
    private static readonly double N = double.NaN;

    public static TheoryData<string, Func<Chart>> Renderable() => new()
    {
        { "line single point", () => new LineChart([new Series("a", [0.5])]) },
        { "line constant", () => new LineChart([new Series("a", [2, 2, 2, 2])]) { LogY = true } },
        { "line NaN gaps", () => new LineChart([new Series("a", [1, N, 3, 4, N]), new Series("b", [N, N, N])]) { Title = "nan" } },
        { "line all NaN", () => new LineChart([new Series("a", [N, N])]) },
        { "line log with zeros", () => new LineChart([new Series("a", [0, 1, 10, -3])]) { LogY = true } },
        { "line x given", () => new LineChart([new Series("a", [1, 2], [0.5, 0.25])]) },
        { "scatter single", () => new ScatterChart([1], [1], [0]) },
        { "scatter NaN", () => new ScatterChart([1, N, 3], [1, 2, double.PositiveInfinity], [0, 1, 2]) },
        { "scatter unlabelled", () => ScatterChart.Unlabelled([1, 2], [3, 4]) },
        { "scatter identity line NaN", () => ScatterChart.Unlabelled([1, N], [N, 4]) with { IdentityLine = true } },
        { "scatter3d single", () => new Scatter3DChart([1], [2], [3], [5]) },
        { "roc perfect", () => new RocChart([RocCurve.FromScores("p", [0.9, 0.8, 0.1], [true, true, false])]) },
        { "heatmap 1x1", () => new Heatmap(new double[1, 1] { { 3 } }) { Annotate = true } },
        { "heatmap NaN + path", () => new Heatmap(new double[,] { { N, 1 }, { 2, N } }) { Extent = (0, 1, 0, 1), Trajectory = [(0.1, 0.1), (N, 0.5), (0.9, 0.9)] } },
        { "confusion", () => Heatmap.ConfusionMatrix(new int[,] { { 5, 1 }, { 0, 7 } }, ["a", "b"]) },
        { "bar single", () => new BarChart([3]) { Cumulative = true } },
        { "title wider than chart", () => new BarChart([1, 2]) { Title = new string('W', 120), Width = 200 } },
        { "bar negative + NaN", () => new BarChart([-1, 2, N]) { Labels = ["x", "y", "z"] } },
        { "bar zeros", () => new BarChart([0, 0]) { Cumulative = true } },
        { "images constant", () => new ImageGrid([new GridImage([0.5f, 0.5f, 0.5f, 0.5f], 2, 2) { Title = "a very long caption" }]) { Normalization = ImageNormalization.MinMax } },
        { "images rgb NaN", () => new ImageGrid([new GridImage([N2, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], 2, 2, 3)]) { Normalization = ImageNormalization.Symmetric } },
    };

    private static readonly float N2 = float.NaN;

    [Theory]
    [MemberData(nameof(Renderable))]
    public void Renders_without_throwing(string name, Func<Chart> make)
    {
        var chart = make();
        var canvas = chart.ToCanvas();
        Assert.Equal((chart.Width, chart.Height), (canvas.Width, canvas.Height));
        Assert.True(canvas.Pixels.Distinct().Count() > 1, $"{name}: blank image");
        Assert.Equal("svg", XDocument.Parse(chart.ToSvg()).Root!.Name.LocalName);
    }

    public static TheoryData<string, Func<Chart>, string> Invalid() => new()
    {
        { "no series", () => new LineChart([]), "needs at least one series" },
        { "x/y length", () => new LineChart([new Series("a", [1, 2], [1])]), "same length" },
        { "no points", () => new ScatterChart([], [], []), "needs at least one point" },
        { "labels length", () => new ScatterChart([1, 2], [1, 2], [0]), "same length" },
        { "no curves", () => new RocChart([]), "needs at least one curve" },
        { "empty heatmap", () => new Heatmap(new double[0, 3]), "at least one cell" },
        { "no bars", () => new BarChart([]), "needs at least one value" },
        { "no images", () => new ImageGrid([]), "needs at least one image" },
        { "image sizes", () => new ImageGrid([new GridImage(new float[4], 2, 2), new GridImage(new float[9], 3, 3)]), "same size" },
        { "pixel count", () => new ImageGrid([new GridImage(new float[5], 2, 2)]), "pixels" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Bad_input_fails_with_a_clear_message(string name, Func<Chart> make, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => make().ToCanvas());
        Assert.Contains(message, e.Message);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Heatmap_label_count_is_checked_when_rendering()
    {
        var e = Assert.Throws<ArgumentException>(() => new Heatmap(new double[2, 2]) { RowLabels = ["a"] }.ToCanvas());
        Assert.Contains("RowLabels must have one label per row (2); got 1", e.Message);
    }

    [Fact]
    public void Roc_from_scores_matches_sklearn_on_ties()
    {
        // sklearn.metrics.roc_curve([1, 0, 1, 0], [0.9, 0.5, 0.5, 0.1], drop_intermediate=False) → fpr [0, 0, .5, 1], tpr [0, .5, 1, 1]
        var r = RocCurve.FromScores("t", [0.9, 0.5, 0.5, 0.1], [true, false, true, false]);
        Assert.Equal([0, 0, 0.5, 1], r.Fpr);
        Assert.Equal([0, 0.5, 1, 1], r.Tpr);
        Assert.Equal(0.875, r.Auc, 12);
        Assert.Throws<ArgumentException>(() => RocCurve.FromScores("t", [1, 2], [true, true]));
    }

    [Fact]
    public void Viridis_ends_and_tab10_cycle()
    {
        Assert.Equal(Rgba.Hex("#440154"), Palettes.Viridis[0]);
        Assert.Equal(Rgba.Hex("#fde725"), Palettes.Viridis[1]);
        Assert.Equal(Rgba.Hex("#fde725"), Palettes.Viridis[7]);   // clamped
        Assert.Equal(Palettes.Category(0), Palettes.Category(10));
        Assert.Equal(Rgba.Transparent, Palettes.Viridis[double.NaN]);
    }
}
