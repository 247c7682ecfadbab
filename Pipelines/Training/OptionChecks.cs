using System.Globalization;

namespace MlNetDl.Pipelines;

/// <summary>
/// Uniform validation messages for options records (as scikit-learn's): "The 'BatchSize' option of GetBatches
/// must be an integer in [1, ∞). Got 0." Options records call these once, from their validation method.
/// </summary>
public static class OptionChecks
{
    /// <exception cref="ArgumentOutOfRangeException">value &lt; min or value &gt; max.</exception>
    public static void InRange(string owner, string option, long value, long min, long max = long.MaxValue)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(option, value,
                $"The '{option}' option of {owner} must be an integer in [{min}, {(max == long.MaxValue ? "∞)" : max + "]")}. Got {value}.");
        }
    }

    /// <summary>Checks a real option against an interval; NaN always fails.</summary>
    /// <exception cref="ArgumentOutOfRangeException">value is outside the interval or NaN.</exception>
    public static void InRange(string owner, string option, double value, double min, double max,
        bool minInclusive = true, bool maxInclusive = true)
    {
        bool ok = (minInclusive ? value >= min : value > min) && (maxInclusive ? value <= max : value < max);
        if (!ok)
        {
            string interval = (minInclusive ? "[" : "(") + Format(min) + ", " + Format(max) + (maxInclusive ? "]" : ")");
            throw new ArgumentOutOfRangeException(option, value,
                $"The '{option}' option of {owner} must be a number in {interval}. Got {Format(value)}.");
        }
    }

    /// <exception cref="ArgumentException">The value is null or empty.</exception>
    public static void NotEmpty(string owner, string option, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"The '{option}' option of {owner} must be a non-empty string. Got {(value is null ? "null" : "\"\"")}.", option);
        }
    }

    private static string Format(double v) => double.IsPositiveInfinity(v) ? "∞" : double.IsNegativeInfinity(v) ? "-∞" : v.ToString("R", CultureInfo.InvariantCulture);
}
