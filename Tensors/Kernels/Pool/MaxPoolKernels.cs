using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>
/// Max pooling over planes [P, InH, InW] → [P, OutH, OutW], with the argmax of each window as a flat index
/// ih·InW + iw inside its plane (PyTorch's indices). As PyTorch's CPU kernel, the first maximum in row-major scan
/// order wins, and a NaN wins over any number (the last NaN in scan order). Indices are int32 stored in the bits of
/// a float buffer, so they come from the pooled float storage like every other temporary.
/// </summary>
internal static class MaxPoolKernels
{
    /// <summary>y = max over each window of x; idx = its position (int32 bits).</summary>
    public static void Forward(ReadOnlyMemory<float> x, Memory<float> y, Memory<float> idx, int planes, Window2d w)
    {
        long work = (long)w.OutPlane * w.KH * w.KW;
        PlaneParallel.For(planes, work, (start, end) =>
        {
            var xs = x.Span;
            var ys = y.Span;
            var ids = MemoryMarshal.Cast<float, int>(idx.Span);
            bool simd = MaxPoolSimd.Supports(w);
            bool twoByTwo = w is { KH: 2, KW: 2, SH: 2, SW: 2, PH: 0, PW: 0, DH: 1, DW: 1 } && 2 * w.OutH <= w.InH && 2 * w.OutW <= w.InW;
            for (int p = start; p < end; p++)
            {
                var yp = ys.Slice(p * w.OutPlane, w.OutPlane);
                var ip = ids.Slice(p * w.OutPlane, w.OutPlane);
                if (simd)
                {
                    MaxPoolSimd.Plane(xs, p * w.InPlane, yp, ip, w);
                    continue;
                }

                var xp = xs.Slice(p * w.InPlane, w.InPlane);
                if (twoByTwo)
                {
                    Plane2x2(xp, yp, ip, w);
                }
                else
                {
                    Plane(xp, yp, ip, w);
                }
            }
        });
    }

    /// <summary>The general scalar path (any geometry); the reference the vector path is tested against.</summary>
    internal static void Plane(ReadOnlySpan<float> x, Span<float> y, Span<int> idx, in Window2d w)
    {
        for (int oh = 0; oh < w.OutH; oh++)
        {
            var (hs, he) = w.Rows(oh);

            RowRange(x, y, idx, w, hs, he, oh * w.OutW, 0, w.OutW);
        }
    }

    /// <summary>Outputs [ow0, ow1) of the output row at <paramref name="o"/> whose window rows are hs, hs + DH, … &lt; he
    /// (already clipped to the input), each through <see cref="WindowMax"/> with its columns clipped.</summary>
    internal static void RowRange(ReadOnlySpan<float> x, Span<float> y, Span<int> idx, in Window2d w, int hs, int he, int o, int ow0, int ow1)
    {
        for (int ow = ow0; ow < ow1; ow++)
        {
            int ws = ow * w.SW - w.PW;
            int we = Math.Min(ws + (w.KW - 1) * w.DW + 1, w.InW);
            while (ws < 0)
            {
                ws += w.DW;
            }

            (y[o + ow], idx[o + ow]) = WindowMax(x, w.InW, hs, he, w.DH, ws, we, w.DW);
        }
    }

    /// <summary>The common MaxPool2d(2) case without AVX-512: no bounds checks, dilation or padding, four loads per output.</summary>
    private static void Plane2x2(ReadOnlySpan<float> x, Span<float> y, Span<int> idx, in Window2d w)
    {
        int inW = w.InW;
        for (int oh = 0; oh < w.OutH; oh++)
        {
            int r0 = 2 * oh * inW, r1 = r0 + inW;
            var row0 = x.Slice(r0, 2 * w.OutW);
            var row1 = x.Slice(r1, 2 * w.OutW);
            var yr = y.Slice(oh * w.OutW, w.OutW);
            var ir = idx.Slice(oh * w.OutW, w.OutW);
            for (int ow = 0; ow < yr.Length; ow++)
            {
                int c = 2 * ow;
                int mb = BitConverter.SingleToInt32Bits(row0[c]);
                int best = r0 + c;
                Take(ref mb, ref best, row0[c + 1], r0 + c + 1);
                Take(ref mb, ref best, row1[c], r1 + c);
                Take(ref mb, ref best, row1[c + 1], r1 + c + 1);
                yr[ow] = BitConverter.Int32BitsToSingle(mb);
                ir[ow] = best;
            }
        }
    }

