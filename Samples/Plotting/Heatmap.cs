using System.Globalization;

namespace MlNetDl.Samples.Plotting;

/// <summary>
/// A matrix as coloured cells with a colour bar. Without <see cref="Extent"/>, row 0 is at the top and the axes
/// count cells (confusion matrices; add <see cref="Annotate"/> for counts). With an extent (the outer edges of the
/// cells, like matplotlib's imshow), row 0 is at the bottom and <see cref="Trajectory"/> is drawn in the same
/// coordinates (a loss landscape with the optimiser's path). NaN cells stay blank.
/// </summary>
/// <exception cref="ArgumentException">An empty matrix, or labels whose count differs from the rows/columns.</exception>
public sealed record Heatmap(double[,] Values) : Chart
{
    public double[,] Values { get; init; } = Values.Length > 0 ? Values
        : throw new ArgumentException($"{nameof(Heatmap)}: needs at least one cell; got a {Values.GetLength(0)}×{Values.GetLength(1)} matrix.", nameof(Values));

    public Colormap Colormap { get; init; } = Palettes.Viridis;

    /// <summary>Values mapped to the ends of the colormap; null uses the finite minimum and maximum.</summary>
    public (double Min, double Max)? ValueRange { get; init; }

    public (double XMin, double XMax, double YMin, double YMax)? Extent { get; init; }

    public IReadOnlyList<string>? RowLabels { get; init; }

    public IReadOnlyList<string>? ColumnLabels { get; init; }

    /// <summary>Prints each value in its cell (where it fits) in black or white by cell brightness.</summary>
    public bool Annotate { get; init; }

    public string AnnotationFormat { get; init; } = "G4";

    public IReadOnlyList<(double X, double Y)>? Trajectory { get; init; }

    public string? XLabel { get; init; }

    public string? YLabel { get; init; }

    public string? ColorbarLabel { get; init; }

    public override int Width { get; init; } = 620;

    public override int Height { get; init; } = 520;

    /// <summary>A confusion matrix (rows = true class, columns = predicted) with counts in the cells.</summary>
    public static Heatmap ConfusionMatrix(int[,] counts, IReadOnlyList<string>? classNames = null)
    {
        var v = new double[counts.GetLength(0), counts.GetLength(1)];
        for (int i = 0; i < v.GetLength(0); i++)
        {
            for (int j = 0; j < v.GetLength(1); j++)
            {
                v[i, j] = counts[i, j];
            }
        }

        return new Heatmap(v)
        {
            Colormap = Palettes.Blues, Annotate = true, AnnotationFormat = "0", RowLabels = classNames, ColumnLabels = classNames,
            XLabel = "predicted", YLabel = "true", Title = "Confusion matrix",
        };
    }

    public override void Render(IPlotSurface s)
    {
        int rows = Values.GetLength(0), cols = Values.GetLength(1);
        CheckLabels(RowLabels, rows, "RowLabels");
        CheckLabels(ColumnLabels, cols, "ColumnLabels");
        var finite = Values.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0);
        var (vmin, vmax) = Ticks.Widen(ValueRange?.Min ?? finite.Min(), ValueRange?.Max ?? finite.Max());

        Axis xAxis, yAxis;
        if (Extent is { } e)
        {
            (xAxis, yAxis) = (Axis.Fixed(e.XMin, e.XMax), Axis.Fixed(e.YMin, e.YMax));
        }
        else
        {
            xAxis = Axis.Categories(ColumnLabels ?? Numbers(cols));
            yAxis = Axis.Categories(RowLabels ?? Numbers(rows)) with { Min = rows - 0.5, Max = -0.5 };
        }

        var (cStep, cTicks) = Ticks.Linear(vmin, vmax, 8);
        var cLabels = cTicks.Select(t => Ticks.Format(t, cStep)).ToArray();
        double barWidth = 14, barRoom = 16 + barWidth + 6 + cLabels.Max(l => BitmapFont.MeasureWidth(l)) + (ColorbarLabel is null ? 8 : 22);
        s.FillRect(0, 0, s.Width, s.Height, Rgba.White);
        var frame = new PlotFrame(s.Width, s.Height, Title, xAxis, yAxis, XLabel, YLabel, barRoom);

