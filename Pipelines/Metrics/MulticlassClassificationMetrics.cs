namespace MlNetDl.Pipelines.Metrics;

/// <summary>
/// Multiclass results from integer labels in [0, K) and an N × K row-major matrix of per-class scores, treated as
/// probabilities for the log-loss (as ML.NET does). Shaped like ML.NET's <c>MulticlassClassificationMetrics</c>,
/// plus one-vs-rest ROC curves and AUCs. Log-losses use the natural log with probabilities clamped to [1e-15, 1].
/// </summary>
public sealed class MulticlassClassificationMetrics
{
    private const double Epsilon = 1e-15;

    /// <summary>Fraction of examples whose predicted label equals the label.</summary>
    public double MicroAccuracy { get; }

    /// <summary>Mean over classes present in the labels of their recall (scikit-learn's balanced accuracy).</summary>
    public double MacroAccuracy { get; }

    /// <summary>−mean(ln p_i), p_i = score of the true class of example i (clamped to [1e-15, 1]).</summary>
    public double LogLoss { get; }

    /// <summary>(H − LogLoss) / H, H = −Σ_k π_k ln π_k the log-loss of predicting class frequencies π.
    /// NaN when only one class occurs (H = 0).</summary>
    public double LogLossReduction { get; }

    /// <summary>The K of <see cref="TopKAccuracy"/>; 0 when not requested.</summary>
    public int TopKPredictionCount { get; }

    /// <summary>TopKAccuracyForAllK[K − 1], or 0 when TopKPredictionCount is 0.</summary>
    public double TopKAccuracy { get; }

    /// <summary>
    /// Entry k − 1: fraction of examples whose true class ranks among the k highest scores, k = 1..TopKPredictionCount;
    /// null when not requested. Ties rank the lower class index first (ML.NET's rule). Entry 0 can differ from
    /// MicroAccuracy when explicit predicted labels are given.
    /// </summary>
    public IReadOnlyList<double>? TopKAccuracyForAllK { get; }

    /// <summary>Per class: mean log-loss over the examples of that class; NaN for a class with no examples.</summary>
    public IReadOnlyList<double> PerClassLogLoss { get; }

    /// <summary>K × K counts, rows = label, columns = predicted label, with per-class precision and recall.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }

    /// <summary>One-vs-rest ROC curve of each class: its label versus the rest, ranked by its score column.</summary>
    public IReadOnlyList<RocCurve> PerClassRocCurves { get; }

    /// <summary>Area under each one-vs-rest curve; NaN for a class that is absent or is every label.</summary>
    public IReadOnlyList<double> PerClassAreaUnderRocCurve { get; }

    /// <summary>Unweighted mean of PerClassAreaUnderRocCurve (scikit-learn's roc_auc_score with multi_class='ovr',
    /// average='macro'); NaN if any class's AUC is undefined (scikit-learn raises there).</summary>
    public double MacroAreaUnderRocCurve { get; }

    private MulticlassClassificationMetrics(ConfusionMatrix confusion, double micro, double macro, double logLoss,
        double reduction, double[] perClassLogLoss, double[]? topK, RocCurve[] curves)
    {
        ConfusionMatrix = confusion;
        MicroAccuracy = micro;
        MacroAccuracy = macro;
        LogLoss = logLoss;
        LogLossReduction = reduction;
        PerClassLogLoss = perClassLogLoss;
        TopKAccuracyForAllK = topK;
        TopKPredictionCount = topK?.Length ?? 0;
        TopKAccuracy = topK is null ? 0 : topK[^1];
        PerClassRocCurves = curves;
        var aucs = new double[curves.Length];
        double sum = 0;
        for (int c = 0; c < curves.Length; c++) sum += aucs[c] = curves[c].AreaUnderCurve;
        PerClassAreaUnderRocCurve = aucs;
        MacroAreaUnderRocCurve = sum / curves.Length; // NaN propagates
    }

