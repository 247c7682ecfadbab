namespace MlNetDl.Samples.Plotting;

/// <summary>
/// The layout shared by the x–y charts: margins sized to the tick labels, the plot rectangle, the data→pixel
/// scales, gridlines, frame, ticks, title, axis labels and the legend box.
/// </summary>
public sealed class PlotFrame
{
    private const int Row = 14, Swatch = 18;
    private static readonly Rgba Ink = new(40, 40, 40);

    private readonly string? _title, _xLabel, _yLabel;
    private readonly int _every;
    private readonly bool _stagger;

    public PlotFrame(int width, int height, string? title, Axis x, Axis y, string? xLabel = null, string? yLabel = null, double extraRight = 0)
    {
        (_title, _xLabel, _yLabel, XAxis, YAxis) = (title, xLabel, yLabel, x, y);
        int yTickWidth = y.Labels.Count == 0 ? 0 : y.Labels.Max(l => BitmapFont.MeasureWidth(l));
        int lastX = x.Labels.Count == 0 ? 0 : BitmapFont.MeasureWidth(x.Labels[^1]);
        Left = 12 + (string.IsNullOrEmpty(yLabel) ? 0 : BitmapFont.CapHeight + 10) + yTickWidth + 8;
        Top = string.IsNullOrEmpty(title) ? 14 : 14 + (2 * BitmapFont.CapHeight) + 14;
        Right = width - Math.Max(16, (lastX / 2) + 6) - extraRight;
        // X labels that collide are staggered over two rows when that suffices, else thinned to every k-th.
        int widest = x.Labels.Count == 0 ? 0 : x.Labels.Max(l => BitmapFont.MeasureWidth(l)) + 8;
        double roughWidth = width - Left - 16 - extraRight;
        _every = x.Ticks.Count < 2 ? 1 : Math.Max(1, (int)Math.Ceiling(widest * x.Ticks.Count / Math.Max(roughWidth, 1)));
        _stagger = _every == 2;
        _every = _stagger ? 1 : _every;
        Bottom = height - (10 + BitmapFont.LineHeight + 6 + (string.IsNullOrEmpty(xLabel) ? 0 : BitmapFont.LineHeight + 6) + (_stagger ? BitmapFont.LineHeight : 0));
        if (Right - Left < 20 || Bottom - Top < 20)
        {
            throw new ArgumentException($"Chart size {width}×{height} leaves no room for the plot area; make it larger.");
        }

        X = new Scale(x.Min, x.Max, Left, Right, x.Log);
        Y = new Scale(y.Min, y.Max, Bottom, Top, y.Log);
        Width = width;
    }

    public int Width { get; }

    public double Left { get; }

    public double Top { get; }

    public double Right { get; }

    public double Bottom { get; }

    public Axis XAxis { get; }

    public Axis YAxis { get; }

    public Scale X { get; }

    public Scale Y { get; }

    /// <summary>Data point → pixel.</summary>
    public (double X, double Y) Map(double x, double y) => (X.Map(x), Y.Map(y));

    /// <summary>Gridlines, frame, ticks and labels; call before the data (and <see cref="ClipToPlot"/> around it).</summary>
    public void DrawAxes(IPlotSurface s, bool grid = true)
    {
        var gridColor = new Rgba(232, 232, 232);
        if (grid)
        {
            foreach (var t in XAxis.Ticks)
            {
                s.Line(Snap(X.Map(t)), Top, Snap(X.Map(t)), Bottom, gridColor);
            }

            foreach (var t in YAxis.Ticks)
            {
                s.Line(Left, Snap(Y.Map(t)), Right, Snap(Y.Map(t)), gridColor);
            }
        }

        s.StrokeRect(Snap(Left), Snap(Top), Math.Round(Right - Left), Math.Round(Bottom - Top), Ink);

        for (int i = 0; i < XAxis.Ticks.Count; i++)
        {
            double px = Snap(X.Map(XAxis.Ticks[i]));
            s.Line(px, Bottom, px, Bottom + 4, Ink);
            if (i % _every == 0)
            {
                s.Text(px, Bottom + 7 + (_stagger && i % 2 == 1 ? BitmapFont.LineHeight : 0), XAxis.Labels[i], Ink, 1, TextAlign.Center);
            }
        }

        int everyY = Math.Max(1, (int)Math.Ceiling(BitmapFont.LineHeight * YAxis.Ticks.Count / Math.Max(Bottom - Top, 1)));
        for (int i = 0; i < YAxis.Ticks.Count; i++)
        {
            double py = Snap(Y.Map(YAxis.Ticks[i]));
            s.Line(Left - 4, py, Left, py, Ink);
            if (i % everyY != 0)
            {
                continue;
            }

            s.Text(Left - 7, py, YAxis.Labels[i], Ink, 1, TextAlign.Right, TextBaseline.Middle);
        }

        if (!string.IsNullOrEmpty(_title))
        {
            // Centred over the plot, pulled inside the image; a title wider than the image is centred on it (and cut).
            double half = (BitmapFont.MeasureWidth(_title, 2) / 2.0) + 4;
            double x = half > Width - half ? Width / 2.0 : Math.Clamp((Left + Right) / 2, half, Width - half);
            s.Text(x, 12, _title, Ink, 2, TextAlign.Center);
        }

        if (!string.IsNullOrEmpty(_xLabel))
        {
            s.Text((Left + Right) / 2, Bottom + 7 + BitmapFont.LineHeight + 5 + (_stagger ? BitmapFont.LineHeight : 0), _xLabel, Ink, 1, TextAlign.Center);
        }

        if (!string.IsNullOrEmpty(_yLabel))
        {
            s.TextVertical(12 + (BitmapFont.CapHeight / 2.0), (Top + Bottom) / 2, _yLabel, Ink);
        }
    }

