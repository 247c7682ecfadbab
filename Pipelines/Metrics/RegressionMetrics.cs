namespace MlNetDl.Pipelines.Metrics;

/// <summary>
/// Regression evaluation results, shaped like ML.NET's <c>RegressionMetrics</c>. Computed in double by
/// <see cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.
/// </summary>
public sealed class RegressionMetrics
{
    /// <summary>mean(|label - score|).</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>mean((label - score)²).</summary>
    public double MeanSquaredError { get; }

    /// <summary>sqrt(MeanSquaredError).</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>Mean of the loss function over the examples; the loss is L2 (squared error), so this equals MeanSquaredError.</summary>
    public double LossFunction { get; }

    /// <summary>
    /// Coefficient of determination 1 - SS_res / SS_tot. When the labels are constant (SS_tot = 0) it is 1 for a
    /// perfect fit and 0 otherwise (scikit-learn's <c>r2_score</c> convention) rather than NaN or -∞.
    /// </summary>
    public double RSquared { get; }

    private RegressionMetrics(double mae, double mse, double rSquared)
    {
        MeanAbsoluteError = mae;
        MeanSquaredError = mse;
        RootMeanSquaredError = Math.Sqrt(mse);
        LossFunction = mse;
        RSquared = rSquared;
    }

    /// <summary>Metrics of <paramref name="scores"/> against <paramref name="labels"/> (both length N ≥ 1).</summary>
    /// <exception cref="ArgumentException">Lengths differ, inputs are empty, or a value is NaN/±∞.</exception>
    public static RegressionMetrics Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> scores)
    {
        const string Metric = nameof(RegressionMetrics);
        MetricChecks.SameLength(Metric, "labels", labels.Length, "scores", scores.Length);
        MetricChecks.NotEmpty(Metric, "labels", labels.Length);
        MetricChecks.Finite(Metric, "labels", labels);
        MetricChecks.Finite(Metric, "scores", scores);

        int n = labels.Length;
        double absSum = 0, sqSum = 0, labelSum = 0;
        for (int i = 0; i < n; i++)
        {
            double d = labels[i] - scores[i];
            absSum += Math.Abs(d);
            sqSum += d * d;
            labelSum += labels[i];
        }
        double mean = labelSum / n, total = 0;
        for (int i = 0; i < n; i++)
        {
            double d = labels[i] - mean;
            total += d * d;
        }
        double r2 = total != 0 ? 1 - sqSum / total : (sqSum == 0 ? 1 : 0);
        return new RegressionMetrics(absSum / n, sqSum / n, r2);
    }

    /// <summary>Single-precision overload (ML.NET's Single columns); converts to double first.</summary>
    public static RegressionMetrics Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores) =>
        Compute(MetricChecks.ToDouble(labels), MetricChecks.ToDouble(scores));

    public override string ToString() =>
        $"MAE={MeanAbsoluteError:F6} MSE={MeanSquaredError:F6} RMSE={RootMeanSquaredError:F6} R²={RSquared:F6}";
}
