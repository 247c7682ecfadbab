namespace MlNetDl.Samples.Plotting;

/// <summary>One axis: the data range it shows, log or linear, and where its labelled ticks are.</summary>
public sealed record Axis(double Min, double Max, bool Log, IReadOnlyList<double> Ticks, IReadOnlyList<string> Labels)
{
    /// <summary>
    /// An axis fitted to the finite values (positive ones when <paramref name="log"/>), padded by
    /// <paramref name="pad"/> of the range on each side, with nice ticks. No finite value gives [0, 1].
    /// </summary>
    public static Axis Fit(IEnumerable<double> values, bool log = false, double pad = 0.05, int maxTicks = 8)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsFinite(v) && (!log || v > 0))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (log)
        {
            if (!double.IsFinite(min))
            {
                (min, max) = (1, 10);
            }
            else if (max / min < 1.0001)
            {
                (min, max) = (min / 2, max * 2);
            }

            double lr = Math.Log10(max / min) * pad;
            return Fixed(min / Math.Pow(10, lr), max * Math.Pow(10, lr), log: true);
        }

        (min, max) = double.IsFinite(min) ? Plotting.Ticks.Widen(min, max) : (0, 1);
        double p = (max - min) * pad;
        return Fixed(min - p, max + p, maxTicks: maxTicks);
    }

    /// <summary>An axis over exactly [min, max] with nice ticks inside.</summary>
    public static Axis Fixed(double min, double max, bool log = false, int maxTicks = 7)
    {
        if (log)
        {
            var lt = Plotting.Ticks.Log(min, max);
            return new Axis(min, max, true, lt, [.. lt.Select(Plotting.Ticks.FormatLog)]);
        }

        (min, max) = Plotting.Ticks.Widen(min, max);
        var (step, values) = Plotting.Ticks.Linear(min, max, maxTicks);
        return new Axis(min, max, false, values, [.. values.Select(v => Plotting.Ticks.Format(v, step))]);
    }

    /// <summary>Categories 0 … n-1 shown over [-0.5, n - 0.5] with the given labels.</summary>
    public static Axis Categories(IReadOnlyList<string> labels)
        => new(-0.5, labels.Count - 0.5, false, [.. Enumerable.Range(0, labels.Count).Select(i => (double)i)], labels);
}

/// <summary>Where the legend box goes; <see cref="Auto"/> picks the inner corner covering the fewest data points; <see cref="OutsideRight"/> sits right of the plot.</summary>
public enum LegendPosition { Auto, TopRight, TopLeft, BottomRight, BottomLeft, OutsideRight, None }

/// <summary>The swatch drawn before a legend label.</summary>
public enum LegendMarker { Line, DashedLine, Dot, Box }

public readonly record struct LegendEntry(string Label, Rgba Color, LegendMarker Marker = LegendMarker.Line);
