namespace MlNetDl.Samples.Plotting;

/// <summary>Colour palettes: a categorical one for classes/series and sequential colormaps for heatmaps.</summary>
public static class Palettes
{
    /// <summary>The ten colours of matplotlib's "tab10" (Tableau 10), for series and classes.</summary>
    public static IReadOnlyList<Rgba> Tab10 { get; } =
    [
        Rgba.Hex("#1f77b4"), Rgba.Hex("#ff7f0e"), Rgba.Hex("#2ca02c"), Rgba.Hex("#d62728"), Rgba.Hex("#9467bd"),
        Rgba.Hex("#8c564b"), Rgba.Hex("#e377c2"), Rgba.Hex("#7f7f7f"), Rgba.Hex("#bcbd22"), Rgba.Hex("#17becf"),
    ];

    /// <summary>Colour <paramref name="index"/> of <see cref="Tab10"/>, cycling after ten.</summary>
    public static Rgba Category(int index) => Tab10[((index % 10) + 10) % 10];

    /// <summary>A viridis-like colormap: piecewise-linear through nine samples of matplotlib's viridis.</summary>
    public static Colormap Viridis { get; } = new(
    [
        Rgba.Hex("#440154"), Rgba.Hex("#472d7b"), Rgba.Hex("#3b528b"), Rgba.Hex("#2c728e"), Rgba.Hex("#21918c"),
        Rgba.Hex("#28ae80"), Rgba.Hex("#5ec962"), Rgba.Hex("#addc30"), Rgba.Hex("#fde725"),
    ]);

    /// <summary>White to dark blue, for confusion matrices (counts read well on the light end).</summary>
    public static Colormap Blues { get; } = new(
    [
        Rgba.Hex("#f7fbff"), Rgba.Hex("#c6dbef"), Rgba.Hex("#6baed6"), Rgba.Hex("#2171b5"), Rgba.Hex("#08306b"),
    ]);

    /// <summary>Black to white.</summary>
    public static Colormap Grays { get; } = new([Rgba.Black, Rgba.White]);
}

/// <summary>A sequential colormap: evenly spaced control colours, linearly interpolated.</summary>
public sealed class Colormap
{
    private readonly Rgba[] _stops;

    /// <exception cref="ArgumentException">Fewer than two control colours.</exception>
    public Colormap(IReadOnlyList<Rgba> stops)
    {
        if (stops.Count < 2)
        {
            throw new ArgumentException($"Colormap: needs at least 2 control colours; got {stops.Count}.", nameof(stops));
        }

        _stops = [.. stops];
    }

    /// <summary>The colour at <paramref name="t"/> in [0, 1] (clamped); NaN maps to transparent.</summary>
    public Rgba this[double t]
    {
        get
        {
            if (double.IsNaN(t))
            {
                return Rgba.Transparent;
            }

            double p = Math.Clamp(t, 0, 1) * (_stops.Length - 1);
            int i = Math.Min((int)p, _stops.Length - 2);
            return Rgba.Lerp(_stops[i], _stops[i + 1], p - i);
        }
    }
}
