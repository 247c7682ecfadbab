using System.Runtime.Intrinsics;

namespace MlNetDl.Trainers.Knn;

/// <summary>
/// Recognizes features that are 8-bit levels: every value is b / 255f (pixels scaled as torchvision's ToTensor and
/// our image loaders do) or b itself, with b an integer in [0, 255]. For such data squared distances are integers
/// (in units of the level step), so neighbours can be ranked exactly with 8-bit integer dot products.
/// </summary>
internal static class ByteLevels
{
    /// <summary>The divisor that maps the levels to the values (255 or 1), or 0 when <paramref name="x"/> holds
    /// any other value (including NaN and infinities).</summary>
    public static float DetectDivisor(ReadOnlySpan<float> x)
    {
        if (Matches(x, 255f)) return 255f;
        return Matches(x, 1f) ? 1f : 0f;
    }

    /// <summary>Whether every value equals round(v·divisor) / divisor with the level in [0, 255].</summary>
    public static bool Matches(ReadOnlySpan<float> x, float divisor)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var div = Vector512.Create(divisor);
            var max = Vector512.Create(255f);
            for (; i + 16 <= x.Length; i += 16)
            {
                var v = Vector512.Create(x.Slice(i, 16));
                var level = Vector512.Round(v * div);
                // NaN fails the equality; −0 passes as level 0, which has the same distances.
                var ok = Vector512.Equals(level / div, v)
                    & Vector512.GreaterThanOrEqual(level, Vector512<float>.Zero) & Vector512.LessThanOrEqual(level, max);
                if (!Vector512.EqualsAll(ok.AsUInt32(), Vector512<uint>.AllBitsSet)) return false;
            }
        }
        for (; i < x.Length; i++)
        {
            float level = MathF.Round(x[i] * divisor);
            if (!(level >= 0 && level <= 255) || level / divisor != x[i]) return false;
        }
        return true;
    }

    /// <summary>The level of each value (round(v·divisor)); the values must have passed <see cref="Matches"/>.</summary>
    public static byte Level(float v, float divisor) => (byte)MathF.Round(v * divisor);
}
