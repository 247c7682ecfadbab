namespace MlNetDl.Pipelines.Metrics;

/// <summary>One point of a ROC curve: predicting positive for score ≥ Threshold gives these rates.</summary>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);

/// <summary>
/// Receiver operating characteristic curve, point for point as scikit-learn 1.2's <c>roc_curve</c>: one point per
/// distinct score (decreasing), optionally without collinear intermediate points, preceded by (0, 0) at threshold
/// max(score) + 1 (scikit-learn ≥ 1.3 uses +∞ there instead). With only one class in the labels the undefined
/// rate (FPR without negatives, TPR without positives) is NaN at every point and <see cref="AreaUnderCurve"/> is NaN
/// (scikit-learn's <c>roc_auc_score</c> raises instead).
/// </summary>
public sealed class RocCurve
{
    /// <summary>The points in order of decreasing threshold, from (0, 0) to (1, 1).</summary>
    public IReadOnlyList<RocPoint> Points { get; }

    /// <summary>
    /// Trapezoidal area under the points; ties in the scores become diagonal segments, so this equals the
    /// probability that a random positive outscores a random negative, ties counting one half. NaN with one class.
    /// </summary>
    public double AreaUnderCurve { get; }

    private RocCurve(RocPoint[] points)
    {
        Points = points;
        double area = 0;
        for (int i = 1; i < points.Length; i++)
            area += (points[i].FalsePositiveRate - points[i - 1].FalsePositiveRate)
                    * (points[i].TruePositiveRate + points[i - 1].TruePositiveRate) / 2;
        AreaUnderCurve = area; // NaN rates make it NaN
    }

    /// <summary>ROC curve of <paramref name="scores"/> (higher = more positive) against <paramref name="labels"/>.
    /// <paramref name="dropIntermediate"/> drops points whose counts lie on a straight line between their neighbours
    /// (scikit-learn's default); the area is unchanged.</summary>
    /// <exception cref="ArgumentException">Lengths differ, inputs are empty, or a score is NaN/±∞.</exception>
    public static RocCurve Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, bool dropIntermediate = true) =>
        FromRanking(BinaryRanking.Build(nameof(RocCurve), labels, scores), dropIntermediate);

    /// <summary>Single-precision overload with 0/1 labels, as ML.NET columns hold them.</summary>
    public static RocCurve Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, bool dropIntermediate = true) =>
        Compute(MetricChecks.BinaryLabels(nameof(RocCurve), labels), MetricChecks.ToDouble(scores), dropIntermediate);

    internal static RocCurve FromRanking(BinaryRanking ranking, bool dropIntermediate)
    {
        int m = ranking.Count;
        double[] tps = ranking.TruePositives, fps = ranking.FalsePositives;
        var keep = new List<int>(m);
        for (int i = 0; i < m; i++)
        {
            // A point is kept unless the second difference of both count sequences is zero there (collinear).
            bool interior = i > 0 && i < m - 1;
            if (dropIntermediate && m > 2 && interior
                && fps[i + 1] - 2 * fps[i] + fps[i - 1] == 0
                && tps[i + 1] - 2 * tps[i] + tps[i - 1] == 0)
                continue;
            keep.Add(i);
        }

        double negatives = ranking.Negatives, positives = ranking.Positives;
        double Fpr(double fp) => negatives > 0 ? fp / negatives : double.NaN;
        double Tpr(double tp) => positives > 0 ? tp / positives : double.NaN;

        var points = new RocPoint[keep.Count + 1];
        points[0] = new RocPoint(Fpr(0), Tpr(0), ranking.Thresholds[0] + 1);
        for (int j = 0; j < keep.Count; j++)
        {
            int i = keep[j];
            points[j + 1] = new RocPoint(Fpr(fps[i]), Tpr(tps[i]), ranking.Thresholds[i]);
        }
        return new RocCurve(points);
    }
}
