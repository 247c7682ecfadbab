using System.Text.Json;
using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;

namespace MlNetDl.UnitTests.Trainers;

/// <summary>Reads UnitTests/Fixtures/sklearn/linear_fixtures.json (made by make_linear_fixtures.py) and builds views.</summary>
internal static class LinearFixtures
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sklearn", "linear_fixtures.json"))).RootElement);

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static double[] Doubles(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    public static float[] Floats(this JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => (float)v.GetDouble())];

    public static InMemoryDataView Regression(float[] x, int d, float[] y) =>
        new DataViewBuilder().AddVector("Features", x, d).AddSingle("Label", y).Build();

    public static InMemoryDataView Diabetes()
    {
        var data = SklearnDatasets.LoadDiabetes();
        return Regression(data.Features, data.FeatureCount, data.Targets!);
    }

    /// <summary>Breast cancer split by the fixture's train indices and standardized with training statistics.</summary>
    public static (InMemoryDataView Train, InMemoryDataView Test) BreastCancer()
    {
        var data = SklearnDatasets.LoadBreastCancer();
        int d = data.FeatureCount, n = data.Count;
        var trainRows = Get("breast_cancer_logistic").GetProperty("train_indices").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var testRows = Enumerable.Range(0, n).Except(trainRows).ToArray();
        var mean = new double[d];
        var std = new double[d];
        foreach (int i in trainRows) { for (int j = 0; j < d; j++) { mean[j] += data.Features[i * d + j]; } }
        for (int j = 0; j < d; j++) { mean[j] /= trainRows.Length; }
        foreach (int i in trainRows) { for (int j = 0; j < d; j++) { double c = data.Features[i * d + j] - mean[j]; std[j] += c * c; } }
        for (int j = 0; j < d; j++) { std[j] = Math.Sqrt(std[j] / trainRows.Length); }
        InMemoryDataView Build(int[] rows)
        {
            var x = new float[rows.Length * d];
            for (int r = 0; r < rows.Length; r++)
            {
                for (int j = 0; j < d; j++) { x[r * d + j] = (float)((data.Features[rows[r] * d + j] - mean[j]) / std[j]); }
            }
            return new DataViewBuilder().AddVector("Features", x, d).AddBoolean("Label", [.. rows.Select(i => data.Labels![i] == 1)]).Build();
        }
        return (Build(trainRows), Build(testRows));
    }

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (tolerance {relative} × {scale:G4})");
        }
    }
}
