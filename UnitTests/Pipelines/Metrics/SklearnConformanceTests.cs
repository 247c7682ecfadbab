using MlNetDl.Pipelines.Metrics;
using static MlNetDl.UnitTests.Pipelines.Metrics.MetricFixtures;

namespace MlNetDl.UnitTests.Pipelines.Metrics;

/// <summary>Every metric against scikit-learn 1.2 on the seeded fixtures (ties and duplicate scores included).</summary>
public class SklearnConformanceTests
{
    public static IEnumerable<object[]> BinaryCases => Names("binary");
    public static IEnumerable<object[]> RegressionCases => Names("regression");
    public static IEnumerable<object[]> MulticlassCases => Names("multiclass");

    private static (bool[] Labels, double[] Scores, double[] Probabilities) BinaryInputs(System.Text.Json.JsonElement c) =>
        (c.Ints("labels").Select(l => l == 1).ToArray(), c.Doubles("scores"), c.Doubles("probabilities"));

    [Theory, MemberData(nameof(BinaryCases))]
    public void RocCurveMatchesRocCurvePointForPoint(string name)
    {
        var c = Case("binary", name);
        var (labels, scores, _) = BinaryInputs(c);
        foreach (var (drop, prefix) in new[] { (true, "roc_"), (false, "roc_all_") })
        {
            var points = RocCurve.Compute(labels, scores, dropIntermediate: drop).Points;
            double[] fpr = c.Doubles(prefix + "fpr"), tpr = c.Doubles(prefix + "tpr"), thr = c.Doubles(prefix + "thresholds");
            Assert.Equal(fpr.Length, points.Count);
            for (int i = 0; i < fpr.Length; i++)
            {
                Close(fpr[i], points[i].FalsePositiveRate, $"{name} drop={drop} fpr[{i}]");
                Close(tpr[i], points[i].TruePositiveRate, $"{name} drop={drop} tpr[{i}]");
                Assert.Equal(thr[i], points[i].Threshold); // thresholds are input scores (or max + 1): exact
            }
        }
    }

    [Theory, MemberData(nameof(BinaryCases))]
    public void BinaryMetricsMatchSklearn(string name)
    {
        var c = Case("binary", name);
        var (labels, scores, _) = BinaryInputs(c);
        var m = BinaryClassificationMetrics.Compute(labels, scores);

        Close(c.Double("roc_auc"), m.AreaUnderRocCurve, $"{name} AUC");
        Close(c.Double("average_precision"), m.AreaUnderPrecisionRecallCurve, $"{name} average precision");
        Close(c.Double("accuracy"), m.Accuracy, $"{name} accuracy");
        Close(c.Double("positive_precision"), m.PositivePrecision, $"{name} positive precision");
        Close(c.Double("positive_recall"), m.PositiveRecall, $"{name} positive recall");
        Close(c.Double("negative_precision"), m.NegativePrecision, $"{name} negative precision");
        Close(c.Double("negative_recall"), m.NegativeRecall, $"{name} negative recall");
        Close(c.Double("f1"), m.F1Score, $"{name} F1");

        // sklearn: [[tn, fp], [fn, tp]] over classes [0, 1]; ours lists the positive class first.
        var cm = c.Matrix("confusion_matrix");
        double[][] expected = [[cm[1][1], cm[1][0]], [cm[0][1], cm[0][0]]];
        Assert.Equal(expected, m.ConfusionMatrix.Counts.Select(r => r.ToArray()).ToArray());
    }

    [Theory, MemberData(nameof(BinaryCases))]
    public void CalibratedLogLossIsSklearnLogLossInBits(string name)
    {
        var c = Case("binary", name);
        var (labels, scores, probabilities) = BinaryInputs(c);
        var m = CalibratedBinaryClassificationMetrics.Compute(labels, scores, probabilities);

        Close(c.Double("log_loss") / Math.Log(2), m.LogLoss, $"{name} log-loss (bits)");
        double prior = labels.Count(l => l) / (double)labels.Length;
        double entropy = -prior * Math.Log2(prior) - (1 - prior) * Math.Log2(1 - prior);
        Close(entropy, m.Entropy, $"{name} entropy");
        Close((entropy - m.LogLoss) / entropy, m.LogLossReduction, $"{name} log-loss reduction");
        Close(c.Double("roc_auc"), m.AreaUnderRocCurve, $"{name} AUC (calibrated)");
    }

