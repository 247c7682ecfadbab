namespace MlNetDl.Samples.Plotting;

/// <summary>
/// An RGBA raster (row-major, 4 bytes per pixel, straight alpha) with anti-aliased lines and discs
/// (coverage from the exact distance to the shape, so thick polylines and markers have smooth edges),
/// bitmap text and a clip stack. Save it with <see cref="PngEncoder"/>.
/// </summary>
public sealed class Canvas : IPlotSurface
{
    private readonly Stack<(int X0, int Y0, int X1, int Y1)> _clips = new();
    private (int X0, int Y0, int X1, int Y1) _clip;

    /// <exception cref="ArgumentOutOfRangeException">A size is not in [1, 16384].</exception>
    public Canvas(int width, int height, Rgba? background = null)
    {
        if (width is < 1 or > 16384 || height is < 1 or > 16384)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Canvas: size must be in [1, 16384] per side; got {width}×{height}.");
        }

        Width = width;
        Height = height;
        Pixels = new byte[width * height * 4];
        _clip = (0, 0, width, height);
        Clear(background ?? Rgba.White);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The raw RGBA bytes, row-major.</summary>
    public byte[] Pixels { get; }

    public Rgba this[int x, int y]
    {
        get
        {
            int o = ((y * Width) + x) * 4;
            return new Rgba(Pixels[o], Pixels[o + 1], Pixels[o + 2], Pixels[o + 3]);
        }
    }

    public void Clear(Rgba color)
    {
        for (int o = 0; o < Pixels.Length; o += 4)
        {
            Pixels[o] = color.R; Pixels[o + 1] = color.G; Pixels[o + 2] = color.B; Pixels[o + 3] = color.A;
        }
    }

    /// <summary>Source-over blend of <paramref name="color"/> with extra opacity <paramref name="coverage"/> in [0, 1]; clipped.</summary>
    public void Blend(int x, int y, Rgba color, double coverage = 1)
    {
        if (x < _clip.X0 || y < _clip.Y0 || x >= _clip.X1 || y >= _clip.Y1 || coverage <= 0)
        {
            return;
        }

        double a = color.A / 255.0 * Math.Min(coverage, 1);
        int o = ((y * Width) + x) * 4;
        double da = Pixels[o + 3] / 255.0, outA = a + (da * (1 - a));
        if (outA <= 0)
        {
            return;
        }

        static byte Mix(byte src, byte dst, double a, double da, double outA) => (byte)Math.Round(((src * a) + (dst * da * (1 - a))) / outA);
        Pixels[o] = Mix(color.R, Pixels[o], a, da, outA);
        Pixels[o + 1] = Mix(color.G, Pixels[o + 1], a, da, outA);
        Pixels[o + 2] = Mix(color.B, Pixels[o + 2], a, da, outA);
        Pixels[o + 3] = (byte)Math.Round(outA * 255);
    }

    public void FillRect(double x, double y, double width, double height, Rgba color)
    {
        // Pixel (i, j) is covered by the overlap of [i, i+1)×[j, j+1) with the rectangle: crisp on integer edges, soft otherwise.
        double x1 = x + width, y1 = y + height;
        int i0 = Math.Max((int)Math.Floor(x), _clip.X0), i1 = Math.Min((int)Math.Ceiling(x1), _clip.X1);
        int j0 = Math.Max((int)Math.Floor(y), _clip.Y0), j1 = Math.Min((int)Math.Ceiling(y1), _clip.Y1);
        for (int j = j0; j < j1; j++)
        {
            double cy = Math.Min(j + 1, y1) - Math.Max(j, y);
            for (int i = i0; i < i1; i++)
            {
                Blend(i, j, color, cy * (Math.Min(i + 1, x1) - Math.Max(i, x)));
            }
        }
    }

    public void Polyline(ReadOnlySpan<(double X, double Y)> points, Rgba color, double width = 1, (double On, double Off)? dash = null)
    {
        if (points.Length < 2)
        {
            return;
        }

        var segments = dash is { } d && d.On > 0 && d.Off > 0 ? Dashes(points, d.On, d.Off) : Segments(points);
        double r = Math.Max(width, 0.5) / 2;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var p in points)
        {
            minX = Math.Min(minX, p.X); maxX = Math.Max(maxX, p.X); minY = Math.Min(minY, p.Y); maxY = Math.Max(maxY, p.Y);
        }

