using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace MlNetDl.Transforms;

/// <summary>The function a normalizer applies to each row, slot by slot. Immutable.</summary>
public abstract record NormalizerModel
{
    private protected NormalizerModel() { }

    /// <summary>Normalizes one row in place; <paramref name="slots"/> holds per-slot constants for the row's size.</summary>
    internal abstract void Apply(Span<float> row, SlotConstants slots);

    /// <summary>Per-slot constants for an input of <paramref name="size"/> slots and first dimension <paramref name="channels"/>.</summary>
    internal abstract SlotConstants Expand(int size, int channels);
}

/// <summary>Two per-slot float arrays the row function reads.</summary>
internal sealed record SlotConstants(float[] A, float[] B);

/// <summary>y = (x − Offset[j]) · Scale[j] (ML.NET's affine normalizer; NaN stays NaN, ±∞ times 0 gives NaN).</summary>
public sealed record AffineNormalizerModel(ImmutableArray<float> Scale, ImmutableArray<float> Offset) : NormalizerModel
{
    internal override void Apply(Span<float> row, SlotConstants slots)
    {
        TensorPrimitives.Subtract(row, slots.B, row);
        TensorPrimitives.Multiply(row, slots.A, row);
    }

    internal override SlotConstants Expand(int size, int channels) => new([.. Scale], [.. Offset]);
}

/// <summary>y = Φ((x − Mean[j]) / StandardDeviation[j]), the standard normal CDF; 0 where the deviation is 0.
/// Φ is computed from erfc with relative error below 1.2e-7 (ML.NET uses a coarser approximation, |error| ≈ 1e-4).</summary>
public sealed record CdfNormalizerModel(ImmutableArray<float> Mean, ImmutableArray<float> StandardDeviation) : NormalizerModel
{
    internal override void Apply(Span<float> row, SlotConstants slots)
    {
        for (int j = 0; j < row.Length; j++)
        {
            float s = slots.B[j];
            float x = row[j];
            row[j] = float.IsNaN(x) ? float.NaN : s > 0 ? (float)NormalCdf((x - slots.A[j]) / (double)s) : 0f;
        }
    }

    internal override SlotConstants Expand(int size, int channels) => new([.. Mean], [.. StandardDeviation]);

    /// <summary>Φ(z) = erfc(−z/√2)/2.</summary>
    internal static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>Complementary error function (Chebyshev fit, Numerical Recipes §6.2; fractional error &lt; 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }
}

/// <summary>y = (x − Mean[c]) / StandardDeviation[c] (torchvision's Normalize): c is the slot's channel (first
/// dimension) when the arrays have one value per channel, the slot itself when one per slot, or 0 when one value.</summary>
public sealed record MeanStdNormalizerModel(ImmutableArray<float> Mean, ImmutableArray<float> StandardDeviation) : NormalizerModel
{
    internal override void Apply(Span<float> row, SlotConstants slots)
    {
        TensorPrimitives.Subtract(row, slots.A, row);
        TensorPrimitives.Divide(row, slots.B, row);
    }

    internal override SlotConstants Expand(int size, int channels)
    {
        int n = Mean.Length;
        var mean = new float[size];
        var std = new float[size];
        for (int j = 0; j < size; j++)
        {
            // One value: all slots; one per slot; otherwise one per channel of size/channels slots each.
            int c = n == 1 ? 0 : n == size ? j : j / (size / channels);
            mean[j] = Mean[c];
            std[j] = StandardDeviation[c];
        }
        return new(mean, std);
    }

    /// <summary>Whether the arrays fit an input of this size and first dimension.</summary>
    internal bool Fits(int size, int channels) => Mean.Length == 1 || Mean.Length == size || Mean.Length == channels;
}
