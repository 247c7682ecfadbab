using System.Globalization;
using System.Text;

namespace MlNetDl.Pipelines.Metrics;

/// <summary>
/// Counts of actual versus predicted classes, shaped like ML.NET's <c>ConfusionMatrix</c>:
/// <c>Counts[actual][predicted]</c> (rows are the truth). Binary matrices list the positive class first, as ML.NET.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly double[][] _counts;

    /// <summary>K, the number of classes (rows and columns).</summary>
    public int NumberOfClasses { get; }

    /// <summary>Class names used by <see cref="GetFormattedConfusionTable"/>.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Counts[actual][predicted], K × K.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Counts => _counts;

    /// <summary>Per class: correct / predicted as that class (column sum); 0 when nothing was predicted as it.</summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>Per class: correct / actually of that class (row sum); 0 when the class does not occur.</summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    internal ConfusionMatrix(double[][] counts, IReadOnlyList<string> classNames)
    {
        _counts = counts;
        NumberOfClasses = counts.Length;
        ClassNames = classNames;
        var precision = new double[NumberOfClasses];
        var recall = new double[NumberOfClasses];
        for (int c = 0; c < NumberOfClasses; c++)
        {
            double row = 0, column = 0;
            for (int j = 0; j < NumberOfClasses; j++) { row += counts[c][j]; column += counts[j][c]; }
            precision[c] = column > 0 ? counts[c][c] / column : 0;
            recall[c] = row > 0 ? counts[c][c] / row : 0;
        }
        PerClassPrecision = precision;
        PerClassRecall = recall;
    }

    /// <summary>Tallies (actual, predicted) pairs; both must already be validated to lie in [0, K).</summary>
    internal static ConfusionMatrix FromPairs(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, IReadOnlyList<string> classNames)
    {
        int k = classNames.Count;
        var counts = new double[k][];
        for (int c = 0; c < k; c++) counts[c] = new double[k];
        for (int i = 0; i < actual.Length; i++) counts[actual[i]][predicted[i]]++;
        return new ConfusionMatrix(counts, classNames);
    }

    /// <summary>Number of examples of class <paramref name="actualClassIndex"/> predicted as <paramref name="predictedClassIndex"/>.</summary>
    public double GetCountForClassPair(int predictedClassIndex, int actualClassIndex) =>
        _counts[actualClassIndex][predictedClassIndex];

    /// <summary>
    /// A fixed-width text table: one row per actual class with its recall, one column per predicted class,
    /// and a last line with per-class precision.
    /// </summary>
    public string GetFormattedConfusionTable()
    {
        var inv = CultureInfo.InvariantCulture;
        int labelWidth = Math.Max(9, ClassNames.Max(n => n.Length));
        int cellWidth = 6;
        foreach (var row in _counts)
            foreach (var v in row) cellWidth = Math.Max(cellWidth, v.ToString("0.##", inv).Length);
        foreach (var name in ClassNames) cellWidth = Math.Max(cellWidth, name.Length);

        string rule = new string(' ', labelWidth) + " ||" + new string('=', NumberOfClasses * (cellWidth + 3));
        var sb = new StringBuilder();
        sb.AppendLine("Confusion table");
        sb.AppendLine(rule);
        sb.Append("PREDICTED".PadRight(labelWidth)).Append(" ||");
        foreach (var name in ClassNames) sb.Append(' ').Append(name.PadLeft(cellWidth)).Append(" |");
        sb.AppendLine(" Recall");
        sb.AppendLine("TRUTH".PadRight(labelWidth) + " ||" + new string('=', NumberOfClasses * (cellWidth + 3)));
        for (int r = 0; r < NumberOfClasses; r++)
        {
            sb.Append(ClassNames[r].PadLeft(labelWidth)).Append(" ||");
            foreach (var v in _counts[r]) sb.Append(' ').Append(v.ToString("0.##", inv).PadLeft(cellWidth)).Append(" |");
            sb.Append(' ').AppendLine(PerClassRecall[r].ToString("0.0000", inv));
        }
        sb.AppendLine(rule);
        sb.Append("Precision".PadRight(labelWidth)).Append(" ||");
        foreach (var p in PerClassPrecision) sb.Append(' ').Append(p.ToString("0.0000", inv).PadLeft(cellWidth)).Append(" |");
        sb.AppendLine();
        return sb.ToString();
    }

    public override string ToString() => GetFormattedConfusionTable();
}
