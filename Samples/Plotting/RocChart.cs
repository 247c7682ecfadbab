namespace MlNetDl.Samples.Plotting;

/// <summary>One ROC curve: false-positive rates and true-positive rates (same length, in increasing FPR order).</summary>
public sealed record RocCurve(string Name, IReadOnlyList<double> Fpr, IReadOnlyList<double> Tpr)
{
    /// <summary>Area under the curve by the trapezoid rule.</summary>
    public double Auc
    {
        get
        {
            double area = 0;
            for (int i = 1; i < Math.Min(Fpr.Count, Tpr.Count); i++)
            {
                area += (Fpr[i] - Fpr[i - 1]) * (Tpr[i] + Tpr[i - 1]) / 2;
            }

            return area;
        }
    }

    /// <summary>
    /// The ROC curve of <paramref name="scores"/> (higher = more positive) against <paramref name="positive"/>: one
    /// point per distinct threshold, from (0, 0) to (1, 1), ties taken together (as sklearn's roc_curve).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, or only one class is present.</exception>
    public static RocCurve FromScores(string name, IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count)
        {
            throw new ArgumentException($"RocCurve.FromScores: scores and labels must have the same length; got {scores.Count} and {positive.Count}.");
        }

        int p = positive.Count(b => b), n = positive.Count - p;
        if (p == 0 || n == 0)
        {
            throw new ArgumentException($"RocCurve.FromScores: needs both classes; got {p} positive and {n} negative.");
        }

        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        List<double> fpr = [0], tpr = [0];
        int tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (positive[order[k]]) { tp++; } else { fp++; }

            if (k + 1 == order.Length || scores[order[k + 1]] != scores[order[k]])
            {
                fpr.Add((double)fp / n);
                tpr.Add((double)tp / p);
            }
        }

        return new RocCurve(name, fpr, tpr);
    }
}

/// <summary>ROC curves over [0, 1]², AUC in each legend entry, and the chance diagonal.</summary>
/// <exception cref="ArgumentException">No curves, or a curve whose FPR and TPR lengths differ.</exception>
public sealed record RocChart(IReadOnlyList<RocCurve> Curves) : Chart
{
    public IReadOnlyList<RocCurve> Curves { get; init; } = Validate(Curves);

    public override int Width { get; init; } = 520;

    public override int Height { get; init; } = 480;

    public LegendPosition Legend { get; init; } = LegendPosition.BottomRight;

    public override void Render(IPlotSurface s)
    {
        s.FillRect(0, 0, s.Width, s.Height, Rgba.White);
        var axis = Axis.Fixed(0, 1, maxTicks: 6);
        var frame = new PlotFrame(s.Width, s.Height, Title ?? "ROC", axis, axis, "false positive rate", "true positive rate");
        frame.DrawAxes(s);
        var (x0, y0) = frame.Map(0, 0);
        var (x1, y1) = frame.Map(1, 1);
        s.Line(x0, y0, x1, y1, Rgba.Gray, 1, (6, 4));
        var legend = new List<LegendEntry>();
        var occupied = new List<(double X, double Y)>();
        frame.ClipToPlot(s);
        for (int k = 0; k < Curves.Count; k++)
        {
            var c = Curves[k];
            var pts = Enumerable.Range(0, c.Fpr.Count).Select(i => frame.Map(c.Fpr[i], c.Tpr[i])).ToList();
            s.PolylineSkippingGaps(pts, Palettes.Category(k), 2);
            occupied.AddRange(PlotFrame.Sample(pts));
            legend.Add(new LegendEntry($"{c.Name} (AUC = {c.Auc:F3})", Palettes.Category(k)));
        }

        s.PopClip();
        frame.DrawLegend(s, legend, Legend, occupied);
    }

    private static IReadOnlyList<RocCurve> Validate(IReadOnlyList<RocCurve> curves)
    {
        NonEmpty(curves, nameof(RocChart), "curve");
        foreach (var c in curves)
        {
            SameLength($"{nameof(RocChart)} curve '{c.Name}'", ("Fpr", c.Fpr.Count), ("Tpr", c.Tpr.Count));
        }

        return curves;
    }
}