    public void ClipToPlot(IPlotSurface s) => s.PushClip(Left, Top, Right - Left, Bottom - Top);

    /// <summary>
    /// Draws the legend in <paramref name="position"/>; with <see cref="LegendPosition.Auto"/> the inner corner whose
    /// box covers the fewest of <paramref name="occupied"/> (pixel positions of the data).
    /// </summary>
    public void DrawLegend(IPlotSurface s, IReadOnlyList<LegendEntry> entries, LegendPosition position, IEnumerable<(double X, double Y)> occupied)
    {
        if (entries.Count == 0 || position == LegendPosition.None)
        {
            return;
        }

        double w = LegendWidth(entries), h = 6 + (entries.Count * Row);
        (double X, double Y) Corner(LegendPosition p) => p switch
        {
            LegendPosition.TopLeft => (Left + 8, Top + 8),
            LegendPosition.BottomRight => (Right - 8 - w, Bottom - 8 - h),
            LegendPosition.BottomLeft => (Left + 8, Bottom - 8 - h),
            LegendPosition.OutsideRight => (Right + 12, Top),
            _ => (Right - 8 - w, Top + 8),
        };

        if (position == LegendPosition.Auto)
        {
            var pts = occupied.ToList();
            position = new[] { LegendPosition.TopRight, LegendPosition.TopLeft, LegendPosition.BottomRight, LegendPosition.BottomLeft }
                .MinBy(p =>
                {
                    var (x0, y0) = Corner(p);
                    return pts.Count(q => q.X >= x0 - 4 && q.X <= x0 + w + 4 && q.Y >= y0 - 4 && q.Y <= y0 + h + 4);
                });
        }

        var (bx, by) = Corner(position);
        (bx, by) = (Math.Round(bx) + 0.5, Math.Round(by) + 0.5);
        s.FillRect(bx, by, w, h, new Rgba(255, 255, 255, 225));
        s.StrokeRect(bx, by, w, h, new Rgba(190, 190, 190));
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            double cy = by + 3 + (i * Row) + (Row / 2.0), sx = bx + 8;
            switch (e.Marker)
            {
                case LegendMarker.Line: s.Line(sx, cy, sx + Swatch, cy, e.Color, 2.5); break;
                case LegendMarker.DashedLine: s.Line(sx, cy, sx + Swatch, cy, e.Color, 2.5, (5, 3)); break;
                case LegendMarker.Dot: s.Circle(sx + (Swatch / 2.0), cy, 4, e.Color); break;
                default: s.FillRect(sx + 3, cy - 5, Swatch - 6, 10, e.Color); break;
            }

            s.Text(sx + Swatch + 6, cy, e.Label, Ink, 1, TextAlign.Left, TextBaseline.Middle);
        }
    }

    /// <summary>Width of the legend box for <paramref name="entries"/> (reserve it as extra right margin for <see cref="LegendPosition.OutsideRight"/>).</summary>
    public static double LegendWidth(IReadOnlyList<LegendEntry> entries)
        => entries.Count == 0 ? 0 : 8 + Swatch + 6 + entries.Max(e => BitmapFont.MeasureWidth(e.Label)) + 8;

    /// <summary>Pixel centre nearest to <paramref name="v"/>, so 1-pixel lines stay crisp.</summary>
    public static double Snap(double v) => Math.Floor(v) + 0.5;

    /// <summary>Points sampled along a polyline (vertices and 8 steps per segment) for legend placement.</summary>
    public static IEnumerable<(double X, double Y)> Sample(IReadOnlyList<(double X, double Y)> pts)
    {
        for (int i = 0; i < pts.Count; i++)
        {
            yield return pts[i];
            if (i + 1 < pts.Count)
            {
                for (int k = 1; k < 8; k++)
                {
                    yield return (pts[i].X + ((pts[i + 1].X - pts[i].X) * k / 8), pts[i].Y + ((pts[i + 1].Y - pts[i].Y) * k / 8));
                }
            }
        }
    }
}