        // Coverage is accumulated with max over all segments, then blended once: joints don't double-darken.
        int i0 = Math.Max((int)Math.Floor(minX - r - 1), _clip.X0), i1 = Math.Min((int)Math.Ceiling(maxX + r + 1), _clip.X1);
        int j0 = Math.Max((int)Math.Floor(minY - r - 1), _clip.Y0), j1 = Math.Min((int)Math.Ceiling(maxY + r + 1), _clip.Y1);
        if (i0 >= i1 || j0 >= j1)
        {
            return;
        }

        int bw = i1 - i0;
        var cover = new float[bw * (j1 - j0)];
        foreach (var (a, b) in segments)
        {
            int si0 = Math.Max((int)Math.Floor(Math.Min(a.X, b.X) - r - 1), i0), si1 = Math.Min((int)Math.Ceiling(Math.Max(a.X, b.X) + r + 1), i1);
            int sj0 = Math.Max((int)Math.Floor(Math.Min(a.Y, b.Y) - r - 1), j0), sj1 = Math.Min((int)Math.Ceiling(Math.Max(a.Y, b.Y) + r + 1), j1);
            for (int j = sj0; j < sj1; j++)
            {
                for (int i = si0; i < si1; i++)
                {
                    double c = Math.Clamp(r + 0.5 - DistanceToSegment(i + 0.5, j + 0.5, a, b), 0, 1);
                    ref float dst = ref cover[((j - j0) * bw) + (i - i0)];
                    dst = Math.Max(dst, (float)(width < 1 ? c * width : c));
                }
            }
        }

