using MlNetDl.Samples;
using MlNetDl.UnitTests.Samples.Plotting;

namespace MlNetDl.UnitTests.Samples;

/// <summary>
/// Every sample in <see cref="SampleRegistry"/> runs through the host with --quick into a temp --out: exit code 0,
/// its RESULT lines in sane ranges, and every promised file present (PNGs decode and are not blank).
/// </summary>
public class AllSamplesQuickTests
{
    /// <summary>RESULT name → allowed [low, high] per sample. A registered sample without a row fails the coverage test.</summary>
    private static readonly Dictionary<string, Dictionary<string, (double Low, double High)>> Ranges = new()
    {
        ["mlp"] = new()
        {
            ["accuracy"] = (0.6, 1.0),                 // 10 classes: chance is 0.1
            ["macro_accuracy"] = (0.55, 1.0),
            ["log_loss"] = (0.0, 1.6),
            ["loss"] = (0.0, 2.3),                     // ln 10 ≈ 2.30 is the loss of a uniform guess
            ["reload_accuracy"] = (0.6, 1.0),
            ["engine_agreement"] = (1.0, 1.0),
            ["onnx_agreement"] = (1.0, 1.0),             // the exported chain, re-imported, predicts the same classes
        },
        ["linreg"] = new()
        {
            ["mse_all"] = (2000, 3500),                // diabetes OLS training MSE ≈ 2859
            ["mse_8"] = (1500, 5000),
            ["r_squared"] = (0.2, 1.0),
        },
        ["newton-logreg"] = new()
        {
            ["accuracy_exact"] = (0.95, 1.0),
            ["accuracy_diagonal"] = (0.9, 1.0),
            ["auc_exact"] = (0.97, 1.0),
            ["auc_diagonal"] = (0.95, 1.0),
            ["iterations_exact"] = (1, 10),
        },
        ["softmax"] = new()
        {
            ["accuracy"] = (0.6, 1.0),
            ["loss"] = (0.0, 2.3),
        },
        ["knn"] = new()
        {
            ["accuracy"] = (0.6, 1.0),
            ["macro_accuracy"] = (0.6, 1.0),
        },
        ["pca"] = new()
        {
            ["ratio_1"] = (0.2, 0.4),                  // Fashion-MNIST: the first component explains ≈ 29 %
            ["explained_100"] = (0.85, 0.97),
            ["mse_2"] = (0.01, 0.1),
            ["mse_100"] = (0.0, 0.02),
        },
    };

    public static TheoryData<string> Names() => [.. SampleRegistry.All.Where(s => !s.Tool).Select(s => s.Name)];

    [Fact]
    public void EveryRegisteredSampleHasExpectedResults() =>
        Assert.Empty(SampleRegistry.All.Where(s => !s.Tool).Select(s => s.Name).Except(Ranges.Keys));

    [Theory]
    [MemberData(nameof(Names))]
    public void QuickRunReportsSaneResultsAndWritesItsPlots(string name)
    {
        var outDir = Directory.CreateTempSubdirectory($"mlnetdl-{name}-").FullName;
        try
        {
            var run = SampleRunner.Run(name, "--quick", "--out", outDir);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}; stderr: {run.Stderr}");
            Assert.Equal("", run.Stderr);
            foreach (var (result, (low, high)) in Ranges[name])
            {
                Assert.True(run.Results.ContainsKey(result), $"{name} printed no RESULT {result}; got {string.Join(", ", run.Results.Keys)}");
                Assert.InRange(run.Results[result], low, high);
            }

            Assert.InRange(run.Results["seconds"], 0.0, 120.0);
            Assert.StartsWith("RESULT seconds=", run.Stdout.Split('\n').Last(l => l.StartsWith("RESULT ", StringComparison.Ordinal)));
            if (name is "mlp" or "softmax" or "newton-logreg")
            {
                Assert.Contains(": epoch 1/", run.Stdout);      // training progress reached the plain-line sink
            }

            if (name == "pca")
            {
                Assert.True(run.Results["mse_2"] > run.Results["mse_10"] && run.Results["mse_10"] > run.Results["mse_50"] && run.Results["mse_50"] > run.Results["mse_100"]);
            }

            var definition = SampleRegistry.Find(name)!;
            Assert.NotEmpty(definition.Files);
            foreach (var file in definition.Files)
            {
                var path = Path.Combine(outDir, file);
                Assert.True(File.Exists(path), $"{name} did not write {file}");
                if (file.EndsWith(".png", StringComparison.Ordinal))
                {
                    var png = PngTestDecoder.Decode(File.ReadAllBytes(path));
                    Assert.InRange(png.Width, 100, 4000);
                    Assert.InRange(png.Height, 100, 4000);
                    Assert.True(DistinctColours(png.Rgba) > 2, $"{file} is blank");
                }
                else if (file.EndsWith(".svg", StringComparison.Ordinal))
                {
                    Assert.Equal("svg", System.Xml.Linq.XDocument.Load(path).Root!.Name.LocalName);
                }
            }
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void MlpHonoursEpochsAndReloadsIdentically()
    {
        var outDir = Directory.CreateTempSubdirectory("mlnetdl-mlp-reload-").FullName;
        try
        {
            var mlp = SampleRunner.Run("mlp", "--quick", "--epochs", "3", "--seed", "2", "--out", outDir);
            Assert.Equal(0, mlp.ExitCode);
            Assert.Equal(mlp.Results["accuracy"], mlp.Results["reload_accuracy"]);
            Assert.True(File.Exists(Path.Combine(outDir, "mlp.zip")));
            Assert.Contains("epoch 3/3", mlp.Stdout);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static int DistinctColours(byte[] rgba)
    {
        var seen = new HashSet<int>();
        for (int i = 0; i < rgba.Length && seen.Count < 3; i += 4)
        {
            seen.Add(rgba[i] | (rgba[i + 1] << 8) | (rgba[i + 2] << 16));
        }

        return seen.Count;
    }
}