    /// <summary>Metrics for N examples and K = <paramref name="classCount"/> classes.</summary>
    /// <param name="labels">N labels in [0, K).</param>
    /// <param name="scores">N × K row-major scores/probabilities; higher = more likely.</param>
    /// <param name="classCount">K ≥ 2.</param>
    /// <param name="predictedLabels">N predicted labels in [0, K); empty: the first maximum of each score row.</param>
    /// <param name="topKPredictionCount">K for TopKAccuracy (0: not computed).</param>
    /// <exception cref="ArgumentException">Shapes disagree, inputs are empty, a score is NaN/±∞, or K &lt; 2.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label or predicted label is outside [0, K), or topKPredictionCount &lt; 0.</exception>
    public static MulticlassClassificationMetrics Compute(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int classCount,
        ReadOnlySpan<int> predictedLabels = default, int topKPredictionCount = 0)
    {
        const string Metric = nameof(MulticlassClassificationMetrics);
        if (classCount < 2)
            throw new ArgumentException($"{Metric}: classCount must be at least 2. Got {classCount}.", nameof(classCount));
        if (topKPredictionCount < 0)
            throw new ArgumentOutOfRangeException(nameof(topKPredictionCount),
                $"{Metric}: topKPredictionCount must be ≥ 0. Got {topKPredictionCount}.");
        MetricChecks.NotEmpty(Metric, "labels", labels.Length);
        int n = labels.Length, k = classCount;
        if (scores.Length != n * k)
            throw new ArgumentException(
                $"{Metric}: scores has {scores.Length} elements but labels has {n} and classCount is {k}; expected N × K = {n * k}.");
        MetricChecks.Finite(Metric, "scores", scores);
        MetricChecks.ClassLabels(Metric, "labels", labels, k);

        int[] predicted;
        if (predictedLabels.IsEmpty)
            predicted = ArgMaxRows(scores, n, k);
        else
        {
            MetricChecks.SameLength(Metric, "labels", n, "predictedLabels", predictedLabels.Length);
            MetricChecks.ClassLabels(Metric, "predictedLabels", predictedLabels, k);
            predicted = predictedLabels.ToArray();
        }

        var names = new string[k];
        for (int c = 0; c < k; c++) names[c] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var confusion = ConfusionMatrix.FromPairs(labels, predicted, names);

        var classCounts = new double[k];
        var classLoss = new double[k];
        double correct = 0, loss = 0;
        for (int i = 0; i < n; i++)
        {
            int y = labels[i];
            double l = -Math.Log(Math.Clamp(scores[i * k + y], Epsilon, 1));
            classCounts[y]++;
            classLoss[y] += l;
            loss += l;
            if (predicted[i] == y) correct++;
        }

        double recallSum = 0, entropy = 0;
        int present = 0;
        var perClassLogLoss = new double[k];
        for (int c = 0; c < k; c++)
        {
            perClassLogLoss[c] = classCounts[c] > 0 ? classLoss[c] / classCounts[c] : double.NaN;
            if (classCounts[c] == 0) continue;
            present++;
            recallSum += confusion.PerClassRecall[c];
            double prior = classCounts[c] / n;
            entropy -= prior * Math.Log(prior);
        }
        double logLoss = loss / n;
        double reduction = entropy > 0 ? (entropy - logLoss) / entropy : double.NaN;

        return new MulticlassClassificationMetrics(confusion, correct / n, recallSum / present, logLoss, reduction,
            perClassLogLoss, topKPredictionCount > 0 ? TopKAccuracies(labels, scores, k, topKPredictionCount) : null,
            OneVsRestCurves(labels, scores, k));
    }

    /// <summary>Single-precision scores (ML.NET's Single vectors); converted to double first.</summary>
    public static MulticlassClassificationMetrics Compute(ReadOnlySpan<int> labels, ReadOnlySpan<float> scores, int classCount,
        ReadOnlySpan<int> predictedLabels = default, int topKPredictionCount = 0) =>
        Compute(labels, MetricChecks.ToDouble(scores), classCount, predictedLabels, topKPredictionCount);

    /// <summary>The readable table of <see cref="ConfusionMatrix"/>.</summary>
    public string GetFormattedConfusionTable() => ConfusionMatrix.GetFormattedConfusionTable();

    private static int[] ArgMaxRows(ReadOnlySpan<double> scores, int n, int k)
    {
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            var row = scores.Slice(i * k, k);
            int best = 0;
            for (int c = 1; c < k; c++) if (row[c] > row[best]) best = c;
            result[i] = best;
        }
        return result;
    }

    private static double[] TopKAccuracies(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int k, int maxK)
    {
        var hitsAtRank = new double[k]; // number of examples whose true class has rank r (0-based)
        for (int i = 0; i < labels.Length; i++)
        {
            var row = scores.Slice(i * k, k);
            int y = labels[i], rank = 0;
            for (int c = 0; c < k; c++)
                if (row[c] > row[y] || (row[c] == row[y] && c < y)) rank++;
            hitsAtRank[rank]++;
        }
        var result = new double[maxK];
        double cumulative = 0;
        for (int r = 0; r < maxK; r++)
        {
            if (r < k) cumulative += hitsAtRank[r];
            result[r] = cumulative / labels.Length;
        }
        return result;
    }

    private static RocCurve[] OneVsRestCurves(ReadOnlySpan<int> labels, ReadOnlySpan<double> scores, int k)
    {
        int n = labels.Length;
        var isClass = new bool[n];
        var column = new double[n];
        var curves = new RocCurve[k];
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++) { isClass[i] = labels[i] == c; column[i] = scores[i * k + c]; }
            curves[c] = RocCurve.Compute(isClass, column);
        }
        return curves;
    }

    public override string ToString() =>
        $"MicroAccuracy={MicroAccuracy:F4} MacroAccuracy={MacroAccuracy:F4} LogLoss={LogLoss:F4} MacroAUC={MacroAreaUnderRocCurve:F4}";
}
