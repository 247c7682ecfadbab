namespace MlNetDl.Samples.Plotting;

/// <summary>Horizontal text anchor.</summary>
public enum TextAlign { Left, Center, Right }

/// <summary>Vertical text anchor, relative to the capital letters (descenders hang below).</summary>
public enum TextBaseline { Top, Middle, Bottom }

/// <summary>
/// What a chart draws on: the raster <see cref="Canvas"/> (for PNG) or <see cref="SvgSurface"/> (vector).
/// Coordinates are pixels from the top-left corner; the centre of pixel (i, j) is (i + 0.5, j + 0.5).
/// Text uses <see cref="BitmapFont"/> metrics on both surfaces, so layouts agree.
/// </summary>
public interface IPlotSurface
{
    int Width { get; }

    int Height { get; }

    void FillRect(double x, double y, double width, double height, Rgba color);

    /// <summary>An open polyline of <paramref name="width"/> pixels with round joins; optional dashes (on, off) in pixels.</summary>
    void Polyline(ReadOnlySpan<(double X, double Y)> points, Rgba color, double width = 1, (double On, double Off)? dash = null);

    /// <summary>A disc of radius <paramref name="radius"/>, optionally outlined.</summary>
    void Circle(double cx, double cy, double radius, Rgba fill, Rgba? stroke = null, double strokeWidth = 1);

    /// <summary>Text in the built-in font at integer <paramref name="scale"/>; characters outside ASCII print as '?'.</summary>
    void Text(double x, double y, string text, Rgba color, int scale = 1, TextAlign align = TextAlign.Left, TextBaseline baseline = TextBaseline.Top);

    /// <summary>Text turned 90° counter-clockwise (reading upwards), centred on (<paramref name="cx"/>, <paramref name="cy"/>).</summary>
    void TextVertical(double cx, double cy, string text, Rgba color, int scale = 1);

    /// <summary>An RGBA image of <paramref name="srcWidth"/>×<paramref name="srcHeight"/> stretched over the rectangle (nearest neighbour).</summary>
    void Image(double x, double y, double width, double height, ReadOnlySpan<byte> rgba, int srcWidth, int srcHeight);

    /// <summary>Restricts drawing to the rectangle (intersected with the current clip) until <see cref="PopClip"/>.</summary>
    void PushClip(double x, double y, double width, double height);

    void PopClip();
}

/// <summary>Drawing helpers shared by every surface.</summary>
public static class PlotSurfaceExtensions
{
    public static void Line(this IPlotSurface s, double x0, double y0, double x1, double y1, Rgba color, double width = 1, (double On, double Off)? dash = null)
        => s.Polyline([(x0, y0), (x1, y1)], color, width, dash);

    public static void StrokeRect(this IPlotSurface s, double x, double y, double w, double h, Rgba color, double width = 1)
        => s.Polyline([(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)], color, width);

    /// <summary>A polyline that breaks at non-finite points (NaN gaps) instead of drawing through them.</summary>
    public static void PolylineSkippingGaps(this IPlotSurface s, IReadOnlyList<(double X, double Y)> points, Rgba color, double width = 1, (double On, double Off)? dash = null)
    {
        var run = new List<(double X, double Y)>();
        foreach (var p in points)
        {
            if (double.IsFinite(p.X) && double.IsFinite(p.Y))
            {
                run.Add(p);
                continue;
            }

            Flush();
        }

        Flush();

        void Flush()
        {
            if (run.Count == 1)
            {
                s.Circle(run[0].X, run[0].Y, width, color); // an isolated point stays visible
            }
            else if (run.Count > 1)
            {
                s.Polyline(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(run), color, width, dash);
            }

            run.Clear();
        }
    }
}