    /// <summary>Scan-order step "if (v &gt; m || isnan(v)) take v" as bit masks: with real data the comparison is a
    /// coin flip, and the JIT emits branches for float selects, which mispredicted half the time (2.1× slower).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Take(ref int maxBits, ref int best, float v, int candidate)
    {
        float m = BitConverter.Int32BitsToSingle(maxBits);
        bool take = v > m || float.IsNaN(v);
        int mask = -Unsafe.As<bool, byte>(ref take);
        maxBits = (maxBits & ~mask) | (BitConverter.SingleToInt32Bits(v) & mask);
        best = (best & ~mask) | (candidate & mask);
    }

    /// <summary>Max of rows hs, hs + dh, … &lt; he and columns ws, ws + dw, … &lt; we; starts from −∞ at (hs, ws) as
    /// PyTorch, so an all −∞ window reports its first position.</summary>
    public static (float Max, int Index) WindowMax(ReadOnlySpan<float> x, int inW, int hs, int he, int dh, int ws, int we, int dw)
    {
        float m = float.NegativeInfinity;
        int best = hs * inW + ws;
        for (int ih = hs; ih < he; ih += dh)
        {
            int row = ih * inW;
            for (int iw = ws; iw < we; iw += dw)
            {
                float v = x[row + iw];
                if (v > m || float.IsNaN(v))
                {
                    m = v;
                    best = row + iw;
                }
            }
        }

        return (m, best);
    }

    /// <summary>Adaptive max pooling: window i of an axis spans [floor(i·in/out), ceil((i+1)·in/out)).</summary>
    public static void AdaptiveForward(ReadOnlyMemory<float> x, Memory<float> y, Memory<float> idx, int planes, int inH, int inW, int outH, int outW)
    {
        long work = (long)inH * inW + outH * outW;
        PlaneParallel.For(planes, work, (start, end) =>
        {
            var xs = x.Span;
            var ys = y.Span;
            var ids = MemoryMarshal.Cast<float, int>(idx.Span);
            for (int p = start; p < end; p++)
            {
                var xp = xs.Slice(p * inH * inW, inH * inW);
                int o = p * outH * outW;
                for (int oh = 0; oh < outH; oh++)
                {
                    int hs = Window2d.AdaptiveStart(oh, inH, outH), he = Window2d.AdaptiveEnd(oh, inH, outH);
                    for (int ow = 0; ow < outW; ow++, o++)
                    {
                        int ws = Window2d.AdaptiveStart(ow, inW, outW), we = Window2d.AdaptiveEnd(ow, inW, outW);
                        (ys[o], ids[o]) = WindowMax(xp, inW, hs, he, 1, ws, we, 1);
                    }
                }
            }
        });
    }

    /// <summary>gx = 0, then gx[plane, idx] += g for every output: the gradient goes to each window's argmax.</summary>
    public static void Backward(ReadOnlyMemory<float> g, ReadOnlyMemory<float> idx, Memory<float> gx, int planes, int inPlane, int outPlane)
    {
        PlaneParallel.For(planes, inPlane + outPlane, (start, end) =>
        {
            var gs = g.Span;
            var ids = MemoryMarshal.Cast<float, int>(idx.Span);
            var dx = gx.Span;
            for (int p = start; p < end; p++)
            {
                var dp = dx.Slice(p * inPlane, inPlane);
                dp.Clear();
                var gp = gs.Slice(p * outPlane, outPlane);
                var ip = ids.Slice(p * outPlane, outPlane);
                for (int o = 0; o < gp.Length; o++)
                {
                    dp[ip[o]] += gp[o];
                }
            }
        });
    }
}
