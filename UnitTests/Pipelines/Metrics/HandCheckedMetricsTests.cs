using MlNetDl.Pipelines.Metrics;

namespace MlNetDl.UnitTests.Pipelines.Metrics;

/// <summary>Small cases worked out by hand, and the degenerate-input conventions.</summary>
public class HandCheckedMetricsTests
{
    // Scores 0.9(+) 0.8(−) 0.8(+) 0.1(−): one tie across the classes.
    private static readonly bool[] Labels = [true, false, true, false];
    private static readonly double[] Scores = [0.9, 0.8, 0.8, 0.1];

    [Fact]
    public void RocCurveOfATieIsADiagonalSegment()
    {
        var curve = RocCurve.Compute(Labels, Scores);
        RocPoint[] expected = [new(0, 0, 1.9), new(0, 0.5, 0.9), new(0.5, 1, 0.8), new(1, 1, 0.1)];
        Assert.Equal(expected.Length, curve.Points.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].FalsePositiveRate, curve.Points[i].FalsePositiveRate, 12);
            Assert.Equal(expected[i].TruePositiveRate, curve.Points[i].TruePositiveRate, 12);
            Assert.Equal(expected[i].Threshold, curve.Points[i].Threshold, 12);
        }
        // Pairs (positive, negative): 3 wins and one tie worth one half, out of 4.
        Assert.Equal(3.5 / 4, curve.AreaUnderCurve, 12);
    }

    [Fact]
    public void DropIntermediateRemovesOnlyCollinearPoints()
    {
        // Positives at the 3 highest of 5 distinct scores: counts (fp, tp) = (0,1) (0,2) (0,3) (1,3) (2,3).
        // (0,2) and (1,3) lie between collinear neighbours; the first and last points always stay
        // (scikit-learn gives fpr [0 0 0 1], tpr [0 1/3 1 1], thresholds [6 5 3 1]).
        bool[] labels = [true, true, true, false, false];
        double[] scores = [5, 4, 3, 2, 1];
        Assert.Equal(6, RocCurve.Compute(labels, scores, dropIntermediate: false).Points.Count);
        var kept = RocCurve.Compute(labels, scores).Points;
        Assert.Equal([0.0, 0, 0, 1], kept.Select(p => p.FalsePositiveRate));
        Assert.Equal([0.0, 1.0 / 3, 1, 1], kept.Select(p => p.TruePositiveRate));
        Assert.Equal([6.0, 5, 3, 1], kept.Select(p => p.Threshold));
        Assert.Equal(1.0, RocCurve.Compute(labels, scores).AreaUnderCurve);
    }

    [Fact]
    public void BinaryCountsPrecisionRecallAndAveragePrecision()
    {
        var m = BinaryClassificationMetrics.Compute(Labels, Scores); // every score > 0: all predicted positive
        Assert.Equal(0.5, m.Accuracy);
        Assert.Equal(0.5, m.PositivePrecision);
        Assert.Equal(1.0, m.PositiveRecall);
        Assert.Equal(0.0, m.NegativePrecision); // no negative predictions: 0 rather than NaN
        Assert.Equal(0.0, m.NegativeRecall);
        Assert.Equal(2.0 / 3, m.F1Score, 12);
        Assert.Equal(0.875, m.AreaUnderRocCurve, 12);
        // Recall steps 0 → 0.5 at precision 1, then 0.5 → 1 at precision 2/3.
        Assert.Equal(0.5 * 1 + 0.5 * 2.0 / 3, m.AreaUnderPrecisionRecallCurve, 12);
        Assert.Equal([[2.0, 0.0], [2.0, 0.0]], m.ConfusionMatrix.Counts.Select(r => r.ToArray()));
        Assert.Equal(2.0, m.ConfusionMatrix.GetCountForClassPair(predictedClassIndex: 0, actualClassIndex: 1));

        var shifted = BinaryClassificationMetrics.Compute(Labels, Scores, threshold: 0.85);
        Assert.Equal(0.75, shifted.Accuracy); // only 0.9 predicted positive
        Assert.Equal(m.AreaUnderRocCurve, shifted.AreaUnderRocCurve); // ranking metrics ignore the threshold
    }

    public static TheoryData<double, double, double> LogLossCases => new()
    {
        { 0.5, 0.5, 1.0 },                   // coin flip: 1 bit per example
        { 1.0, 0.0, -Math.Log2(1 - 1e-15) }, // perfect, clamped away from 0
        { 0.0, 1.0, -Math.Log2(1e-15) },     // confidently wrong: ~49.8 bits, not ∞
        { 0.8, 0.4, -(Math.Log2(0.8) + Math.Log2(0.6)) / 2 },
    };

    [Theory, MemberData(nameof(LogLossCases))]
    public void CalibratedLogLossInBits(double probabilityOfPositive, double probabilityOfNegative, double expected)
    {
        var m = CalibratedBinaryClassificationMetrics.Compute([true, false], [1.0, -1.0], [probabilityOfPositive, probabilityOfNegative]);
        Assert.Equal(expected, m.LogLoss, 12);
        Assert.Equal(1.0, m.Entropy, 12); // one positive, one negative
        Assert.Equal(1 - expected, m.LogLossReduction, 12);
    }

    [Fact]
    public void CalibratedPredictionsThresholdTheProbability()
    {
        // Scores say positive, probabilities (≤ 0.5, strict comparison) say negative.
        var m = CalibratedBinaryClassificationMetrics.Compute([true, false], [2.0, 1.0], [0.5, 0.2]);
        Assert.Equal(0.5, m.Accuracy);
        Assert.Equal(0.0, m.PositiveRecall);
        Assert.Equal(1.0, m.AreaUnderRocCurve);
    }

    [Fact]
    public void SingleClassLabelsGiveNaNAreas()
    {
        var m = CalibratedBinaryClassificationMetrics.Compute([true, true, true], [0.3, 0.1, 0.2], [0.6, 0.6, 0.6]);
        Assert.True(double.IsNaN(m.AreaUnderRocCurve));
        Assert.All(m.RocCurve.Points, p => Assert.True(double.IsNaN(p.FalsePositiveRate)));
        Assert.Equal(1.0, m.AreaUnderPrecisionRecallCurve); // defined: every threshold has precision 1
        Assert.Equal(0.0, m.Entropy);
        Assert.True(double.IsNaN(m.LogLossReduction));

        var negativesOnly = BinaryClassificationMetrics.Compute([false, false], [0.3, 0.1]);
        Assert.True(double.IsNaN(negativesOnly.AreaUnderRocCurve));
        Assert.True(double.IsNaN(negativesOnly.AreaUnderPrecisionRecallCurve));
    }

    public static TheoryData<double[], double[], double, double, double> RegressionCases => new()
    {
        { [1, 2, 3], [1, 2, 5], 2.0 / 3, 4.0 / 3, 1 - 4.0 / 2 },
        { [1, 2, 3], [1, 2, 3], 0, 0, 1 },
        { [2, 2], [2, 2], 0, 0, 1 }, // constant labels, perfect fit
        { [2, 2], [1, 3], 1, 1, 0 }, // constant labels, imperfect fit: 0 (scikit-learn), not −∞
    };

    [Theory, MemberData(nameof(RegressionCases))]
    public void RegressionByHand(double[] labels, double[] scores, double mae, double mse, double r2)
    {
        var m = RegressionMetrics.Compute(labels, scores);
        Assert.Equal(mae, m.MeanAbsoluteError, 12);
        Assert.Equal(mse, m.MeanSquaredError, 12);
        Assert.Equal(Math.Sqrt(mse), m.RootMeanSquaredError, 12);
        Assert.Equal(mse, m.LossFunction, 12);
        Assert.Equal(r2, m.RSquared, 12);
    }

    [Fact]
    public void TopKBreaksTiesByLowerClassIndex()
    {
        // Row [0.2, 0.4, 0.4]: class 1 ranks before class 2.
        double[] scores = [0.2, 0.4, 0.4, 0.2, 0.4, 0.4, 0.7, 0.2, 0.1];
        var m = MulticlassClassificationMetrics.Compute([2, 1, 2], scores, 3, topKPredictionCount: 3);
        Assert.Equal([1.0 / 3, 2.0 / 3, 1.0], m.TopKAccuracyForAllK!);
        Assert.Equal(1.0, m.TopKAccuracy);
        Assert.Equal(3, m.TopKPredictionCount);
        Assert.Equal(1.0 / 3, m.MicroAccuracy, 12); // argmax picks the first maximum, class 1
    }

    [Fact]
    public void MulticlassWithAnAbsentClass()
    {
        // Class 2 never occurs (but is predicted once): its log-loss and AUC are undefined, and macro accuracy
        // averages the recalls of classes 0 and 1 only.
        int[] labels = [0, 0, 1, 1];
        double[] scores = [0.8, 0.1, 0.1, 0.3, 0.6, 0.1, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8];
        var m = MulticlassClassificationMetrics.Compute(labels, scores, 3);
        Assert.Equal([[1.0, 1, 0], [0, 1, 1], [0, 0, 0]], m.ConfusionMatrix.Counts.Select(r => r.ToArray()));
        Assert.Equal(0.5, m.MicroAccuracy);
        Assert.Equal((0.5 + 0.5) / 2, m.MacroAccuracy);
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.3)) / 2, m.PerClassLogLoss[0], 12);
        Assert.True(double.IsNaN(m.PerClassLogLoss[2]));
        Assert.Equal(1.0, m.PerClassAreaUnderRocCurve[0]);
        Assert.True(double.IsNaN(m.PerClassAreaUnderRocCurve[2]));
        Assert.True(double.IsNaN(m.MacroAreaUnderRocCurve));
        Assert.Equal([1.0, 0.5, 0.0], m.ConfusionMatrix.PerClassPrecision);
        Assert.Equal([0.5, 0.5, 0.0], m.ConfusionMatrix.PerClassRecall);
        Assert.Equal((Math.Log(2) - m.LogLoss) / Math.Log(2), m.LogLossReduction, 12);
        Assert.Null(m.TopKAccuracyForAllK);
        Assert.Equal(0, m.TopKAccuracy);
    }

    [Fact]
    public void FormattedConfusionTableListsCountsRecallAndPrecision()
    {
        var m = MulticlassClassificationMetrics.Compute([0, 0, 1, 2], [0.9, 0.1, 0, 0.2, 0.8, 0, 0, 1, 0, 0, 0, 1], 3);
        string table = m.GetFormattedConfusionTable();
        string[] lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("Confusion table", lines[0]);
        Assert.Contains("PREDICTED", lines[2]);
        Assert.EndsWith("Recall", lines[2]);
        Assert.Matches(@"^\s+0 \|\|\s+1 \|\s+1 \|\s+0 \| 0\.5000$", lines[4]);
        Assert.Matches(@"^\s+1 \|\|\s+0 \|\s+1 \|\s+0 \| 1\.0000$", lines[5]);
        Assert.Matches(@"^Precision\s+\|\|\s+1\.0000 \|\s+0\.5000 \|\s+1\.0000 \|$", lines[^1]);
        Assert.Equal(table, m.ConfusionMatrix.ToString());
    }
}
