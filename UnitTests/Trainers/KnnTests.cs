using System.Globalization;
using System.Text.Json;
using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Samples;
using MlNetDl.Samples.Knn;
using MlNetDl.Trainers;
using MlNetDl.Trainers.Knn;

namespace MlNetDl.UnitTests.Trainers;

public class KnnTests
{
    internal static JsonElement Fixture(string group, string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sklearn", "knn_pca_fixtures.json")))
            .RootElement.GetProperty(group).EnumerateArray().First(e => e.GetProperty("name").GetString() == name);

    private static float[] Floats(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetSingle())];

    private static IDataView View(float[] x, long[] labels, int d, ulong classes) =>
        new DataViewBuilder().AddVector("Features", x, d).AddKey("Label", labels, classes).Build();

    public static TheoryData<string> FixtureNames => new() { "small", "digits" };

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void MatchesScikitLearnBrute(string name)
    {
        var f = Fixture("knn", name);
        int d = f.GetProperty("d").GetInt32();
        float[] train, test;
        long[] labels;
        if (name == "digits")
        {
            var digits = SklearnDatasets.LoadDigits();
            train = digits.Features[..(1200 * d)];
            labels = digits.Labels![..1200];
            test = digits.Features[(1200 * d)..];
        }
        else
        {
            train = Floats(f.GetProperty("train"));
            labels = [.. f.GetProperty("train_labels").EnumerateArray().Select(v => v.GetInt64())];
            test = Floats(f.GetProperty("test"));
        }
        int q = test.Length / d;
        var expected = f.GetProperty("predicted").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var neighbors = f.GetProperty("neighbors").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToHashSet()).ToArray();
        foreach (var algorithm in new[] { KnnAlgorithm.Brute, KnnAlgorithm.KdTree })
        {
            var model = new MLContext(1).MulticlassClassification.Trainers.Knn(3, algorithm).Fit(View(train, labels, d, 10));
            var (indices, distances) = model.FindNeighbors(test, q);
            var (scores, predicted) = model.Vote(indices, q);
            int tied = 0;
            var tiedRow = new bool[q];
            for (int r = 0; r < q; r++)
            {
                var ours = indices[(r * 3)..(r * 3 + 3)];
                if (!neighbors[r].SetEquals(ours))
                {
                    // Only a distance tie may change the set: the distances must be the same multiset.
                    var theirs = neighbors[r].Select(j => Neighbors.Distance(test.AsSpan(r * d, d), train.AsSpan(j * d, d))).Order();
                    Assert.Equal(theirs, distances[(r * 3)..(r * 3 + 3)].Order());
                    tied++;
                    tiedRow[r] = true;
                    continue;
                }
                var classes3 = ours.Select(j => labels[j]).ToArray();
                if (classes3.Distinct().Count() == 3)
                {
                    // Vote tie: ours takes the nearest neighbour's class, scikit-learn the smallest class.
                    Assert.Equal(classes3[0], predicted[r]);
                    Assert.Equal(classes3.Min(), expected[r]);
                    tied++;
                    tiedRow[r] = true;
                    continue;
                }
                Assert.Equal(expected[r], predicted[r]);
            }
            Assert.True(tied <= Math.Max(2, q / 10), $"{tied} of {q} rows differ by a tie");
            var proba = f.GetProperty("proba").EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetSingle())).ToArray();
            int classes = proba.Length / q;
            for (int r = 0; r < q; r++)
            {
                for (int c = 0; c < classes && !tiedRow[r]; c++)
                {
                    Assert.Equal(proba[r * classes + c], scores[r * model.ClassCount + c], 5);
                }
            }
        }
    }

    public static TheoryData<int, int, int, int> SearchCases => new()
    {
        { 300, 2, 1, 4 },   // n, d, k, grid (coordinates in 0..grid-1: many duplicates and distance ties)
        { 500, 3, 5, 3 },
        { 400, 8, 7, 0 },   // 0: continuous values
        { 64, 20, 64, 2 },  // k = n
    };

    [Theory]
    [MemberData(nameof(SearchCases))]
    public void BlockedBruteAndKdTreeEqualNaive(int n, int d, int k, int grid)
    {
        var rng = new Random(n + d + k);
        float Next() => grid > 0 ? rng.Next(grid) : (float)(rng.NextDouble() * 2 - 1);
        var train = Enumerable.Range(0, n * d).Select(_ => Next()).ToArray();
        int q = 37;
        var queries = Enumerable.Range(0, q * d).Select(_ => Next()).ToArray();
        Array.Copy(train, 0, queries, 0, d * 5); // queries that sit on training points
        var expectedI = new int[q * k];
        var expectedD = new double[q * k];
        Neighbors.Naive(train, n, d, queries, q, k, expectedI, expectedD);

        var norms = BruteForceSearch.SquaredNorms(train, n, d);
        foreach (var (qb, tb) in new[] { (7, 13), (256, 8192), (1, 1) })
        {
            var i = new int[q * k];
            var dist = new double[q * k];
            BruteForceSearch.Search(train, norms, n, d, queries, q, k, i, dist, qb, tb);
            Assert.Equal(expectedI, i);
            Assert.Equal(expectedD, dist);
        }
        var ti = new int[q * k];
        var td = new double[q * k];
        new KdTree(train, n, d).Search(queries, q, k, ti, td);
        Assert.Equal(expectedI, ti);
        Assert.Equal(expectedD, td);
    }

    [Fact]
    public void VoteTieGoesToTheNearestNeighboursClass()
    {
        // Points on a line, classes 2, 0, 1 at distances 1, 2, 3 from the query: a three-way tie → class 2.
        var model = new MLContext(1).MulticlassClassification.Trainers.Knn(3).Fit(View([1, 2, 3], [2, 0, 1], 1, 3));
        var (indices, _) = model.FindNeighbors([0], 1);
        var (scores, predicted) = model.Vote(indices, 1);
        Assert.Equal(2, predicted[0]);
        Assert.All(scores, s => Assert.Equal(1 / 3f, s));
    }

    [Fact]
    public void OptionsAreValidated()
    {
        var trainers = new MLContext(1).MulticlassClassification.Trainers;
        Assert.Equal("The 'K' option of Knn must be an integer in [1, ∞). Got 0. (Parameter 'K')\nActual value was 0.",
            Assert.Throws<ArgumentOutOfRangeException>(() => trainers.Knn(0)).Message.ReplaceLineEndings("\n"));
        Assert.Contains("The 'K' option of Knn must be an integer in [1, 3]. Got 4.",
            Assert.Throws<ArgumentOutOfRangeException>(() => trainers.Knn(4).Fit(View([1, 2, 3], [0, 1, 2], 1, 3))).Message);
        Assert.Contains("'Algorithm' option of Knn", Assert.Throws<ArgumentOutOfRangeException>(() => trainers.Knn(3, (KnnAlgorithm)7)).Message);
    }

    [Fact]
    public void WrongFeatureSizeAtTransformFailsWithTemplate()
    {
        var model = new MLContext(1).MulticlassClassification.Trainers.Knn(1).Fit(View([1, 2, 3, 4], [0, 1], 2, 2));
        var e = Assert.Throws<SchemaMismatchException>(() => model.Transform(View([1, 2, 3], [0, 1, 1], 1, 2)));
        Assert.StartsWith("Schema mismatch for input column 'Features' of Knn: expected Vector<Single, 2>, got Vector<Single, 1>.", e.Message);
    }

    [Fact]
    public void QuickSampleReportsAccuracy()
    {
        var run = MlNetDl.UnitTests.Samples.SampleRunner.Run("knn", "--quick", "--out", Directory.CreateTempSubdirectory("mlnetdl-knn-").FullName);
        Assert.Equal(0, run.ExitCode);
        var results = Results(run.Stdout);
        Assert.InRange(results["accuracy"], 0.6, 1.0);
        Assert.True(results.ContainsKey("seconds"));
    }

    internal static Dictionary<string, double> Results(string output) =>
        output.Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            .Select(l => l[7..].Trim().Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
}
