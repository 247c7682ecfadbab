using System.Globalization;

namespace MlNetDl.Samples.Plotting;

/// <summary>An 8-bit-per-channel colour with straight (non-premultiplied) alpha.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    public static readonly Rgba White = new(255, 255, 255);
    public static readonly Rgba Black = new(0, 0, 0);
    public static readonly Rgba Gray = new(128, 128, 128);
    public static readonly Rgba LightGray = new(225, 225, 225);
    public static readonly Rgba DarkGray = new(64, 64, 64);
    public static readonly Rgba Transparent = new(0, 0, 0, 0);

    /// <summary>Parses <c>#rrggbb</c> or <c>#rrggbbaa</c>.</summary>
    /// <exception cref="FormatException">The text is not in one of those forms.</exception>
    public static Rgba Hex(string hex)
    {
        var s = hex.StartsWith('#') ? hex[1..] : hex;
        if ((s.Length != 6 && s.Length != 8) || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
        {
            throw new FormatException($"Rgba.Hex: expected '#rrggbb' or '#rrggbbaa'; got '{hex}'.");
        }

        if (s.Length == 6)
        {
            v = (v << 8) | 0xFF;
        }

        return new Rgba((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>The same colour with alpha <paramref name="alpha"/> in [0, 1].</summary>
    public Rgba WithAlpha(double alpha) => this with { A = (byte)Math.Round(Math.Clamp(alpha, 0, 1) * 255) };

    /// <summary>Linear interpolation <c>a + t (b - a)</c> per channel, t clamped to [0, 1].</summary>
    public static Rgba Lerp(Rgba a, Rgba b, double t)
    {
        t = Math.Clamp(t, 0, 1);
        static byte L(byte x, byte y, double t) => (byte)Math.Round(x + (y - x) * t);
        return new Rgba(L(a.R, b.R, t), L(a.G, b.G, t), L(a.B, b.B, t), L(a.A, b.A, t));
    }

    /// <summary><c>#rrggbb</c> (alpha dropped), as SVG wants it.</summary>
    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";

    /// <summary>Relative luminance in [0, 1] (Rec. 709 weights on the gamma-encoded values; good enough to choose text colour).</summary>
    public double Luminance => (0.2126 * R + 0.7152 * G + 0.0722 * B) / 255.0;
}
