namespace MlNetDl.Samples.Plotting;

/// <summary>How image values become pixel intensities.</summary>
public enum ImageNormalization
{
    /// <summary>Values are in [0, 1]; outside values are clamped.</summary>
    Clamp01,

    /// <summary>Each image is stretched from its own minimum (black) to maximum (white): conv kernels, feature maps.</summary>
    MinMax,

    /// <summary>Each image maps [-m, m] to [0, 1] with m its largest |value|, so zero is mid-grey: signed weights.</summary>
    Symmetric,
}

/// <summary>
/// One image in channel-first (C, H, W) layout, as tensors hold it: <paramref name="Channels"/> is 1 (grey,
/// coloured by <see cref="ImageGrid.Colormap"/>) or 3 (RGB). NaN pixels show the background.
/// </summary>
/// <exception cref="ArgumentException">Channels not 1 or 3, a size below 1, or a pixel count other than C·H·W.</exception>
public sealed record GridImage(IReadOnlyList<float> Pixels, int Height, int Width, int Channels = 1)
{
    public IReadOnlyList<float> Pixels { get; init; } = Channels is 1 or 3 && Height > 0 && Width > 0 && Pixels.Count == Channels * Height * Width ? Pixels
        : throw new ArgumentException($"GridImage: expected Channels 1 or 3 and Channels·Height·Width = {Channels}·{Height}·{Width} = {Channels * Height * Width} pixels; got {Pixels.Count}.", nameof(Pixels));

    /// <summary>Caption under the image (cut to the cell width).</summary>
    public string? Title { get; init; }

    /// <summary>Caption colour (e.g. red for a misclassified example); null is dark grey.</summary>
    public Rgba? TitleColor { get; init; }
}

/// <summary>
/// Images in a grid of <see cref="Columns"/> columns, each magnified by <see cref="Zoom"/> pixels per image pixel,
/// with captions: originals vs reconstructions, generated samples, conv kernels, misclassified examples.
/// The chart's size follows from the images; <see cref="Chart.Width"/>/<see cref="Chart.Height"/> are computed.
/// </summary>
/// <exception cref="ArgumentException">No images, or images of different sizes.</exception>
public sealed record ImageGrid(IReadOnlyList<GridImage> Images) : Chart
{
    private const int Gap = 6, Margin = 10;

    public IReadOnlyList<GridImage> Images { get; init; } = Validate(Images);

    public int Columns { get; init; } = 8;

    /// <summary>Screen pixels per image pixel; 0 picks the zoom that makes an image about 84 pixels tall.</summary>
    public int Zoom { get; init; }

    public ImageNormalization Normalization { get; init; } = ImageNormalization.Clamp01;

    /// <summary>Colormap for single-channel images.</summary>
    public Colormap Colormap { get; init; } = Palettes.Grays;

    private int Cols => Math.Clamp(Columns, 1, Images.Count);

    private int Rows => (Images.Count + Cols - 1) / Cols;

    private int ZoomUsed => Zoom > 0 ? Zoom : Math.Max(1, (int)Math.Round(84.0 / Images[0].Height));

    private int CellW => Images[0].Width * ZoomUsed;

    private int CellH => Images[0].Height * ZoomUsed;

    private bool HasCaptions => Images.Any(i => !string.IsNullOrEmpty(i.Title));

    private int CaptionH => HasCaptions ? BitmapFont.LineHeight + 3 : 0;

    private int TitleH => string.IsNullOrEmpty(Title) ? 0 : (2 * BitmapFont.CapHeight) + 14;

    public override int Width
    {
        get => Math.Max((2 * Margin) + (Cols * CellW) + ((Cols - 1) * Gap), string.IsNullOrEmpty(Title) ? 0 : BitmapFont.MeasureWidth(Title, 2) + (2 * Margin));
        init { }
    }

    public override int Height
    {
        get => (2 * Margin) + TitleH + (Rows * (CellH + CaptionH)) + ((Rows - 1) * Gap);
        init { }
    }

    public override void Render(IPlotSurface s)
    {
        s.FillRect(0, 0, s.Width, s.Height, Rgba.White);
        var ink = new Rgba(40, 40, 40);
        if (!string.IsNullOrEmpty(Title))
        {
            s.Text(s.Width / 2.0, Margin, Title, ink, 2, TextAlign.Center);
        }

        double x0 = (s.Width - ((Cols * CellW) + ((Cols - 1) * Gap))) / 2.0;
        int maxChars = Math.Max(1, (CellW + Gap) / BitmapFont.Advance);
        for (int k = 0; k < Images.Count; k++)
        {
            var img = Images[k];
            double x = Math.Round(x0 + ((k % Cols) * (CellW + Gap))), y = Margin + TitleH + ((k / Cols) * (CellH + CaptionH + Gap));
            s.Image(x, y, CellW, CellH, ToRgba(img), img.Width, img.Height);
            s.StrokeRect(x - 0.5, y - 0.5, CellW + 1, CellH + 1, new Rgba(200, 200, 200));
            if (!string.IsNullOrEmpty(img.Title))
            {
                string t = img.Title.Length > maxChars ? img.Title[..maxChars] : img.Title;
                s.Text(x + (CellW / 2.0), y + CellH + 4, t, img.TitleColor ?? ink, 1, TextAlign.Center);
            }
        }
    }

    /// <summary>The image as RGBA bytes after normalisation (and the colormap for one channel).</summary>
    public byte[] ToRgba(GridImage img)
    {
        var p = img.Pixels;
        float lo = 0, hi = 1;
        if (Normalization != ImageNormalization.Clamp01)
        {
            (lo, hi) = (float.PositiveInfinity, float.NegativeInfinity);
            foreach (var v in p)
            {
                if (float.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
            }

            if (Normalization == ImageNormalization.Symmetric)
            {
                float m = Math.Max(Math.Abs(lo), Math.Abs(hi));
                (lo, hi) = (-m, m);
            }

            if (!(hi > lo))
            {
                (lo, hi) = float.IsFinite(lo) ? (lo - 1, hi + 1) : (0, 1); // a constant image shows mid-grey
            }
        }

        int plane = img.Height * img.Width;
        var rgba = new byte[plane * 4];
        for (int i = 0; i < plane; i++)
        {
            double T(float v) => (v - lo) / (hi - lo);
            Rgba c;
            if (img.Channels == 1)
            {
                c = float.IsFinite(p[i]) ? Colormap[T(p[i])] : Rgba.Transparent;
            }
            else
            {
                static byte B(double t) => (byte)Math.Round(Math.Clamp(double.IsFinite(t) ? t : 0, 0, 1) * 255);
                c = new Rgba(B(T(p[i])), B(T(p[plane + i])), B(T(p[(2 * plane) + i])));
            }

            (rgba[i * 4], rgba[(i * 4) + 1], rgba[(i * 4) + 2], rgba[(i * 4) + 3]) = (c.R, c.G, c.B, c.A);
        }

        return rgba;
    }

    private static IReadOnlyList<GridImage> Validate(IReadOnlyList<GridImage> images)
    {
        NonEmpty(images, nameof(ImageGrid), "image");
        var first = images[0];
        foreach (var img in images)
        {
            if (img.Height != first.Height || img.Width != first.Width)
            {
                throw new ArgumentException($"{nameof(ImageGrid)}: all images must have the same size; got {first.Height}×{first.Width} and {img.Height}×{img.Width}.", nameof(images));
            }
        }

        return images;
    }
}
