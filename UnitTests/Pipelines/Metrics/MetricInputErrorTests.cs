using MlNetDl.Pipelines.Metrics;

namespace MlNetDl.UnitTests.Pipelines.Metrics;

/// <summary>Bad inputs fail with messages that name the metric, the input and the value or lengths received.</summary>
public class MetricInputErrorTests
{
    public static TheoryData<string, Action, string[]> BadInputs => new()
    {
        { "regression length mismatch", () => RegressionMetrics.Compute([1.0, 2, 3], [1.0, 2]),
            ["RegressionMetrics", "labels has 3", "scores has 2"] },
        { "regression empty", () => RegressionMetrics.Compute(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty),
            ["RegressionMetrics", "labels is empty"] },
        { "regression NaN label", () => RegressionMetrics.Compute([1.0, double.NaN], [1.0, 2]),
            ["labels[1] is NaN"] },
        { "binary length mismatch", () => BinaryClassificationMetrics.Compute([true, false], [0.5, 0.2, 0.1]),
            ["BinaryClassificationMetrics", "labels has 2", "scores has 3"] },
        { "binary NaN score", () => BinaryClassificationMetrics.Compute([true, false], [0.5, double.NaN]),
            ["scores[1] is NaN", "finite"] },
        { "binary infinite score", () => RocCurve.Compute([true, false], [double.PositiveInfinity, 0.0]),
            ["RocCurve", "scores[0] is Infinity"] },
        { "binary float label not 0/1", () => BinaryClassificationMetrics.Compute([1f, 0.5f], [0.5f, 0.2f]),
            ["labels[1] is 0.5", "0 or 1"] },
        { "probability length mismatch", () => CalibratedBinaryClassificationMetrics.Compute([true, false], [1.0, 2], [0.5]),
            ["CalibratedBinaryClassificationMetrics", "labels has 2", "probabilities has 1"] },
        { "probability above 1", () => CalibratedBinaryClassificationMetrics.Compute([true, false], [1.0, 2], [0.5, 1.5]),
            ["probabilities[1] is 1.5", "[0, 1]"] },
        { "multiclass label too large", () => MulticlassClassificationMetrics.Compute([0, 1, 5], new double[9], 3),
            ["MulticlassClassificationMetrics", "labels[2] is 5", "[0, 3)"] },
        { "multiclass negative label", () => MulticlassClassificationMetrics.Compute([-1, 1, 0], new double[9], 3),
            ["labels[0] is -1", "[0, 3)"] },
        { "multiclass predicted label out of range", () => MulticlassClassificationMetrics.Compute([0, 1], new double[6], 3, [0, 3]),
            ["predictedLabels[1] is 3", "[0, 3)"] },
        { "multiclass predicted length", () => MulticlassClassificationMetrics.Compute([0, 1], new double[6], 3, [0]),
            ["labels has 2", "predictedLabels has 1"] },
        { "multiclass score shape", () => MulticlassClassificationMetrics.Compute([0, 1], new double[5], 3),
            ["scores has 5", "labels has 2", "classCount is 3", "6"] },
        { "multiclass one class", () => MulticlassClassificationMetrics.Compute([0, 0], new double[2], 1),
            ["classCount must be at least 2", "Got 1"] },
        { "multiclass negative top-k", () => MulticlassClassificationMetrics.Compute([0, 1], new double[4], 2, topKPredictionCount: -1),
            ["topKPredictionCount", "Got -1"] },
        { "multiclass NaN score", () => MulticlassClassificationMetrics.Compute([0, 1], [0.5, double.NaN, 0.5, 0.5], 2),
            ["scores[1] is NaN"] },
    };

    [Theory, MemberData(nameof(BadInputs))]
    public void FailsNamingWhatWasWrong(string what, Action call, string[] fragments)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(call);
        foreach (var fragment in fragments)
            Assert.True(ex.Message.Contains(fragment, StringComparison.Ordinal), $"{what}: '{fragment}' not in \"{ex.Message}\"");
    }

    [Fact]
    public void LabelsOutsideTheClassRangeAreArgumentOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MulticlassClassificationMetrics.Compute([0, 7], new double[4], 2));
        Assert.Equal("labels", ex.ParamName);
    }
}
