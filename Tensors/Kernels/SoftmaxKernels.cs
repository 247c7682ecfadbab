using System.Buffers;
using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels;

/// <summary>Softmax and log-softmax over one axis of a tensor viewed as [outer, n, inner], numerically stable
/// (the maximum is subtracted first). The last axis (inner == 1) works row by row; other axes work on whole
/// inner rows at once so every pass stays a vectorized TensorPrimitives call.</summary>
internal static class SoftmaxKernels
{
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, int outer, int n, int inner, bool log)
    {
        if (n == 0)
        {
            return;
        }

        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                Row(x.Slice(o * n, n), y.Slice(o * n, n), log);
            }

            return;
        }

        var buf = ArrayPool<float>.Shared.Rent(2 * inner);
        var max = buf.AsSpan(0, inner);
        var sum = buf.AsSpan(inner, inner);
        for (int o = 0; o < outer; o++)
        {
            var xb = x.Slice(o * n * inner, n * inner);
            var yb = y.Slice(o * n * inner, n * inner);
            xb[..inner].CopyTo(max);
            for (int r = 1; r < n; r++)
            {
                TensorPrimitives.Max(max, xb.Slice(r * inner, inner), max);
            }

            sum.Clear();
            for (int r = 0; r < n; r++)
            {
                var yr = yb.Slice(r * inner, inner);
                TensorPrimitives.Subtract(xb.Slice(r * inner, inner), max, yr);
                TensorPrimitives.Exp(yr, yr);
                TensorPrimitives.Add(sum, yr, sum);
            }

            if (log)
            {
                // log-softmax = x − max − log Σ exp(x − max)
                TensorPrimitives.Log(sum, sum);
                TensorPrimitives.Add(sum, max, sum);
                for (int r = 0; r < n; r++)
                {
                    TensorPrimitives.Subtract(xb.Slice(r * inner, inner), sum, yb.Slice(r * inner, inner));
                }
            }
            else
            {
                TensorPrimitives.Reciprocal(sum, sum);
                for (int r = 0; r < n; r++)
                {
                    var yr = yb.Slice(r * inner, inner);
                    TensorPrimitives.Multiply(yr, sum, yr);
                }
            }
        }

        ArrayPool<float>.Shared.Return(buf);
    }

    private static void Row(ReadOnlySpan<float> x, Span<float> y, bool log)
    {
        float max = TensorPrimitives.Max(x);
        if (float.IsNegativeInfinity(max))
        {
            max = 0; // all −∞: keep exp(x − max) = 0 rather than NaN from −∞ − (−∞)
        }

        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        float sum = TensorPrimitives.Sum(y);
        if (log)
        {
            TensorPrimitives.Subtract(x, max + MathF.Log(sum), y);
        }
        else
        {
            TensorPrimitives.Multiply(y, 1f / sum, y);
        }
    }

    /// <summary>Softmax: gx = y·(g − Σ g·y); log-softmax: gx = g − exp(y)·Σ g (sums along the axis).</summary>
    public static void Backward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> gx, int outer, int n, int inner, bool log)
    {
        if (n == 0)
        {
            return;
        }

        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                var gr = g.Slice(o * n, n);
                var yr = y.Slice(o * n, n);
                var dr = gx.Slice(o * n, n);
                if (log)
                {
                    float s = TensorPrimitives.Sum(gr);
                    TensorPrimitives.Exp(yr, dr);
                    TensorPrimitives.MultiplyAdd(dr, -s, gr, dr);
                }
                else
                {
                    float dot = TensorPrimitives.Dot(gr, yr);
                    TensorPrimitives.Subtract(gr, dot, dr);
                    TensorPrimitives.Multiply(dr, yr, dr);
                }
            }

            return;
        }

        var buf = ArrayPool<float>.Shared.Rent(inner);
        var acc = buf.AsSpan(0, inner);
        for (int o = 0; o < outer; o++)
        {
            int b = o * n * inner;
            acc.Clear();
            for (int r = 0; r < n; r++)
            {
                var gr = g.Slice(b + r * inner, inner);
                if (log)
                {
                    TensorPrimitives.Add(acc, gr, acc);
                }
                else
                {
                    TensorPrimitives.MultiplyAdd(gr, y.Slice(b + r * inner, inner), acc, acc);
                }
            }

            for (int r = 0; r < n; r++)
            {
                var gr = g.Slice(b + r * inner, inner);
                var yr = y.Slice(b + r * inner, inner);
                var dr = gx.Slice(b + r * inner, inner);
                if (log)
                {
                    TensorPrimitives.Exp(yr, dr);
                    TensorPrimitives.Multiply(dr, acc, dr);
                    TensorPrimitives.Subtract(gr, dr, dr);
                }
                else
                {
                    TensorPrimitives.Subtract(gr, acc, dr);
                    TensorPrimitives.Multiply(dr, yr, dr);
                }
            }
        }

        ArrayPool<float>.Shared.Return(buf);
    }
}
