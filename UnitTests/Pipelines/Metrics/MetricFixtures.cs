using System.Text.Json;

namespace MlNetDl.UnitTests.Pipelines.Metrics;

/// <summary>
/// Reads Fixtures/sklearn/metric_fixtures.json, written by make_metric_fixtures.py with Debian's scikit-learn 1.2.
/// </summary>
internal static class MetricFixtures
{
    private static readonly Lazy<JsonElement> Root = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "sklearn", "metric_fixtures.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    });

    public static IEnumerable<object[]> Names(string group) =>
        Root.Value.GetProperty(group).EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    public static JsonElement Case(string group, string name) =>
        Root.Value.GetProperty(group).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static double[] Doubles(this JsonElement c, string key) =>
        c.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static int[] Ints(this JsonElement c, string key) =>
        c.GetProperty(key).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public static double Double(this JsonElement c, string key) => c.GetProperty(key).GetDouble();

    public static double[][] Matrix(this JsonElement c, string key) =>
        c.GetProperty(key).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();

    /// <summary>|actual − expected| ≤ 1e-9 · max(1, |expected|): relative for large values, absolute near 0.</summary>
    public static void Close(double expected, double actual, string what, double tolerance = 1e-9)
    {
        Assert.False(double.IsNaN(actual), $"{what}: got NaN, expected {expected:R}");
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R} (difference {actual - expected:E3})");
    }
}
