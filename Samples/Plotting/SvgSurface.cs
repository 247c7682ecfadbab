using System.Globalization;
using System.Security;
using System.Text;

namespace MlNetDl.Samples.Plotting;

/// <summary>
/// A vector <see cref="IPlotSurface"/> that builds an SVG document. Text is set in a monospace font sized to
/// match <see cref="BitmapFont"/>'s advance (0.6 em per character), so chart layouts computed for the raster
/// apply here too; images are embedded as PNG data URIs and scaled without smoothing.
/// </summary>
public sealed class SvgSurface : IPlotSurface
{
    private readonly StringBuilder _body = new();
    private int _openGroups;
    private int _clipIds;

    public SvgSurface(int width, int height, Rgba? background = null)
    {
        Width = width;
        Height = height;
        FillRect(0, 0, width, height, background ?? Rgba.White);
    }

    public int Width { get; }

    public int Height { get; }

    public void FillRect(double x, double y, double width, double height, Rgba color)
        => _body.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\"{Fill(color)}/>\n");

    public void Polyline(ReadOnlySpan<(double X, double Y)> points, Rgba color, double width = 1, (double On, double Off)? dash = null)
    {
        if (points.Length < 2)
        {
            return;
        }

        _body.Append(dash is null ? "<polyline fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"" : "<polyline fill=\"none\" stroke-linejoin=\"round\" points=\"");
        foreach (var p in points)
        {
            _body.Append(N(p.X)).Append(',').Append(N(p.Y)).Append(' ');
        }

        _body.Append('"').Append(Stroke(color, width));
        if (dash is { } d)
        {
            _body.Append(CultureInfo.InvariantCulture, $" stroke-dasharray=\"{N(d.On)} {N(d.Off)}\"");
        }

        _body.Append("/>\n");
    }

    public void Circle(double cx, double cy, double radius, Rgba fill, Rgba? stroke = null, double strokeWidth = 1)
    {
        _body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(radius)}\"{Fill(fill)}");
        if (stroke is { } s)
        {
            _body.Append(Stroke(s, strokeWidth));
        }

        _body.Append("/>\n");
    }

    public void Text(double x, double y, string text, Rgba color, int scale = 1, TextAlign align = TextAlign.Left, TextBaseline baseline = TextBaseline.Top)
    {
        scale = Math.Max(scale, 1);
        double cap = BitmapFont.CapHeight * scale;
        double baseY = y + (baseline switch { TextBaseline.Top => cap, TextBaseline.Middle => cap / 2, _ => 0 });
        string anchor = align switch { TextAlign.Center => "middle", TextAlign.Right => "end", _ => "start" };
        _body.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{N(x)}\" y=\"{N(baseY)}\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"{N(BitmapFont.Advance * scale / 0.6)}\" text-anchor=\"{anchor}\"{Fill(color)} xml:space=\"preserve\">{SecurityElement.Escape(text)}</text>\n");
    }

    public void TextVertical(double cx, double cy, string text, Rgba color, int scale = 1)
    {
        scale = Math.Max(scale, 1);
        double x = cx + (BitmapFont.CapHeight * scale / 2.0);
        _body.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{N(x)}\" y=\"{N(cy)}\" transform=\"rotate(-90 {N(x)} {N(cy)})\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"{N(BitmapFont.Advance * scale / 0.6)}\" text-anchor=\"middle\"{Fill(color)}>{SecurityElement.Escape(text)}</text>\n");
    }

    public void Image(double x, double y, double width, double height, ReadOnlySpan<byte> rgba, int srcWidth, int srcHeight)
    {
        var png = Convert.ToBase64String(PngEncoder.Encode(rgba, srcWidth, srcHeight));
        _body.Append(CultureInfo.InvariantCulture,
            $"<image x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,{png}\"/>\n");
    }

    public void PushClip(double x, double y, double width, double height)
    {
        int id = ++_clipIds;
        _body.Append(CultureInfo.InvariantCulture,
            $"<clipPath id=\"c{id}\"><rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\"/></clipPath><g clip-path=\"url(#c{id})\">\n");
        _openGroups++;
    }

    public void PopClip()
    {
        if (_openGroups > 0)
        {
            _body.Append("</g>\n");
            _openGroups--;
        }
    }

    /// <summary>The complete SVG document (open clip groups are closed).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">\n");
        sb.Append(_body);
        for (int k = 0; k < _openGroups; k++)
        {
            sb.Append("</g>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>Writes the document to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToString());

    private static string N(double v) => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture);

    private static string Fill(Rgba c) => c.A == 255 ? $" fill=\"{c.ToHex()}\"" : $" fill=\"{c.ToHex()}\" fill-opacity=\"{N(c.A / 255.0)}\"";

    private static string Stroke(Rgba c, double w)
        => $" stroke=\"{c.ToHex()}\" stroke-width=\"{N(w)}\"" + (c.A == 255 ? "" : $" stroke-opacity=\"{N(c.A / 255.0)}\"");
}
