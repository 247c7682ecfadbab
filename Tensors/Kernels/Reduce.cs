using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels;

/// <summary>Reductions over one axis of a contiguous tensor viewed as [outer, n, inner]. Rows (inner == 1)
/// reduce with TensorPrimitives; strided axes accumulate whole inner rows at once so both stay vectorized.</summary>
internal static partial class Reduce
{
    public static (int Outer, int N, int Inner) Split(Shape s, int dim)
    {
        var d = s.Dims;
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++)
        {
            outer *= d[i];
        }

        for (int i = dim + 1; i < d.Length; i++)
        {
            inner *= d[i];
        }

        return (outer, d.Length == 0 ? 1 : d[dim], inner);
    }

    public static void Sum(ReadOnlySpan<float> src, Span<float> dst, int outer, int n, int inner)
    {
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                dst[o] = TensorPrimitives.Sum(src.Slice(o * n, n));
            }

            return;
        }

        for (int o = 0; o < outer; o++)
        {
            var acc = dst.Slice(o * inner, inner);
            var block = src.Slice(o * n * inner, n * inner);
            if (n == 0)
            {
                acc.Clear();
                continue;
            }

            block[..inner].CopyTo(acc);
            for (int r = 1; r < n; r++)
            {
                TensorPrimitives.Add(acc, block.Slice(r * inner, inner), acc);
            }
        }
    }

    /// <summary>Orders for <see cref="Extremum{TOrder}"/>: does <c>x</c> replace the current best <c>v</c>?</summary>
    internal interface IOrder
    {
        static abstract bool Better(float x, float v);
    }

    internal readonly struct Greater : IOrder
    {
        public static bool Better(float x, float v) => x > v || (float.IsNaN(x) && !float.IsNaN(v));
    }

    internal readonly struct Less : IOrder
    {
        public static bool Better(float x, float v) => x < v || (float.IsNaN(x) && !float.IsNaN(v));
    }

    /// <summary>Maximum (or minimum) and its first index along the axis; NaN wins, as torch.max/min(dim).</summary>
    public static void Extremum<TOrder>(ReadOnlySpan<float> src, Span<float> values, Span<long> indices, int outer, int n, int inner, string op)
        where TOrder : IOrder
    {
        if (n == 0)
        {
            throw new ArgumentException($"{op}: cannot reduce over a dimension of size 0.");
        }

        bool max = typeof(TOrder) == typeof(Greater);
        for (int o = 0; o < outer; o++)
        {
            var block = src.Slice(o * n * inner, n * inner);
            if (inner == 1)
            {
                int idx = max ? TensorPrimitives.IndexOfMax(block) : TensorPrimitives.IndexOfMin(block);
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
                    if (TOrder.Better(row[j], v[j]))
                    {
                        v[j] = row[j];
                        ix[j] = r;
                    }
                }
            }
        }
    }
}
