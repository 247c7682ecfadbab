using System.Numerics;
using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels;

internal static partial class Reduce
{
    /// <summary>Integer sum along the axis (int64 accumulation, as torch.sum of integer and bool tensors).</summary>
    public static void Sum<T>(ReadOnlySpan<T> src, Span<T> dst, int outer, int n, int inner)
        where T : INumber<T>
    {
        for (int o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                dst[o] = TensorPrimitives.Sum(src.Slice(o * n, n));
                continue;
            }

            var acc = dst.Slice(o * inner, inner);
            acc.Clear();
            for (int r = 0; r < n; r++)
            {
                TensorPrimitives.Add(acc, src.Slice((o * n + r) * inner, inner), acc);
            }
        }
    }
}