        // Cells: image row 0 is the top of the plot, which is matrix row 0 unless the extent puts row 0 at the bottom.
        var rgba = new byte[rows * cols * 4];
        for (int i = 0; i < rows; i++)
        {
            int imageRow = Extent is null ? i : rows - 1 - i;
            for (int j = 0; j < cols; j++)
            {
                var c = Colormap[(Values[i, j] - vmin) / (vmax - vmin)];
                int o = ((imageRow * cols) + j) * 4;
                (rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]) = (c.R, c.G, c.B, c.A);
            }
        }

        s.Image(frame.Left, frame.Top, frame.Right - frame.Left, frame.Bottom - frame.Top, rgba, cols, rows);
        frame.DrawAxes(s, grid: false);
        if (Annotate)
        {
            DrawAnnotations(s, frame, rows, cols, vmin, vmax);
        }

        if (Trajectory is { Count: > 0 } path)
        {
            frame.ClipToPlot(s);
            var pts = path.Select(p => frame.Map(p.X, p.Y)).ToList();
            s.PolylineSkippingGaps(pts, Rgba.White, 4);
            s.PolylineSkippingGaps(pts, Palettes.Category(3), 2);
            var (sx, sy) = pts[0];
            var (ex, ey) = pts[^1];
            s.Circle(sx, sy, 4.5, Rgba.White, Rgba.Black, 1.2);
            s.Circle(ex, ey, 5, Palettes.Category(3), Rgba.White, 1.5);
            s.PopClip();
        }

        // Colour bar: a 1×256 gradient image, ticks on its right.
        double bx = frame.Right + 16, top = frame.Top, h = frame.Bottom - frame.Top;
        var bar = new byte[256 * 4];
        for (int k = 0; k < 256; k++)
        {
            var c = Colormap[1 - (k / 255.0)];
            (bar[k * 4], bar[(k * 4) + 1], bar[(k * 4) + 2], bar[(k * 4) + 3]) = (c.R, c.G, c.B, 255);
        }

        s.Image(bx, top, barWidth, h, bar, 1, 256);
        s.StrokeRect(PlotFrame.Snap(bx), PlotFrame.Snap(top), Math.Round(barWidth), Math.Round(h), new Rgba(40, 40, 40));
        var scale = new Scale(vmin, vmax, frame.Bottom, frame.Top);
        for (int k = 0; k < cTicks.Length; k++)
        {
            double py = PlotFrame.Snap(scale.Map(cTicks[k]));
            s.Line(bx + barWidth, py, bx + barWidth + 4, py, new Rgba(40, 40, 40));
            s.Text(bx + barWidth + 7, py, cLabels[k], new Rgba(40, 40, 40), 1, TextAlign.Left, TextBaseline.Middle);
        }

        if (ColorbarLabel is not null)
        {
            s.TextVertical(s.Width - 12, top + (h / 2), ColorbarLabel, new Rgba(40, 40, 40));
        }
    }

    private void DrawAnnotations(IPlotSurface s, PlotFrame frame, int rows, int cols, double vmin, double vmax)
    {
        double cellW = (frame.Right - frame.Left) / cols, cellH = (frame.Bottom - frame.Top) / rows;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double v = Values[i, j];
                string text = double.IsFinite(v) ? v.ToString(AnnotationFormat, CultureInfo.InvariantCulture) : "";
                if (text.Length == 0 || BitmapFont.MeasureWidth(text) + 2 > cellW || cellH < BitmapFont.CapHeight + 2)
                {
                    continue;
                }

                double cx = Extent is { } e ? e.XMin + ((j + 0.5) * (e.XMax - e.XMin) / cols) : j;
                double cy = Extent is { } f ? f.YMin + ((i + 0.5) * (f.YMax - f.YMin) / rows) : i;
                var (px, py) = frame.Map(cx, cy);
                var ink = Colormap[(v - vmin) / (vmax - vmin)].Luminance > 0.5 ? new Rgba(20, 20, 20) : Rgba.White;
                s.Text(px, py, text, ink, 1, TextAlign.Center, TextBaseline.Middle);
            }
        }
    }

    private static string[] Numbers(int n) => [.. Enumerable.Range(0, n).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private static void CheckLabels(IReadOnlyList<string>? labels, int n, string name)
    {
        if (labels is not null && labels.Count != n)
        {
            throw new ArgumentException($"{nameof(Heatmap)}: {name} must have one label per {(name == "RowLabels" ? "row" : "column")} ({n}); got {labels.Count}.", name);
        }
    }
}
