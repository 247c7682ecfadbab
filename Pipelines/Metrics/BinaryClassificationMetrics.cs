namespace MlNetDl.Pipelines.Metrics;

/// <summary>
/// Binary classification results from labels and raw scores, shaped like ML.NET's <c>BinaryClassificationMetrics</c>,
/// plus the ROC curve. The predicted label is <c>score &gt; threshold</c> (ML.NET: threshold 0 on the score).
/// Precision/recall/F1 are 0 when their denominator is 0 (scikit-learn's zero_division=0; ML.NET gives NaN for F1).
/// </summary>
public class BinaryClassificationMetrics
{
    /// <summary>(TP + TN) / N.</summary>
    public double Accuracy { get; }

    /// <summary>Area under <see cref="RocCurve"/> (trapezoids over distinct scores; ties count one half);
    /// equals scikit-learn's <c>roc_auc_score</c>. NaN when the labels hold only one class.</summary>
    public double AreaUnderRocCurve { get; }

    /// <summary>
    /// Average precision Σ (R_i − R_{i−1}) · P_i over distinct score thresholds: scikit-learn's
    /// <c>average_precision_score</c> (step function, not trapezoids; ML.NET's sampled AUPRC may differ slightly).
    /// NaN without positive labels.
    /// </summary>
    public double AreaUnderPrecisionRecallCurve { get; }

    /// <summary>TP / (TP + FP).</summary>
    public double PositivePrecision { get; }

    /// <summary>TP / (TP + FN).</summary>
    public double PositiveRecall { get; }

    /// <summary>TN / (TN + FN).</summary>
    public double NegativePrecision { get; }

    /// <summary>TN / (TN + FP).</summary>
    public double NegativeRecall { get; }

    /// <summary>2 · P · R / (P + R) of the positive class.</summary>
    public double F1Score { get; }

    /// <summary>2 × 2 counts, classes ordered [positive, negative] as in ML.NET.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>The ROC curve of the scores (scikit-learn's <c>roc_curve</c> points; see <see cref="Metrics.RocCurve"/>).</summary>
    public RocCurve RocCurve { get; }

    private protected BinaryClassificationMetrics(BinaryClassificationMetrics other)
    {
        Accuracy = other.Accuracy;
        AreaUnderRocCurve = other.AreaUnderRocCurve;
        AreaUnderPrecisionRecallCurve = other.AreaUnderPrecisionRecallCurve;
        PositivePrecision = other.PositivePrecision;
        PositiveRecall = other.PositiveRecall;
        NegativePrecision = other.NegativePrecision;
        NegativeRecall = other.NegativeRecall;
        F1Score = other.F1Score;
        ConfusionMatrix = other.ConfusionMatrix;
        RocCurve = other.RocCurve;
    }

    private BinaryClassificationMetrics(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predicted, BinaryRanking ranking)
    {
        double tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i]) { if (predicted[i]) tp++; else fn++; }
            else { if (predicted[i]) fp++; else tn++; }
        }
        static double Ratio(double a, double b) => b > 0 ? a / b : 0;
        Accuracy = (tp + tn) / labels.Length;
        PositivePrecision = Ratio(tp, tp + fp);
        PositiveRecall = Ratio(tp, tp + fn);
        NegativePrecision = Ratio(tn, tn + fn);
        NegativeRecall = Ratio(tn, tn + fp);
        F1Score = Ratio(2 * PositivePrecision * PositiveRecall, PositivePrecision + PositiveRecall);
        ConfusionMatrix = new ConfusionMatrix([[tp, fn], [fp, tn]], ["positive", "negative"]);
        RocCurve = RocCurve.FromRanking(ranking, dropIntermediate: true);
        AreaUnderRocCurve = RocCurve.AreaUnderCurve;
        AreaUnderPrecisionRecallCurve = ranking.AveragePrecision();
    }

    /// <summary>Metrics of raw <paramref name="scores"/> (higher = more positive) against <paramref name="labels"/>, both length N ≥ 1;
    /// an example is predicted positive when its score is strictly greater than <paramref name="threshold"/>.</summary>
    /// <exception cref="ArgumentException">Lengths differ, inputs are empty, or a score is NaN/±∞.</exception>
    public static BinaryClassificationMetrics Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, double threshold = 0) =>
        Create(nameof(BinaryClassificationMetrics), labels, scores, scores, threshold);

    /// <summary>Single-precision overload with 0/1 labels, as ML.NET columns hold them; other label values are an error.</summary>
    public static BinaryClassificationMetrics Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, double threshold = 0) =>
        Compute(MetricChecks.BinaryLabels(nameof(BinaryClassificationMetrics), labels), MetricChecks.ToDouble(scores), threshold);

    /// <summary>Shared by the calibrated variant: ranks by <paramref name="scores"/>, predicts from <paramref name="decisionValues"/> &gt; threshold.</summary>
    private protected static BinaryClassificationMetrics Create(string metric, ReadOnlySpan<bool> labels,
        ReadOnlySpan<double> scores, ReadOnlySpan<double> decisionValues, double threshold)
    {
        var ranking = BinaryRanking.Build(metric, labels, scores);
        var predicted = new bool[labels.Length];
        for (int i = 0; i < predicted.Length; i++) predicted[i] = decisionValues[i] > threshold;
        return new BinaryClassificationMetrics(labels, predicted, ranking);
    }

    public override string ToString() =>
        $"Accuracy={Accuracy:F4} AUC={AreaUnderRocCurve:F4} AUPRC={AreaUnderPrecisionRecallCurve:F4} F1={F1Score:F4}";
}
