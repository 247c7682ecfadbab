using System.Globalization;

namespace MlNetDl.Samples.Plotting;

/// <summary>"Nice" axis ticks: multiples of 1, 2 or 5 × 10^k, and labels formatted to the step's precision.</summary>
public static class Ticks
{
    /// <summary>
    /// The smallest step s ∈ {1, 2, 5} × 10^k giving at most <paramref name="maxTicks"/> multiples of s in
    /// [<paramref name="min"/>, <paramref name="max"/>], and those multiples. A degenerate range (min = max)
    /// is widened to min ± max(|min|·0.1, 1) … rounded to the step first; non-finite bounds give [0, 1].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTicks"/> &lt; 2.</exception>
    public static (double Step, double[] Values) Linear(double min, double max, int maxTicks = 6)
    {
        if (maxTicks < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTicks), $"Ticks.Linear: maxTicks must be at least 2; got {maxTicks}.");
        }

        (min, max) = Widen(min, max);
        double range = max - min;
        double step = Math.Pow(10, Math.Floor(Math.Log10(range / maxTicks)));
        int mult = 0;
        double[] mults = [1, 2, 5];
        while (Count(min, max, step * mults[mult]) > maxTicks)
        {
            if (++mult == mults.Length)
            {
                (mult, step) = (0, step * 10);
            }
        }

        step *= mults[mult];
        long first = (long)Math.Ceiling((min / step) - 1e-9), last = (long)Math.Floor((max / step) + 1e-9);
        var values = new double[Math.Max(0, (int)(last - first + 1))];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = Snap((first + k) * step, step);
        }

        return (step, values);
    }

    /// <summary>Decades 10^k inside [min, max] (both &gt; 0); with fewer than three, adds 2·10^k and 5·10^k.</summary>
    public static double[] Log(double min, double max)
    {
        if (!(min > 0) || !(max >= min) || !double.IsFinite(max))
        {
            (min, max) = (1, 10);
        }

        int k0 = (int)Math.Floor(Math.Log10(min) + 1e-9), k1 = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        var list = new List<double>();
        int every = Math.Max(1, (k1 - k0 + 7) / 8); // at most ~8 decade labels
        int decadesInside = Enumerable.Range(k0, k1 - k0 + 1).Count(k => Math.Pow(10, k) >= min * (1 - 1e-9) && Math.Pow(10, k) <= max * (1 + 1e-9));
        bool dense = decadesInside < 3;
        for (int k = k0; k <= k1; k++)
        {
            foreach (double m in dense ? (double[])[1, 2, 5] : [1])
            {
                double v = m * Math.Pow(10, k);
                if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9) && (dense || (k - k0) % every == 0))
                {
                    list.Add(v);
                }
            }
        }

        return [.. list];
    }

    /// <summary>Formats a tick: as many decimals as <paramref name="step"/> needs, or 1e-5 style for very large/small values.</summary>
    public static string Format(double value, double step)
    {
        if (value == 0)
        {
            return "0";
        }

        double mag = Math.Max(Math.Abs(value), Math.Abs(step));
        if (mag >= 1e6 || Math.Abs(step) < 1e-4)
        {
            return Exponent(value);
        }

        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(Math.Abs(step)) + 1e-9), 0, 6);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a log-axis tick: plain for 1e-3 … 1e4, else 1e-5 style.</summary>
    public static string FormatLog(double value)
        => value is >= 1e-3 and < 1e5 ? value.ToString("0.####", CultureInfo.InvariantCulture) : Exponent(value);

    /// <summary>Non-finite bounds become [0, 1]; an empty range is widened around its value.</summary>
    public static (double Min, double Max) Widen(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return (0, 1);
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max - min <= 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            double pad = Math.Abs(min) > 0 ? Math.Abs(min) * 0.1 : 1;
            return (min - pad, max + pad);
        }

        return (min, max);
    }

    private static string Exponent(double v)
    {
        int e = (int)Math.Floor(Math.Log10(Math.Abs(v)) + 1e-9);
        double m = v / Math.Pow(10, e);
        return m.ToString("0.##", CultureInfo.InvariantCulture) + "e" + e.ToString(CultureInfo.InvariantCulture);
    }

    private static long Count(double min, double max, double step)
        => (long)Math.Floor((max / step) + 1e-9) - (long)Math.Ceiling((min / step) - 1e-9) + 1;

    // k·step in floating point drifts (3 × 0.1 = 0.30000000000000004); round to the step's precision.
    private static double Snap(double v, double step)
    {
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)) + 1, 0, 15);
        return Math.Round(v, decimals);
    }
}

/// <summary>Maps data values in [D0, D1] to pixels [P0, P1], linearly or on log10 (non-positive → NaN).</summary>
public readonly record struct Scale(double D0, double D1, double P0, double P1, bool Log = false)
{
    public double Map(double v)
    {
        if (Log)
        {
            return v > 0 ? P0 + ((Math.Log10(v) - Math.Log10(D0)) / (Math.Log10(D1) - Math.Log10(D0)) * (P1 - P0)) : double.NaN;
        }

        return P0 + ((v - D0) / (D1 - D0) * (P1 - P0));
    }

    /// <summary>The inverse of <see cref="Map"/>.</summary>
    public double Invert(double p)
    {
        double t = (p - P0) / (P1 - P0);
        return Log ? Math.Pow(10, Math.Log10(D0) + (t * (Math.Log10(D1) - Math.Log10(D0)))) : D0 + (t * (D1 - D0));
    }
}