    [Theory, MemberData(nameof(BinaryCases))]
    public void SinglePrecisionOverloadsAgree(string name)
    {
        // Fixture scores are float32-representable, so the float overloads see identical values.
        var c = Case("binary", name);
        float[] labels = c.Ints("labels").Select(l => (float)l).ToArray();
        float[] scores = c.Doubles("scores").Select(s => (float)s).ToArray();
        float[] probabilities = c.Doubles("probabilities").Select(p => (float)p).ToArray();
        var m = CalibratedBinaryClassificationMetrics.Compute(labels, scores, probabilities);
        Close(c.Double("roc_auc"), m.AreaUnderRocCurve, $"{name} AUC (float)");
        Close(c.Double("log_loss") / Math.Log(2), m.LogLoss, $"{name} log-loss (float)");
        Assert.Equal(c.Doubles("roc_fpr").Length, RocCurve.Compute(labels, scores).Points.Count);
    }

    [Theory, MemberData(nameof(RegressionCases))]
    public void RegressionMetricsMatchSklearn(string name)
    {
        var c = Case("regression", name);
        var m = RegressionMetrics.Compute(c.Doubles("labels"), c.Doubles("scores"));
        Close(c.Double("mean_squared_error"), m.MeanSquaredError, $"{name} MSE");
        Close(c.Double("mean_squared_error"), m.LossFunction, $"{name} loss");
        Close(c.Double("root_mean_squared_error"), m.RootMeanSquaredError, $"{name} RMSE");
        Close(c.Double("mean_absolute_error"), m.MeanAbsoluteError, $"{name} MAE");
        Close(c.Double("r2"), m.RSquared, $"{name} R²");
    }

    [Theory, MemberData(nameof(MulticlassCases))]
    public void MulticlassMetricsMatchSklearn(string name)
    {
        var c = Case("multiclass", name);
        int k = c.GetProperty("classes").GetInt32();
        var m = MulticlassClassificationMetrics.Compute(c.Ints("labels"), c.Doubles("probabilities"), k, topKPredictionCount: 2);

        // The default predicted label (first row maximum) is numpy's argmax: sklearn's confusion matrix used it.
        var explicitPredicted = MulticlassClassificationMetrics.Compute(c.Ints("labels"), c.Doubles("probabilities"), k, c.Ints("predicted"));
        Assert.Equal(c.Matrix("confusion_matrix"), explicitPredicted.ConfusionMatrix.Counts.Select(r => r.ToArray()).ToArray());
        Assert.Equal(c.Matrix("confusion_matrix"), m.ConfusionMatrix.Counts.Select(r => r.ToArray()).ToArray());
        Close(c.Double("micro_accuracy"), m.MicroAccuracy, $"{name} micro accuracy");
        Close(c.Double("macro_accuracy"), m.MacroAccuracy, $"{name} macro accuracy");
        Close(c.Double("log_loss"), m.LogLoss, $"{name} log-loss");
        Close(c.Double("macro_ovr_auc"), m.MacroAreaUnderRocCurve, $"{name} macro ovr AUC");
        double[] precision = c.Doubles("per_class_precision"), recall = c.Doubles("per_class_recall"), auc = c.Doubles("per_class_auc");
        for (int j = 0; j < k; j++)
        {
            Close(precision[j], m.ConfusionMatrix.PerClassPrecision[j], $"{name} precision[{j}]");
            Close(recall[j], m.ConfusionMatrix.PerClassRecall[j], $"{name} recall[{j}]");
            Close(auc[j], m.PerClassAreaUnderRocCurve[j], $"{name} AUC[{j}]");
        }
        if (c.GetProperty("top2_accuracy").ValueKind != System.Text.Json.JsonValueKind.Null)
            Close(c.Double("top2_accuracy"), m.TopKAccuracy, $"{name} top-2 accuracy");
        Close(m.MicroAccuracy, m.TopKAccuracyForAllK![0], $"{name} top-1 = micro accuracy");
    }
}
