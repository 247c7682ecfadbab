using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Samples;
using MlNetDl.Samples.Pca;
using MlNetDl.Transforms;
using MlNetDl.Transforms.Pca;
using MlNetDl.UnitTests.Trainers;

namespace MlNetDl.UnitTests.Transforms;

public class PcaTests
{
    private static IDataView View(float[] x, int d) => new DataViewBuilder().AddVector("Features", x, d).Build();

    private static float[] Random(int n, int d, int seed)
    {
        var rng = new Random(seed);
        // Correlated columns with different scales so the eigenvalues are distinct.
        var x = new float[n * d];
        for (int r = 0; r < n; r++)
        {
            double common = rng.NextDouble();
            for (int j = 0; j < d; j++)
            {
                x[r * d + j] = (float)((j + 1) * rng.NextDouble() + j * common + 3);
            }
        }
        return x;
    }

    public static TheoryData<string, PcaSignConvention> FixtureNames => new()
    {
        { "small", PcaSignConvention.LargestProjection }, { "digits", PcaSignConvention.LargestProjection },
        { "small", PcaSignConvention.LargestComponentEntry }, { "digits", PcaSignConvention.LargestComponentEntry },
    };

    /// <summary>The fixtures come from scikit-learn 1.2 (u-based svd_flip). For the default convention the expected
    /// components are those rows re-signed by scikit-learn ≥ 1.5's rule (largest |entry| positive, first on ties).</summary>
    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void MatchesScikitLearnFullSvd(string name, PcaSignConvention signs)
    {
        var f = KnnTests.Fixture("pca", name);
        int d = f.GetProperty("d").GetInt32(), rank = f.GetProperty("rank").GetInt32();
        var x = name == "digits" ? SklearnDatasets.LoadDigits().Features : [.. f.GetProperty("x").EnumerateArray().Select(v => v.GetSingle())];
        var options = new PcaOptions { OutputColumnName = "Pc", InputColumnName = "Features", Rank = rank, SignConvention = signs };
        var model = new MLContext(1).Transforms.ProjectToPrincipalComponents(options).Fit(View(x, d));
        double[] Doubles(string p) => [.. f.GetProperty(p).EnumerateArray().Select(v => v.GetDouble())];
        var ev = Doubles("explained_variance");
        var ratio = Doubles("explained_variance_ratio");
        var components = Doubles("components");
        var mean = Doubles("mean");
        for (int c = 0; c < rank; c++)
        {
            Assert.True(Math.Abs(model.ExplainedVariance[c] - ev[c]) <= 1e-4 * ev[c], $"variance {c}: {model.ExplainedVariance[c]} vs {ev[c]}");
            Assert.True(Math.Abs(model.ExplainedVarianceRatio[c] - ratio[c]) <= 1e-4 * ratio[c], $"ratio {c}");
            var row = components.AsSpan(c * d, d);
            int largest = 0;
            for (int j = 1; j < d; j++)
            {
                largest = Math.Abs(row[j]) > Math.Abs(row[largest]) ? j : largest;
            }
            double sign = signs == PcaSignConvention.LargestComponentEntry && row[largest] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++)
            {
                double expected = sign * row[j];
                Assert.True(Math.Abs(model.Components[c * d + j] - expected) <= 1e-4, $"component {c}, {j}: {model.Components[c * d + j]} vs {expected}");
            }
        }
        for (int j = 0; j < d; j++)
        {
            Assert.Equal(mean[j], model.Mean[j], 4);
        }
    }

    [Fact]
    public void SignConventionIsValidatedAndTheDefaultNeedsNoDataPass()
    {
        var bad = new PcaOptions { SignConvention = (PcaSignConvention)7 };
        Assert.Contains("'SignConvention' option of PCA must be one of LargestComponentEntry, LargestProjection. Got 7.",
            Assert.Throws<ArgumentOutOfRangeException>(() => bad.Validate()).Message);
        var x = Random(400, 9, 11);
        var model = new MLContext(1).Transforms.ProjectToPrincipalComponents("Pc", "Features", 9).Fit(View(x, 9));
        for (int c = 0; c < 9; c++)
        {
            var v = model.Components.Slice(c * 9, 9).ToArray();
            Assert.True(v.MaxBy(Math.Abs) > 0, $"component {c}: largest entry must be positive");
        }
    }

    /// <summary>The u-based rule on data split over the cores: the second half of the rows mirrors the first
    /// (x and −x, small integers, so the mean is exactly 0 and every projection has an exact opposite), so each
    /// component's largest |X̃v| is a tie between a first-half row and its mirror; the first row must win.</summary>
    [Fact]
    public void LargestProjectionBreaksTiesByTheFirstRowAcrossCores()
    {
        int half = 6000, n = 2 * half, d = 6, rank = 4;
        var rng = new Random(21);
        var x = new float[n * d];
        for (int i = 0; i < half * d; i++)
        {
            x[i] = rng.Next(-3, 4) * (1 + i % d);
            x[half * d + i] = -x[i];
        }
        var options = new PcaOptions { OutputColumnName = "Pc", InputColumnName = "Features", Rank = rank, SignConvention = PcaSignConvention.LargestProjection };
        var model = new MLContext(1).Transforms.ProjectToPrincipalComponents(options).Fit(View(x, d));
        for (int c = 0; c < rank; c++)
        {
            double best = -1, atBest = 0;
            int row = -1;
            for (int r = 0; r < n; r++)
            {
                double u = 0;
                for (int j = 0; j < d; j++) u += (double)x[r * d + j] * model.Components[c * d + j];
                if (Math.Abs(u) > best + 1e-9 * Math.Abs(u))
                {
                    (best, atBest, row) = (Math.Abs(u), u, r);
                }
            }
            Assert.True(row < half, $"component {c}: the first largest row must be in the first half, got {row}");
            Assert.True(atBest > 0, $"component {c}: X̃v at row {row} is {atBest}, must be positive");
        }
    }

    [Fact]
    public void FullRankReconstructionIsExact()
    {
        int n = 200, d = 12;
        var x = Random(n, d, 3);
        var model = new MLContext(1).Transforms.ProjectToPrincipalComponents("Pc", "Features", d).Fit(View(x, d));
        var back = model.InverseTransform(model.Project(x, n), n);
        Assert.All(Enumerable.Range(0, x.Length), i => Assert.True(Math.Abs(back[i] - x[i]) <= 1e-4 * Math.Max(1, Math.Abs(x[i])), $"{i}: {back[i]} vs {x[i]}"));
        Assert.True(model.ReconstructionMse(x, n) < 1e-8);
        Assert.True(model.WithRank(2).ReconstructionMse(x, n) > model.WithRank(6).ReconstructionMse(x, n));
    }

    [Fact]
    public void WhiteningGivesUnitVarianceAndInvertsExactly()
    {
        int n = 300, d = 6, rank = 4;
        var x = Random(n, d, 5);
        var model = new MLContext(1).Transforms.ProjectToPrincipalComponents("Pc", "Features", rank, whitening: true).Fit(View(x, d));
        var y = model.Project(x, n);
        for (int c = 0; c < rank; c++)
        {
            double mean = Enumerable.Range(0, n).Average(r => (double)y[r * rank + c]);
            double variance = Enumerable.Range(0, n).Sum(r => Math.Pow(y[r * rank + c] - mean, 2)) / (n - 1);
            Assert.InRange(mean, -1e-4, 1e-4);
            Assert.InRange(variance, 1 - 1e-4, 1 + 1e-4);
        }
        var unwhitened = new MLContext(1).Transforms.ProjectToPrincipalComponents("Pc", "Features", rank).Fit(View(x, d));
        var a = model.InverseTransform(y, n);
        var b = unwhitened.InverseTransform(unwhitened.Project(x, n), n);
        Assert.All(Enumerable.Range(0, a.Length), i => Assert.True(Math.Abs(a[i] - b[i]) <= 1e-4));
    }

    [Fact]
    public void RankIsValidatedAgainstTheInputSize()
    {
        var data = View(new float[10 * 784], 784);
        var estimator = new MLContext(1).Transforms.ProjectToPrincipalComponents("Pc", "Features", rank: 0);
        Assert.StartsWith("The 'rank' option of PCA must be an integer in [1, 784]. Got 0.", Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext(1).Transforms.ProjectToPrincipalComponents("Pc", "Features", rank: 785)
            .GetOutputSchema(SchemaShape.Create(data.Schema)));
        Assert.Contains("at least 2 rows", Assert.Throws<ArgumentException>(() => new MLContext(1).Transforms.ProjectToPrincipalComponents("Pc", "Features", 1).Fit(View([1, 2], 2))).Message);
        Assert.Contains("'OutputColumnName' option of PCA", Assert.Throws<ArgumentException>(() => new MLContext(1).Transforms.ProjectToPrincipalComponents("")).Message);
    }

    [Fact]
    public void QuickSampleReportsDecreasingReconstructionError()
    {
        var run = MlNetDl.UnitTests.Samples.SampleRunner.Run("pca", "--quick", "--out", Directory.CreateTempSubdirectory("mlnetdl-pca-").FullName);
        Assert.Equal(0, run.ExitCode);
        var r = KnnTests.Results(run.Stdout);
        Assert.True(r["mse_2"] > r["mse_10"] && r["mse_10"] > r["mse_50"] && r["mse_50"] > r["mse_100"]);
        Assert.InRange(r["ratio_1"], 0.2, 0.4);
        Assert.InRange(r["explained_100"], 0.85, 1.0);
    }
}
