namespace MlNetDl.Pipelines.Metrics;

/// <summary>
/// <see cref="BinaryClassificationMetrics"/> plus the probability-based metrics of ML.NET's
/// <c>CalibratedBinaryClassificationMetrics</c>. Here the predicted label is <c>probability &gt; threshold</c>
/// (0.5 by default, as ML.NET); the ROC curve and AUCs still rank by the raw score.
/// Logarithms are base 2, as ML.NET's binary evaluator (scikit-learn's <c>log_loss</c> is natural-log:
/// divide it by ln 2 to compare). Probabilities are clamped to [1e-15, 1 − 1e-15] so a confident mistake costs
/// about 49.8 bits instead of ∞.
/// </summary>
public sealed class CalibratedBinaryClassificationMetrics : BinaryClassificationMetrics
{
    internal const double Epsilon = 1e-15;

    /// <summary>−mean(log₂ p_i), p_i = probability given to the true class of example i.</summary>
    public double LogLoss { get; }

    /// <summary>(Entropy − LogLoss) / Entropy: 1 is perfect, 0 is no better than always predicting the prior.
    /// NaN when the labels hold only one class (Entropy = 0).</summary>
    public double LogLossReduction { get; }

    /// <summary>Log-loss of predicting the prior: H(π) = −π log₂ π − (1 − π) log₂(1 − π), π = fraction of positives.</summary>
    public double Entropy { get; }

    private CalibratedBinaryClassificationMetrics(BinaryClassificationMetrics baseMetrics, double logLoss, double entropy)
        : base(baseMetrics)
    {
        LogLoss = logLoss;
        Entropy = entropy;
        LogLossReduction = entropy > 0 ? (entropy - logLoss) / entropy : double.NaN;
    }

    /// <summary>Metrics from labels, raw scores (for ranking) and calibrated probabilities (for the predicted label and log-loss);
    /// an example is predicted positive when its probability is strictly greater than <paramref name="threshold"/>.</summary>
    /// <exception cref="ArgumentException">Lengths differ, inputs are empty, a score is NaN/±∞, or a probability is outside [0, 1].</exception>
    public static CalibratedBinaryClassificationMetrics Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores,
        ReadOnlySpan<double> probabilities, double threshold = 0.5)
    {
        const string Metric = nameof(CalibratedBinaryClassificationMetrics);
        MetricChecks.SameLength(Metric, "labels", labels.Length, "probabilities", probabilities.Length);
        MetricChecks.Probabilities(Metric, "probabilities", probabilities);
        var baseMetrics = Create(Metric, labels, scores, probabilities, threshold);

        double lossBits = 0, positives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = Math.Clamp(labels[i] ? probabilities[i] : 1 - probabilities[i], Epsilon, 1 - Epsilon);
            lossBits -= Math.Log2(p);
            if (labels[i]) positives++;
        }
        double prior = positives / labels.Length;
        double entropy = 0;
        if (prior > 0 && prior < 1) entropy = -prior * Math.Log2(prior) - (1 - prior) * Math.Log2(1 - prior);
        return new CalibratedBinaryClassificationMetrics(baseMetrics, lossBits / labels.Length, entropy);
    }

    /// <summary>Single-precision overload with 0/1 labels, as ML.NET columns hold them.</summary>
    public static CalibratedBinaryClassificationMetrics Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores,
        ReadOnlySpan<float> probabilities, double threshold = 0.5) =>
        Compute(MetricChecks.BinaryLabels(nameof(CalibratedBinaryClassificationMetrics), labels),
            MetricChecks.ToDouble(scores), MetricChecks.ToDouble(probabilities), threshold);

    public override string ToString() => base.ToString() + $" LogLoss={LogLoss:F4} LogLossReduction={LogLossReduction:F4}";
}
