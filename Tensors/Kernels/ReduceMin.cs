using System.Numerics;
using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels;

internal static partial class Reduce
{
    /// <summary>Minimum and its first index along the axis; NaN wins (as torch.min(dim)).</summary>
    public static void Min(ReadOnlySpan<float> src, Span<float> values, Span<long> indices, int outer, int n, int inner)
    {
        if (n == 0)
        {
            throw new ArgumentException("min: cannot reduce over a dimension of size 0.");
        }

        for (int o = 0; o < outer; o++)
        {
            var block = src.Slice(o * n * inner, n * inner);
            if (inner == 1)
            {
                int idx = TensorPrimitives.IndexOfMin(block);
                values[o] = block[idx];
                indices[o] = idx;
                continue;
            }

            var v = values.Slice(o * inner, inner);
            var ix = indices.Slice(o * inner, inner);
            block[..inner].CopyTo(v);
            ix.Clear();
            for (int r = 1; r < n; r++)
            {
                var row = block.Slice(r * inner, inner);
                for (int j = 0; j < inner; j++)
                {
                    float x = row[j];
                    if (x < v[j] || (float.IsNaN(x) && !float.IsNaN(v[j])))
                    {
                        v[j] = x;
                        ix[j] = r;
                    }
                }
            }
        }
    }

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
