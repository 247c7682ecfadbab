using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Transforms;

namespace MlNetDl.UnitTests.Pipelines;

/// <summary>The README's pipeline example: the code between the markers below is the README's block verbatim (checked
/// by <see cref="ReadmeShowsThisCode"/>), so the README cannot drift from the API.</summary>
public class ReadmeExampleTests
{
    private const string Begin = "// README pipeline: begin";
    private const string End = "// README pipeline: end";

    [Fact]
    public void PipelineExampleLearnsDigits()
    {
        // README pipeline: begin
        var mlContext = new MLContext(seed: 0);
        var digits = SklearnDatasets.LoadDigits();   // 1,797 8×8 images from Debian's python3-sklearn
        var split = mlContext.Data.TrainTestSplit(mlContext.Data.LoadFromArrays(digits.Features, [64], digits.Labels!, classCount: 10), testFraction: 0.25);
        var model = mlContext.Transforms.NormalizeMinMax("Features")
            .Append(mlContext.MulticlassClassification.Trainers.SoftmaxRegression(epochs: 100, learningRate: 0.5))
            .Fit(split.TrainSet);
        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine($"test accuracy {metrics.MicroAccuracy:P1}, log-loss {metrics.LogLoss:F3}");
        // README pipeline: end

        // A linear softmax model reaches ~96 % on digits (scikit-learn's LogisticRegression: 0.96-0.97 on such splits).
        Assert.InRange(metrics.MicroAccuracy, 0.94, 1.0);
        Assert.Equal(10, metrics.ConfusionMatrix.NumberOfClasses);
    }

    [Fact]
    public void ReadmeShowsThisCode()
    {
        var root = RepoRoot();
        var source = File.ReadAllLines(Path.Combine(root, "UnitTests", "Pipelines", "ReadmeExampleTests.cs"));
        var code = Between(source, Begin, End);
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        Assert.Contains(string.Join("\n", code), readme.ReplaceLineEndings("\n"));
    }

    private static IEnumerable<string> Between(string[] lines, string begin, string end)
    {
        int first = Array.FindIndex(lines, l => l.Trim() == begin), last = Array.FindIndex(lines, l => l.Trim() == end);
        Assert.True(first >= 0 && last > first, $"markers '{begin}' / '{end}' not found");
        var block = lines[(first + 1)..last];
        int indent = block.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return block.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart());
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlNetDl.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no MlNetDl.sln above {AppContext.BaseDirectory}");
    }
}
