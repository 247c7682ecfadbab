using System.Buffers;
using System.Numerics.Tensors;
using MlNetDl.Tensors.Kernels.Pool;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Per-channel kernels of batch normalization on a contiguous tensor viewed as [N, C, S]: S = 1 for BatchNorm1d
/// on [N, C], S = L for [N, C, L], S = H·W for BatchNorm2d. Statistics are over N and S for each channel. With S = 1
/// each row of C channels is processed as one vector (channels across SIMD lanes); with S &gt; 1 each contiguous
/// (n, c) segment of S values is, with fused single-pass loops (<see cref="SegmentSimd"/>), split over the cores by
/// channel (reductions) or by segment (element-wise maps).
/// </summary>
internal static class BatchNormKernels
{
    /// <summary>mean[c] and the biased variance var[c] = Σ(x − mean)² / (N·S), two-pass for accuracy.</summary>
    public static void Statistics(ReadOnlyMemory<float> x, int n, int c, int s, float[] mean, float[] var)
    {
        float inv = 1f / ((long)n * s);
        if (s == 1)
        {
            var tmp = ArrayPool<float>.Shared.Rent(c);
            var t = tmp.AsSpan(0, c);
            mean.AsSpan().Clear();
            for (int r = 0; r < n; r++)
            {
                TensorPrimitives.Add(mean, x.Span.Slice(r * c, c), mean);
            }

            TensorPrimitives.Multiply(mean, inv, mean);
            var.AsSpan().Clear();
            for (int r = 0; r < n; r++)
            {
                TensorPrimitives.Subtract(x.Span.Slice(r * c, c), mean, t);
                TensorPrimitives.FusedMultiplyAdd(t, t, var, var);
            }

            TensorPrimitives.Multiply(var, inv, var);
            ArrayPool<float>.Shared.Return(tmp);
            return;
        }

        var xm = x;
        var meanA = mean;
        var varA = var;
        PlaneParallel.For(c, 2L * n * s, (c0, c1) =>
        {
            var xs = xm.Span;
            for (int ch = c0; ch < c1; ch++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += TensorPrimitives.Sum(xs.Slice((i * c + ch) * s, s));
                }

                float m = (float)(sum * inv);
                double sq = 0;
                for (int i = 0; i < n; i++)
                {
                    sq += SegmentSimd.SumSquaredDeviation(xs.Slice((i * c + ch) * s, s), m);
                }

                meanA[ch] = m;
                varA[ch] = (float)(sq * inv);
            }
        });
    }

    /// <summary>y = x·scale[c] + shift[c] (normalization folded into one affine map per channel).</summary>
    public static void Affine(ReadOnlyMemory<float> x, int n, int c, int s, float[] scale, float[] shift, Memory<float> y)
    {
        if (s == 1)
        {
            for (int r = 0; r < n; r++)
            {
                TensorPrimitives.FusedMultiplyAdd(x.Span.Slice(r * c, c), scale, shift, y.Span.Slice(r * c, c));
            }

            return;
        }

        PlaneParallel.For(n * c, s, (p0, p1) =>
        {
            var xs = x.Span;
            var ys = y.Span;
            for (int p = p0; p < p1; p++)
            {
                int ch = p % c;
                SegmentSimd.Affine(xs.Slice(p * s, s), scale[ch], shift[ch], ys.Slice(p * s, s));
            }
        });
    }

    /// <summary>sumG[c] = Σ g and sumGxc[c] = Σ g·(x − mean[c]) over N and S: the two reductions of backward.</summary>
    public static void GradientSums(ReadOnlyMemory<float> g, ReadOnlyMemory<float> x, float[] mean, int n, int c, int s,
        float[] sumG, float[] sumGxc)
    {
        if (s == 1)
        {
            var tmp = ArrayPool<float>.Shared.Rent(c);
            var t = tmp.AsSpan(0, c);
            sumG.AsSpan().Clear();
            sumGxc.AsSpan().Clear();
            for (int r = 0; r < n; r++)
            {
                var gr = g.Span.Slice(r * c, c);
                TensorPrimitives.Add(sumG, gr, sumG);
                TensorPrimitives.Subtract(x.Span.Slice(r * c, c), mean, t);
                TensorPrimitives.FusedMultiplyAdd(gr, t, sumGxc, sumGxc);
            }

            ArrayPool<float>.Shared.Return(tmp);
            return;
        }

        PlaneParallel.For(c, 2L * n * s, (c0, c1) =>
        {
            var gs = g.Span;
            var xs = x.Span;
            for (int ch = c0; ch < c1; ch++)
            {
                double sg = 0, sgx = 0;
                for (int i = 0; i < n; i++)
                {
                    int o = (i * c + ch) * s;
                    var (a, b) = SegmentSimd.SumAndCenteredDot(gs.Slice(o, s), xs.Slice(o, s), mean[ch]);
                    sg += a;
                    sgx += b;
                }

                sumG[ch] = (float)sg;
                sumGxc[ch] = (float)sgx;
            }
        });
    }

    /// <summary>dx = a[c]·g + b[c]·x + k[c]: batch norm's input gradient, which is affine in g and x per channel.</summary>
    public static void Combine(ReadOnlyMemory<float> g, ReadOnlyMemory<float> x, int n, int c, int s,
        float[] a, float[] b, float[] k, Memory<float> dx)
    {
        if (s == 1)
        {
            for (int r = 0; r < n; r++)
            {
                var d = dx.Span.Slice(r * c, c);
                TensorPrimitives.Multiply(g.Span.Slice(r * c, c), a, d);
                TensorPrimitives.FusedMultiplyAdd(x.Span.Slice(r * c, c), b, d, d);
                TensorPrimitives.Add(d, k, d);
            }

            return;
        }

        PlaneParallel.For(n * c, 2L * s, (p0, p1) =>
        {
            var gs = g.Span;
            var xs = x.Span;
            var ds = dx.Span;
            for (int p = p0; p < p1; p++)
            {
                int ch = p % c;
                SegmentSimd.Combine(gs.Slice(p * s, s), xs.Slice(p * s, s), a[ch], b[ch], k[ch], ds.Slice(p * s, s));
            }
        });
    }
}