        for (int j = j0; j < j1; j++)
        {
            for (int i = i0; i < i1; i++)
            {
                Blend(i, j, color, cover[((j - j0) * bw) + (i - i0)]);
            }
        }
    }

    public void Circle(double cx, double cy, double radius, Rgba fill, Rgba? stroke = null, double strokeWidth = 1)
    {
        double outer = radius + (stroke is null ? 0 : strokeWidth / 2);
        int i0 = (int)Math.Floor(cx - outer - 1), i1 = (int)Math.Ceiling(cx + outer + 1);
        int j0 = (int)Math.Floor(cy - outer - 1), j1 = (int)Math.Ceiling(cy + outer + 1);
        for (int j = j0; j < j1; j++)
        {
            for (int i = i0; i < i1; i++)
            {
                double d = Math.Sqrt(Math.Pow(i + 0.5 - cx, 2) + Math.Pow(j + 0.5 - cy, 2));
                Blend(i, j, fill, Math.Clamp(radius + 0.5 - d, 0, 1));
                if (stroke is { } s)
                {
                    Blend(i, j, s, Math.Clamp((strokeWidth / 2) + 0.5 - Math.Abs(d - radius), 0, 1));
                }
            }
        }
    }

    public void Text(double x, double y, string text, Rgba color, int scale = 1, TextAlign align = TextAlign.Left, TextBaseline baseline = TextBaseline.Top)
    {
        scale = Math.Max(scale, 1);
        int w = BitmapFont.MeasureWidth(text, scale), h = BitmapFont.CapHeight * scale;
        int left = (int)Math.Round(x - (align switch { TextAlign.Center => w / 2.0, TextAlign.Right => w, _ => 0 }));
        int top = (int)Math.Round(y - (baseline switch { TextBaseline.Middle => h / 2.0, TextBaseline.Bottom => h, _ => 0 }));
        for (int k = 0; k < text.Length; k++)
        {
            var glyph = BitmapFont.Glyph(text[k]);
            for (int row = 0; row < BitmapFont.Rows; row++)
            {
                for (int col = 0; col < 5; col++)
                {
                    if ((glyph[row] & (0x10 >> col)) == 0)
                    {
                        continue;
                    }

                    for (int dy = 0; dy < scale; dy++)
                    {
                        for (int dx = 0; dx < scale; dx++)
                        {
                            Blend(left + (((k * BitmapFont.Advance) + col) * scale) + dx, top + (row * scale) + dy, color);
                        }
                    }
                }
            }
        }
    }

    public void TextVertical(double cx, double cy, string text, Rgba color, int scale = 1)
    {
        // Glyph pixel (col, row) of character k lands at x = left + row, y = bottom - (k·advance + col).
        scale = Math.Max(scale, 1);
        int w = BitmapFont.MeasureWidth(text, scale), h = BitmapFont.CapHeight * scale;
        int left = (int)Math.Round(cx - (h / 2.0)), bottom = (int)Math.Round(cy + (w / 2.0));
        for (int k = 0; k < text.Length; k++)
        {
            var glyph = BitmapFont.Glyph(text[k]);
            for (int row = 0; row < BitmapFont.Rows; row++)
            {
                for (int col = 0; col < 5; col++)
                {
                    if ((glyph[row] & (0x10 >> col)) != 0)
                    {
                        FillRect(left + (row * scale), bottom - ((((k * BitmapFont.Advance) + col) + 1) * scale), scale, scale, color);
                    }
                }
            }
        }
    }

    public void Image(double x, double y, double width, double height, ReadOnlySpan<byte> rgba, int srcWidth, int srcHeight)
    {
        if (rgba.Length != srcWidth * srcHeight * 4)
        {
            throw new ArgumentException($"Canvas.Image: expected {srcWidth}×{srcHeight}×4 = {srcWidth * srcHeight * 4} bytes; got {rgba.Length}.", nameof(rgba));
        }

        int i0 = (int)Math.Round(x), i1 = (int)Math.Round(x + width), j0 = (int)Math.Round(y), j1 = (int)Math.Round(y + height);
        for (int j = Math.Max(j0, _clip.Y0); j < Math.Min(j1, _clip.Y1); j++)
        {
            int sy = Math.Min((int)((j - j0 + 0.5) * srcHeight / (j1 - j0)), srcHeight - 1);
            for (int i = Math.Max(i0, _clip.X0); i < Math.Min(i1, _clip.X1); i++)
            {
                int sx = Math.Min((int)((i - i0 + 0.5) * srcWidth / (i1 - i0)), srcWidth - 1), o = ((sy * srcWidth) + sx) * 4;
                Blend(i, j, new Rgba(rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]));
            }
        }
    }

    public void PushClip(double x, double y, double width, double height)
    {
        _clips.Push(_clip);
        _clip = (Math.Max(_clip.X0, (int)Math.Floor(x)), Math.Max(_clip.Y0, (int)Math.Floor(y)),
                 Math.Min(_clip.X1, (int)Math.Ceiling(x + width)), Math.Min(_clip.Y1, (int)Math.Ceiling(y + height)));
    }

    public void PopClip() => _clip = _clips.Count > 0 ? _clips.Pop() : (0, 0, Width, Height);

    private static double DistanceToSegment(double px, double py, (double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, len2 = (dx * dx) + (dy * dy);
        double t = len2 == 0 ? 0 : Math.Clamp((((px - a.X) * dx) + ((py - a.Y) * dy)) / len2, 0, 1);
        double ex = a.X + (t * dx) - px, ey = a.Y + (t * dy) - py;
        return Math.Sqrt((ex * ex) + (ey * ey));
    }

    private static List<((double X, double Y) A, (double X, double Y) B)> Segments(ReadOnlySpan<(double X, double Y)> p)
    {
        var list = new List<((double, double), (double, double))>(p.Length - 1);
        for (int k = 1; k < p.Length; k++)
        {
            list.Add((p[k - 1], p[k]));
        }

        return list;
    }

    private static List<((double X, double Y) A, (double X, double Y) B)> Dashes(ReadOnlySpan<(double X, double Y)> p, double on, double off)
    {
        var list = new List<((double, double), (double, double))>();
        double phase = 0; // distance into the current on+off period, carried across vertices
        for (int k = 1; k < p.Length; k++)
        {
            var (a, b) = (p[k - 1], p[k]);
            double len = Math.Sqrt(Math.Pow(b.X - a.X, 2) + Math.Pow(b.Y - a.Y, 2)), s = 0;
            while (s < len)
            {
                double step = Math.Min(len - s, phase < on ? on - phase : on + off - phase);
                if (phase < on && len > 0)
                {
                    (double, double) At(double t) => (a.X + ((b.X - a.X) * t / len), a.Y + ((b.Y - a.Y) * t / len));
                    list.Add((At(s), At(s + step)));
                }

                s += step;
                phase = (phase + step) % (on + off);
            }
        }

        return list;
    }
}
