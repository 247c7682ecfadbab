using MlNetDl.Pipelines.Metrics;

namespace MlNetDl.UnitTests.Pipelines.Metrics;

public class BoundingBoxMetricsTests
{
    // Boxes in Corners format (x1, y1, x2, y2) with the IoU worked out by hand.
    public static TheoryData<float[], float[], double> Pairs => new()
    {
        { [0, 0, 2, 2], [0, 0, 2, 2], 1.0 },               // identical
        { [0, 0, 2, 2], [1, 0, 3, 2], 2.0 / 6 },           // half overlap: 2 / (4 + 4 − 2)
        { [0, 0, 4, 4], [1, 1, 3, 3], 4.0 / 16 },          // contained
        { [0, 0, 1, 1], [2, 2, 3, 3], 0.0 },               // disjoint
        { [0, 0, 1, 1], [1, 0, 2, 1], 0.0 },               // touching edge: zero-area intersection
        { [0, 0, 2, 1], [1, -1, 3, 3], 1.0 / (2 + 8 - 1) },
        { [1, 1, 1, 1], [1, 1, 1, 1], 0.0 },               // both degenerate: union 0 → 0 by convention
    };

    [Theory, MemberData(nameof(Pairs))]
    public void IntersectionOverUnionByHand(float[] a, float[] b, double expected)
    {
        Assert.Equal(expected, BoundingBoxMetrics.IntersectionOverUnion(a, b), 12);
        Assert.Equal(expected, BoundingBoxMetrics.IntersectionOverUnion(b, a), 12); // symmetric
        float[] Wh(float[] c) => [c[0], c[1], c[2] - c[0], c[3] - c[1]];
        Assert.Equal(expected, BoundingBoxMetrics.IntersectionOverUnion(Wh(a), Wh(b), BoundingBoxFormat.CornerAndSize), 12);
    }

    [Fact]
    public void MeanOverMatchingBoxes()
    {
        float[] a = [0, 0, 2, 2, 0, 0, 4, 4, 0, 0, 1, 1];
        float[] b = [0, 0, 2, 2, 1, 1, 3, 3, 2, 2, 3, 3];
        Assert.Equal((1 + 0.25 + 0) / 3, BoundingBoxMetrics.MeanIntersectionOverUnion(a, b), 12);
    }

    public static TheoryData<string, Action, string[]> BadBoxes => new()
    {
        { "x2 < x1", () => BoundingBoxMetrics.IntersectionOverUnion([2f, 0, 1, 1], [0f, 0, 1, 1]),
            ["boxA = (2, 0, 1, 1)", "x1 ≤ x2"] },
        { "negative height", () => BoundingBoxMetrics.IntersectionOverUnion([0f, 0, 1, 1], [0f, 0, 1, -1], BoundingBoxFormat.CornerAndSize),
            ["boxB = (0, 0, 1, -1)", "width and height ≥ 0"] },
        { "NaN", () => BoundingBoxMetrics.IntersectionOverUnion([0f, float.NaN, 1, 1], [0f, 0, 1, 1]),
            ["boxA", "non-finite"] },
        { "three numbers", () => BoundingBoxMetrics.IntersectionOverUnion([0f, 0, 1], [0f, 0, 1, 1]),
            ["4 numbers", "3 and 4"] },
        { "mean length mismatch", () => BoundingBoxMetrics.MeanIntersectionOverUnion(new float[8], new float[4]),
            ["boxesA has 8", "boxesB has 4"] },
        { "mean not N × 4", () => BoundingBoxMetrics.MeanIntersectionOverUnion(new float[6], new float[6]),
            ["N × 4", "got 6"] },
        { "mean bad second box", () => BoundingBoxMetrics.MeanIntersectionOverUnion([0f, 0, 1, 1, 3, 0, 1, 1], new float[8]),
            ["boxesA[1] = (3, 0, 1, 1)"] },
    };

    [Theory, MemberData(nameof(BadBoxes))]
    public void BadBoxesFailNamingTheBox(string what, Action call, string[] fragments)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(call);
        foreach (var fragment in fragments)
            Assert.True(ex.Message.Contains(fragment, StringComparison.Ordinal), $"{what}: '{fragment}' not in \"{ex.Message}\"");
    }
}
