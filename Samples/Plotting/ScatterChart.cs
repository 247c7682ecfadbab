namespace MlNetDl.Samples.Plotting;

/// <summary>
/// 2-D scatter coloured by integer class (PCA, t-SNE, latent spaces), with one legend entry per class present.
/// Points with a non-finite coordinate are skipped.
/// </summary>
/// <exception cref="ArgumentException">No points, or X, Y and Labels of different lengths.</exception>
public sealed record ScatterChart(IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<int> Labels) : Chart
{
    public IReadOnlyList<double> X { get; init; } = NonEmpty(X, nameof(ScatterChart), "point");

    public IReadOnlyList<int> Labels { get; init; } = Check(X, Y, Labels);

    /// <summary>Legend text per class index; null prints "class k".</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    public string? XLabel { get; init; }

    public string? YLabel { get; init; }

    public double MarkerRadius { get; init; } = 3;

    public double Opacity { get; init; } = 0.75;

    public LegendPosition Legend { get; init; } = LegendPosition.OutsideRight;

    /// <summary>Draws the line y = x (predicted against actual) under the points; both axes then share one range.</summary>
    public bool IdentityLine { get; init; }

    /// <summary>All points in one colour, without the legend.</summary>
    public static ScatterChart Unlabelled(IReadOnlyList<double> x, IReadOnlyList<double> y)
        => new(x, y, new int[x.Count]) { Legend = LegendPosition.None };

    public override void Render(IPlotSurface s)
    {
        s.FillRect(0, 0, s.Width, s.Height, Rgba.White);
        var legend = ClassLegend(Labels, ClassNames);
        double outside = Legend == LegendPosition.OutsideRight ? PlotFrame.LegendWidth(legend) + 12 : 0;
        var both = X.Concat(Y).ToList();
        var frame = new PlotFrame(s.Width, s.Height, Title, Axis.Fit(IdentityLine ? both : X), Axis.Fit(IdentityLine ? both : Y), XLabel, YLabel, outside);
        frame.DrawAxes(s);
        frame.ClipToPlot(s);
        var finite = both.Where(double.IsFinite).ToList();
        if (IdentityLine && finite.Count > 0)
        {
            double lo = finite.Min(), hi = finite.Max();
            var (a, b) = (frame.Map(lo, lo), frame.Map(hi, hi));
            s.Line(a.X, a.Y, b.X, b.Y, new Rgba(150, 150, 150), 1.5, (6, 4));
        }

        var occupied = new List<(double X, double Y)>();
        for (int i = 0; i < X.Count; i++)
        {
            var p = frame.Map(X[i], Y[i]);
            if (double.IsFinite(p.X) && double.IsFinite(p.Y))
            {
                s.Circle(p.X, p.Y, MarkerRadius, Palettes.Category(Labels[i]).WithAlpha(Opacity));
                occupied.Add(p);
            }
        }

        s.PopClip();
        frame.DrawLegend(s, legend, Legend, occupied);
    }

    internal static List<LegendEntry> ClassLegend(IReadOnlyList<int> labels, IReadOnlyList<string>? names)
        => [.. labels.Distinct().Order().Select(c => new LegendEntry(
            names is not null && c >= 0 && c < names.Count ? names[c] : $"class {c}", Palettes.Category(c), LegendMarker.Dot))];

    private static IReadOnlyList<int> Check(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<int> labels)
    {
        SameLength(nameof(ScatterChart), ("X", x.Count), ("Y", y.Count), ("Labels", labels.Count));
        return labels;
    }
}

/// <summary>
/// 3-D scatter (e.g. a 3-D latent space) as a fixed orthographic view: each coordinate is scaled to [-1, 1], the
/// cube is turned by <see cref="Azimuth"/> about z and tilted by <see cref="Elevation"/>, and points are drawn far
/// to near. The cube's edges and the three axes (with their ranges) give the orientation.
/// </summary>
/// <exception cref="ArgumentException">No points, or X, Y, Z and Labels of different lengths.</exception>
public sealed record Scatter3DChart(IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double> Z, IReadOnlyList<int> Labels) : Chart
{
    public IReadOnlyList<double> X { get; init; } = NonEmpty(X, nameof(Scatter3DChart), "point");

