namespace MlNetDl.Tensors.Kernels;

/// <summary>Gradient routing for clamp and for element-wise maximum/minimum.</summary>
internal static class ExtremumGrad
{
    /// <summary>gx = g where lo &lt;= x &lt;= hi (inclusive, as PyTorch's clamp backward), else 0.</summary>
    public static void Clamp(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float lo, float hi, Span<float> gx)
    {
        for (int i = 0; i < gx.Length; i++)
        {
            float v = x[i];
            gx[i] = v >= lo && v <= hi ? g[i] : 0f;
        }
    }

    /// <summary>Splits g between a and b (same shape): the winner gets all of it, ties half each (PyTorch).</summary>
    public static void Split(ReadOnlySpan<float> g, ReadOnlySpan<float> a, ReadOnlySpan<float> b, bool max, Span<float> ga, Span<float> gb)
    {
        for (int i = 0; i < g.Length; i++)
        {
            float x = a[i], y = b[i], gi = g[i];
            float wa = x == y ? 0.5f : (x > y) == max ? 1f : 0f;
            ga[i] = gi * wa;
            gb[i] = gi - ga[i];
        }
    }
}
