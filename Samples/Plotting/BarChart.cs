namespace MlNetDl.Samples.Plotting;

/// <summary>
/// Bars for a list of values (an eigenvalue spectrum, per-class accuracy). With <see cref="Cumulative"/>, the running
/// sum as a fraction of the total is drawn as a line against a right-hand axis from 0 to 1 (explained variance).
/// Without <see cref="Labels"/>, bars are numbered from 1. NaN values draw no bar.
/// </summary>
/// <exception cref="ArgumentException">No values, or a label count that differs from the value count.</exception>
public sealed record BarChart(IReadOnlyList<double> Values) : Chart
{
    public IReadOnlyList<double> Values { get; init; } = NonEmpty(Values, nameof(BarChart), "value");

    public IReadOnlyList<string>? Labels { get; init; }

    public bool Cumulative { get; init; }

    public string CumulativeName { get; init; } = "cumulative fraction";

    public string ValuesName { get; init; } = "value";

    public Rgba Color { get; init; } = Palettes.Category(0);

    public bool LogY { get; init; }

    public string? XLabel { get; init; }

    public string? YLabel { get; init; }

    public override void Render(IPlotSurface s)
    {
        if (Labels is not null)
        {
            SameLength(nameof(BarChart), ("Values", Values.Count), ("Labels", Labels.Count));
        }

        int n = Values.Count;
        var xAxis = Labels is not null ? Axis.Categories(Labels) : IndexAxis(n);
        double lo = Values.Where(double.IsFinite).DefaultIfEmpty(0).Min(), hi = Values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var yAxis = LogY ? Axis.Fit(Values, log: true) : lo >= 0 ? Axis.Fixed(0, hi > 0 ? hi * 1.05 : 1) : Axis.Fit(Values.Append(0));
        string[] rightLabels = ["0", "0.2", "0.4", "0.6", "0.8", "1"];
        double rightRoom = Cumulative ? 10 + rightLabels.Max(l => BitmapFont.MeasureWidth(l)) : 0;
        s.FillRect(0, 0, s.Width, s.Height, Rgba.White);
        var frame = new PlotFrame(s.Width, s.Height, Title, xAxis, yAxis, XLabel, YLabel, rightRoom);
        frame.DrawAxes(s);
        frame.ClipToPlot(s);

        double slot = (frame.Right - frame.Left) / (xAxis.Max - xAxis.Min), barW = Math.Max(slot * 0.8, 1);
        double baseY = LogY ? frame.Bottom : frame.Y.Map(0);
        for (int i = 0; i < n; i++)
        {
            double centre = frame.X.Map(Labels is null ? i + 1 : i), top = frame.Y.Map(Values[i]);
            if (double.IsFinite(top))
            {
                s.FillRect(centre - (barW / 2), Math.Min(top, baseY), barW, Math.Abs(baseY - top), Color);
            }
        }

        var occupied = new List<(double X, double Y)>();
        var legend = new List<LegendEntry> { new(ValuesName, Color, LegendMarker.Box) };
        if (Cumulative)
        {
            var right = new Scale(0, 1, frame.Bottom, frame.Top);
            double total = Values.Where(double.IsFinite).Sum(), run = 0;
            var pts = new List<(double X, double Y)>();
            for (int i = 0; i < n; i++)
            {
                run += double.IsFinite(Values[i]) ? Values[i] : 0;
                pts.Add((frame.X.Map(Labels is null ? i + 1 : i), right.Map(total == 0 ? 0 : run / total)));
            }

            var lineColor = Palettes.Category(1);
            s.PolylineSkippingGaps(pts, lineColor, 2);
            if (n <= 50)
            {
                pts.ForEach(p => s.Circle(p.X, p.Y, 3, lineColor, Rgba.White));
            }

            occupied.AddRange(PlotFrame.Sample(pts));
            legend.Add(new LegendEntry(CumulativeName, lineColor));
            s.PopClip();
            for (int k = 0; k < rightLabels.Length; k++)
            {
                double py = PlotFrame.Snap(right.Map(k * 0.2));
                s.Line(frame.Right, py, frame.Right + 4, py, lineColor);
                s.Text(frame.Right + 7, py, rightLabels[k], lineColor, 1, TextAlign.Left, TextBaseline.Middle);
            }
        }
        else
        {
            s.PopClip();
        }

        for (int i = 0; i < n; i++)
        {
            double top = frame.Y.Map(Values[i]);
            for (int k = 0; k <= 8 && double.IsFinite(top); k++)
            {
                occupied.Add((frame.X.Map(Labels is null ? i + 1 : i), top + ((baseY - top) * k / 8)));
            }
        }

        if (Cumulative)
        {
            frame.DrawLegend(s, legend, LegendPosition.Auto, occupied);
        }
    }

    /// <summary>Bars 1 … n over [0.5, n + 0.5] with whole-number ticks.</summary>
    private static Axis IndexAxis(int n)
    {
        var (step, values) = Ticks.Linear(1, Math.Max(n, 2), 10);
        var ticks = step < 1 ? [.. Enumerable.Range(1, n).Select(i => (double)i)] : values.Where(v => v >= 1 && v <= n).ToArray();
        if (step >= 1 && ticks.Length > 0 && ticks[0] > 1)
        {
            ticks = [1, .. ticks]; // the first component always gets a label
        }

        return new Axis(0.5, n + 0.5, false, ticks, [.. ticks.Select(t => Ticks.Format(t, 1))]);
    }
}
