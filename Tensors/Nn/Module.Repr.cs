using System.Globalization;

namespace MlNetDl.Tensors.Nn;

public abstract partial class Module
{
    /// <summary>Python's <c>repr</c> of a float, for <see cref="ExtraRepr"/>: shortest round-trip digits, exponent
    /// form below 1e-4 or from 1e16 (<c>1e-05</c>, <c>0.1</c>, <c>1.0</c>).</summary>
    protected static string PyFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        // .NET's shortest round-trip form switches to an exponent below 1e-4 as Python does (and from 1e15, one
        // decade before Python); only the exponent's spelling differs: "1E-05" → "1e-05".
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        if (e >= 0)
        {
            int exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
            return $"{text[..e]}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }

        return text.Contains('.') ? text : text + ".0";
    }

    /// <summary>Python's <c>True</c>/<c>False</c>.</summary>
    protected static string PyBool(bool value) => value ? "True" : "False";

    /// <summary>Python's tuple repr of integers: <c>(2, 3)</c>, <c>(5,)</c>.</summary>
    protected static string PyTuple(IReadOnlyList<int> values) =>
        values.Count == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values) + ")";
}
