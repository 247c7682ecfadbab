namespace MlNetDl.Pipelines.Metrics;

/// <summary>
/// Cumulative counts at each distinct score, scores in decreasing order: the raw material of the ROC and
/// precision-recall curves (scikit-learn's <c>_binary_clf_curve</c>). Entry i says that predicting positive for
/// every score ≥ Thresholds[i] yields TruePositives[i] and FalsePositives[i]; the last entry covers all examples.
/// </summary>
internal sealed class BinaryRanking
{
    public readonly double[] Thresholds;
    public readonly double[] TruePositives;
    public readonly double[] FalsePositives;

    public int Count => Thresholds.Length;
    public double Positives => TruePositives[^1];
    public double Negatives => FalsePositives[^1];

    private BinaryRanking(double[] thresholds, double[] tps, double[] fps)
    {
        Thresholds = thresholds;
        TruePositives = tps;
        FalsePositives = fps;
    }

    /// <summary>Validates (same length, non-empty, finite scores) and builds the cumulative counts.</summary>
    public static BinaryRanking Build(string metric, ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        MetricChecks.SameLength(metric, "labels", labels.Length, "scores", scores.Length);
        MetricChecks.NotEmpty(metric, "labels", labels.Length);
        MetricChecks.Finite(metric, "scores", scores);

        int n = scores.Length;
        // Sort by negated score so ascending order is decreasing score. The order among equal scores does not
        // matter: counts are only read at the last index of each run of equal scores.
        var keys = new double[n];
        var positive = new bool[n];
        for (int i = 0; i < n; i++) { keys[i] = -scores[i]; positive[i] = labels[i]; }
        Array.Sort(keys, positive);

        var thresholds = new List<double>();
        var tps = new List<double>();
        var fps = new List<double>();
        double tp = 0;
        for (int i = 0; i < n; i++)
        {
            if (positive[i]) tp++;
            if (i == n - 1 || keys[i + 1] != keys[i])
            {
                thresholds.Add(-keys[i]);
                tps.Add(tp);
                fps.Add(i + 1 - tp);
            }
        }
        return new BinaryRanking(thresholds.ToArray(), tps.ToArray(), fps.ToArray());
    }

    /// <summary>
    /// Average precision: Σ_i (R_i − R_{i−1}) · P_i over distinct thresholds in decreasing order, R_{−1} = 0
    /// (scikit-learn's <c>average_precision_score</c>: a step function, no interpolation). NaN without positives.
    /// </summary>
    public double AveragePrecision()
    {
        if (Positives == 0) return double.NaN;
        double sum = 0, previousRecall = 0;
        for (int i = 0; i < Count; i++)
        {
            double recall = TruePositives[i] / Positives;
            double precision = TruePositives[i] / (TruePositives[i] + FalsePositives[i]);
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return sum;
    }
}
