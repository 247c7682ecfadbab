namespace MlNetDl.Samples.Plotting;

/// <summary>
/// Base of all charts: an immutable description (records with defaults, change with <c>with</c>) that renders onto
/// any <see cref="IPlotSurface"/>; <see cref="SavePng"/> and <see cref="SaveSvg"/> write files atomically.
/// </summary>
public abstract record Chart
{
    public string? Title { get; init; }

    public virtual int Width { get; init; } = 720;

    public virtual int Height { get; init; } = 450;

    /// <summary>Draws the whole chart, background included.</summary>
    public abstract void Render(IPlotSurface surface);

    public Canvas ToCanvas()
    {
        var c = new Canvas(Width, Height);
        Render(c);
        return c;
    }

    public string ToSvg()
    {
        var s = new SvgSurface(Width, Height);
        Render(s);
        return s.ToString();
    }

    public void SavePng(string path) => PngEncoder.Save(ToCanvas(), path);

    public void SaveSvg(string path) => AtomicFile.WriteAllText(path, ToSvg());

    /// <summary>Throws the uniform "needs at least one" error for an empty input.</summary>
    protected static IReadOnlyList<T> NonEmpty<T>(IReadOnlyList<T>? items, string chart, string what)
        => items is { Count: > 0 } ? items : throw new ArgumentException($"{chart}: needs at least one {what}; got none.", what);

    protected static void SameLength(string chart, params (string Name, int Count)[] lists)
    {
        if (lists.Any(l => l.Count != lists[0].Count))
        {
            throw new ArgumentException($"{chart}: {string.Join(", ", lists.Select(l => l.Name))} must have the same length; got {string.Join(", ", lists.Select(l => l.Count))}.");
        }
    }
}
