namespace MlNetDl.Samples.Plotting;

/// <summary>A named series of y values, at x = 1, 2, … (epochs) unless <see cref="X"/> is given. NaN values leave gaps.</summary>
public sealed record Series(string Name, IReadOnlyList<double> Y, IReadOnlyList<double>? X = null)
{
    /// <summary>Colour; null takes the next tab10 colour.</summary>
    public Rgba? Color { get; init; }

    public double LineWidth { get; init; } = 2;

    /// <summary>Dots on the data points (on by default for up to 50 points).</summary>
    public bool? Markers { get; init; }

    public bool Dashed { get; init; }

    public static Series From(string name, IEnumerable<float> y) => new(name, [.. y.Select(v => (double)v)]);

    public static Series From(string name, IEnumerable<float> x, IEnumerable<float> y)
        => new(name, [.. y.Select(v => (double)v)], [.. x.Select(v => (double)v)]);

    internal double XAt(int i) => X is null ? i + 1 : X[i];
}

/// <summary>Line chart of several series (e.g. train/test loss per epoch) with optional log-scaled y.</summary>
/// <exception cref="ArgumentException">No series, or a series whose X and Y lengths differ.</exception>
public sealed record LineChart(IReadOnlyList<Series> Series) : Chart
{
    public IReadOnlyList<Series> Series { get; init; } = Validate(Series);

    public string? XLabel { get; init; }

    public string? YLabel { get; init; }

    public bool LogY { get; init; }

    /// <summary>Fixed y range; null fits the data.</summary>
    public (double Min, double Max)? YRange { get; init; }

    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    public override void Render(IPlotSurface s)
    {
        s.FillRect(0, 0, s.Width, s.Height, Rgba.White);
        var xs = Series.SelectMany(se => Enumerable.Range(0, se.Y.Count).Select(se.XAt));
        var xAxis = Axis.Fit(xs, pad: 0.03);
        var yAxis = YRange is { } r ? Axis.Fixed(r.Min, r.Max, LogY) : Axis.Fit(Series.SelectMany(se => se.Y), LogY);
        var frame = new PlotFrame(s.Width, s.Height, Title, xAxis, yAxis, XLabel, YLabel);
        frame.DrawAxes(s);
        frame.ClipToPlot(s);
        var occupied = new List<(double X, double Y)>();
        var legend = new List<LegendEntry>();
        for (int k = 0; k < Series.Count; k++)
        {
            var se = Series[k];
            var color = se.Color ?? Palettes.Category(k);
            var pts = Enumerable.Range(0, se.Y.Count).Select(i => frame.Map(se.XAt(i), se.Y[i])).ToList();
            s.PolylineSkippingGaps(pts, color, se.LineWidth, se.Dashed ? (6, 4) : null);
            if (se.Markers ?? pts.Count <= 50)
            {
                foreach (var p in pts.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
                {
                    s.Circle(p.X, p.Y, se.LineWidth + 1.2, color, Rgba.White, 1);
                }
            }

            occupied.AddRange(PlotFrame.Sample(pts));
            legend.Add(new LegendEntry(se.Name, color, se.Dashed ? LegendMarker.DashedLine : LegendMarker.Line));
        }

        s.PopClip();
        frame.DrawLegend(s, legend, Legend, occupied);
    }

    private static IReadOnlyList<Series> Validate(IReadOnlyList<Series> series)
    {
        NonEmpty(series, nameof(LineChart), "series");
        foreach (var se in series)
        {
            if (se.X is { } x)
            {
                SameLength($"{nameof(LineChart)} series '{se.Name}'", ("X", x.Count), ("Y", se.Y.Count));
            }
        }

        return series;
    }
}
