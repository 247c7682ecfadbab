using System.Buffers;
using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Per-channel kernels of batch normalization on a contiguous tensor viewed as [N, C, S]: S = 1 for BatchNorm1d
/// on [N, C], S = L for [N, C, L], S = H·W for BatchNorm2d. Statistics are over N and S for each channel. With S = 1
/// each row of C channels is processed as one vector (channels across SIMD lanes); with S &gt; 1 each contiguous
/// (n, c) segment of S values is.
/// </summary>
internal static class BatchNormKernels
{
    /// <summary>mean[c] and the biased variance var[c] = Σ(x − mean)² / (N·S), two-pass for accuracy.</summary>
    public static void Statistics(ReadOnlySpan<float> x, int n, int c, int s, Span<float> mean, Span<float> var)
    {
        float inv = 1f / ((long)n * s);
        if (s == 1)
        {
            var tmp = ArrayPool<float>.Shared.Rent(c);
            var t = tmp.AsSpan(0, c);
            mean.Clear();
            for (int r = 0; r < n; r++)
            {
                TensorPrimitives.Add(mean, x.Slice(r * c, c), mean);
            }

            TensorPrimitives.Multiply(mean, inv, mean);
            var.Clear();
            for (int r = 0; r < n; r++)
            {
                TensorPrimitives.Subtract(x.Slice(r * c, c), mean, t);
                TensorPrimitives.FusedMultiplyAdd(t, t, var, var);
            }

            TensorPrimitives.Multiply(var, inv, var);
            ArrayPool<float>.Shared.Return(tmp);
            return;
        }

        var buffer = ArrayPool<float>.Shared.Rent(s);
        var seg = buffer.AsSpan(0, s);
        for (int ch = 0; ch < c; ch++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += TensorPrimitives.Sum(x.Slice((i * c + ch) * s, s));
            }

            float m = (float)(sum * inv);
            double sq = 0;
            for (int i = 0; i < n; i++)
            {
                TensorPrimitives.Subtract(x.Slice((i * c + ch) * s, s), m, seg);
                sq += TensorPrimitives.SumOfSquares(seg);
            }

            mean[ch] = m;
            var[ch] = (float)(sq * inv);
        }

        ArrayPool<float>.Shared.Return(buffer);
    }

    /// <summary>y = x·scale[c] + shift[c] (normalization folded into one affine map per channel).</summary>
    public static void Affine(ReadOnlySpan<float> x, int n, int c, int s, ReadOnlySpan<float> scale, ReadOnlySpan<float> shift, Span<float> y)
    {
        if (s == 1)
        {
            for (int r = 0; r < n; r++)
            {
                TensorPrimitives.FusedMultiplyAdd(x.Slice(r * c, c), scale, shift, y.Slice(r * c, c));
            }

            return;
        }

        for (int i = 0; i < n; i++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                int o = (i * c + ch) * s;
                TensorPrimitives.Multiply(x.Slice(o, s), scale[ch], y.Slice(o, s));
                TensorPrimitives.Add(y.Slice(o, s), shift[ch], y.Slice(o, s));
            }
        }
    }

    /// <summary>sumG[c] = Σ g and sumGxc[c] = Σ g·(x − mean[c]) over N and S: the two reductions of backward.</summary>
    public static void GradientSums(ReadOnlySpan<float> g, ReadOnlySpan<float> x, ReadOnlySpan<float> mean, int n, int c, int s,
        Span<float> sumG, Span<float> sumGxc)
    {
        if (s == 1)
        {
            var tmp = ArrayPool<float>.Shared.Rent(c);
            var t = tmp.AsSpan(0, c);
            sumG.Clear();
            sumGxc.Clear();
            for (int r = 0; r < n; r++)
            {
                var gr = g.Slice(r * c, c);
                TensorPrimitives.Add(sumG, gr, sumG);
                TensorPrimitives.Subtract(x.Slice(r * c, c), mean, t);
                TensorPrimitives.FusedMultiplyAdd(gr, t, sumGxc, sumGxc);
            }

            ArrayPool<float>.Shared.Return(tmp);
            return;
        }

        var buffer = ArrayPool<float>.Shared.Rent(s);
        var seg = buffer.AsSpan(0, s);
        for (int ch = 0; ch < c; ch++)
        {
            double sg = 0, sgx = 0;
            for (int i = 0; i < n; i++)
            {
                int o = (i * c + ch) * s;
                sg += TensorPrimitives.Sum(g.Slice(o, s));
                TensorPrimitives.Subtract(x.Slice(o, s), mean[ch], seg);
                sgx += TensorPrimitives.Dot(g.Slice(o, s), seg);
            }

            sumG[ch] = (float)sg;
            sumGxc[ch] = (float)sgx;
        }

        ArrayPool<float>.Shared.Return(buffer);
    }

    /// <summary>dx = a[c]·g + b[c]·x + k[c]: batch norm's input gradient, which is affine in g and x per channel.</summary>
    public static void Combine(ReadOnlySpan<float> g, ReadOnlySpan<float> x, int n, int c, int s,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> k, Span<float> dx)
    {
        if (s == 1)
        {
            for (int r = 0; r < n; r++)
            {
                var d = dx.Slice(r * c, c);
                TensorPrimitives.Multiply(g.Slice(r * c, c), a, d);
                TensorPrimitives.FusedMultiplyAdd(x.Slice(r * c, c), b, d, d);
                TensorPrimitives.Add(d, k, d);
            }

            return;
        }

        for (int i = 0; i < n; i++)
        {
            for (int ch = 0; ch < c; ch++)
            {
                int o = (i * c + ch) * s;
                var d = dx.Slice(o, s);
                TensorPrimitives.Multiply(g.Slice(o, s), a[ch], d);
                TensorPrimitives.FusedMultiplyAdd(x.Slice(o, s), b[ch], d, d);
                TensorPrimitives.Add(d, k[ch], d);
            }
        }
    }
}
