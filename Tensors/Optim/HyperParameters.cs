using System.Globalization;

namespace MlNetDl.Tensors.Optim;

/// <summary>Uniform validation messages for optimizer and scheduler options:
/// "Adam: 'beta1' must be in [0, 1); got 1.5".</summary>
internal static class HyperParameters
{
    /// <summary>Finite and ≥ 0: [0, ∞).</summary>
    public static void NonNegative(string owner, string option, double value)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw Bad(owner, option, "[0, ∞)", value);
        }
    }

    /// <summary>[0, 1).</summary>
    public static void UnitInterval(string owner, string option, double value)
    {
        if (!(value >= 0 && value < 1))
        {
            throw Bad(owner, option, "[0, 1)", value);
        }
    }

    /// <summary>Any finite value: (-∞, ∞).</summary>
    public static void Finite(string owner, string option, double value)
    {
        if (!double.IsFinite(value))
        {
            throw Bad(owner, option, "(-∞, ∞)", value);
        }
    }

    public static ArgumentOutOfRangeException Bad(string owner, string option, string range, double value) =>
        new(option, $"{owner}: '{option}' must be in {range}; got {value.ToString(CultureInfo.InvariantCulture)}");
}