    public IReadOnlyList<int> Labels { get; init; } = Check(X, Y, Z, Labels);

    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Rotation about the vertical z axis, degrees (matplotlib's default view is -60).</summary>
    public double Azimuth { get; init; } = -60;

    /// <summary>Tilt of the view above the x–y plane, degrees.</summary>
    public double Elevation { get; init; } = 25;

    public (string X, string Y, string Z) AxisNames { get; init; } = ("x", "y", "z");

    public double MarkerRadius { get; init; } = 3;

    public override int Height { get; init; } = 560;

    public override void Render(IPlotSurface s)
    {
        s.FillRect(0, 0, s.Width, s.Height, Rgba.White);
        var ranges = new[] { X, Y, Z }.Select(v => Ticks.Widen(Finite(v).DefaultIfEmpty(0).Min(), Finite(v).DefaultIfEmpty(0).Max())).ToArray();
        double a = Azimuth * Math.PI / 180, e = Elevation * Math.PI / 180;
        double top = string.IsNullOrEmpty(Title) ? 16 : 44, legendW = 110;
        double cx = (s.Width - legendW) / 2.0, cy = top + ((s.Height - top) / 2.0), unit = Math.Min(s.Width - legendW, s.Height - top) / 3.6;

        // Unit-cube coordinates → (screen x, screen y, depth); larger depth = farther from the viewer.
        (double X, double Y, double D) Project(double u, double v, double w)
        {
            double xr = (u * Math.Cos(a)) - (v * Math.Sin(a)), yr = (u * Math.Sin(a)) + (v * Math.Cos(a));
            return (cx + (unit * xr), cy - (unit * ((w * Math.Cos(e)) - (yr * Math.Sin(e)))), (yr * Math.Cos(e)) + (w * Math.Sin(e)));
        }

        double Unit(int axis, double v) => (2 * (v - ranges[axis].Min) / (ranges[axis].Max - ranges[axis].Min)) - 1;

        var edge = new Rgba(215, 215, 215);
        foreach (var (p, q) in CubeEdges())
        {
            var (p0, p1) = (Project(p.X, p.Y, p.Z), Project(q.X, q.Y, q.Z));
            s.Line(p0.X, p0.Y, p1.X, p1.Y, edge);
        }

        var order = Enumerable.Range(0, X.Count).Where(i => double.IsFinite(X[i]) && double.IsFinite(Y[i]) && double.IsFinite(Z[i]))
            .Select(i => (i, P: Project(Unit(0, X[i]), Unit(1, Y[i]), Unit(2, Z[i])))).OrderByDescending(t => t.P.D);
        foreach (var (i, p) in order)
        {
            s.Circle(p.X, p.Y, MarkerRadius, Palettes.Category(Labels[i]).WithAlpha(0.8));
        }

        // Axes along the cube's front edges: x and y from the lowest bottom corner on screen, z up the leftmost
        // vertical edge; each labelled at its middle, pushed away from the cube's centre, with its data range.
        var ink = new Rgba(40, 40, 40);
        var bottoms = new[] { (-1, -1), (1, -1), (-1, 1), (1, 1) };
        var (ox, oy) = bottoms.MaxBy(c => Project(c.Item1, c.Item2, -1).Y);
        var (lx, ly) = bottoms.MinBy(c => Project(c.Item1, c.Item2, -1).X);
        var axes = new[]
        {
            (From: (ox, oy, -1), To: (-ox, oy, -1)),
            (From: (ox, oy, -1), To: (ox, -oy, -1)),
            (From: (lx, ly, -1), To: (lx, ly, 1)),
        };
        string[] names = [AxisNames.X, AxisNames.Y, AxisNames.Z];
        for (int axis = 0; axis < 3; axis++)
        {
            var (f, t) = axes[axis];
            var p0 = Project(f.Item1, f.Item2, f.Item3);
            var p1 = Project(t.Item1, t.Item2, t.Item3);
            s.Line(p0.X, p0.Y, p1.X, p1.Y, ink, 1.5);
            double mx = (p0.X + p1.X) / 2, my = (p0.Y + p1.Y) / 2, dx = mx - cx, dy = my - cy, len = Math.Max(Math.Sqrt((dx * dx) + (dy * dy)), 1);
            var (step, _) = Ticks.Linear(ranges[axis].Min, ranges[axis].Max);
            double lo = f.Item1 * (axis == 0 ? 1 : 0) + f.Item2 * (axis == 1 ? 1 : 0) + f.Item3 * (axis == 2 ? 1 : 0);
            var (from, to) = lo < 0 ? (ranges[axis].Min, ranges[axis].Max) : (ranges[axis].Max, ranges[axis].Min);
            string label = $"{names[axis]}: {Ticks.Format(from, step / 10)} to {Ticks.Format(to, step / 10)}";
            var align = dx / len < -0.3 ? TextAlign.Right : dx / len > 0.3 ? TextAlign.Left : TextAlign.Center;
            s.Text(mx + (dx / len * 16), my + (dy / len * 16), label, ink, 1, align, TextBaseline.Middle);
        }

        if (!string.IsNullOrEmpty(Title))
        {
            s.Text(s.Width / 2.0, 12, Title, ink, 2, TextAlign.Center);
        }

        var legend = ScatterChart.ClassLegend(Labels, ClassNames);
        var frame = new PlotFrame(s.Width, s.Height, null, Axis.Fixed(0, 1), Axis.Fixed(0, 1));
        frame.DrawLegend(s, legend, LegendPosition.TopRight, []);
    }

    private static IEnumerable<double> Finite(IReadOnlyList<double> v) => v.Where(double.IsFinite);

    private static IEnumerable<((int X, int Y, int Z), (int X, int Y, int Z))> CubeEdges()
    {
        int[] pm = [-1, 1];
        foreach (var u in pm)
        {
            foreach (var v in pm)
            {
                yield return ((-1, u, v), (1, u, v));
                yield return ((u, -1, v), (u, 1, v));
                yield return ((u, v, -1), (u, v, 1));
            }
        }
    }

    private static IReadOnlyList<int> Check(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> z, IReadOnlyList<int> labels)
    {
        SameLength(nameof(Scatter3DChart), ("X", x.Count), ("Y", y.Count), ("Z", z.Count), ("Labels", labels.Count));
        return labels;
    }
}
