using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// Direct (no im2col) stride-1 convolution for few input channels, where im2col + SGEMM wastes its tiles on a
/// reduction of C·kH·kW ≤ ~100 and a handful of output channels. Each image is copied once into a zero-padded
/// buffer (rows Wp = ⌈OW/16⌉·16 + d(kW − 1) wide) so every tap is an unconditional 16-float load; one pass keeps 8
/// output channels in zmm accumulators and, per tap, does 1 load + 8 FMAs with broadcast weights. The weight
/// gradient runs the same loop per (image, tap, 8 output channels) over a zero-padded copy of gy while the image is
/// in cache, into a partial dW per core that is summed at the end. Work is split over images on the cores.
/// </summary>
internal sealed unsafe class DirectConv : PartsJob
{
    private const int Block = 8, Lanes = 16;

    /// <summary>Largest input-channel count the direct kernel takes (measured against im2col + SGEMM, see
    /// docs/BENCHMARKS.md); settable so benchmarks and tests can compare the two paths.</summary>
    internal static int MaxChannels { get; set; } = 4;

    [ThreadStatic] private static DirectConv? t_job;
    [ThreadStatic] private static float[]? t_xpad, t_gpad, t_w, t_partial;
    [ThreadStatic] private static int[]? t_taps;

    private enum Mode { Forward, WeightGrad }

    private ConvGeometry _g;
    private Mode _mode;
    private int _n, _parts, _o, _blocks, _hp, _wp, _owp, _taps;
    private float* _x, _xpad, _gy, _gpad, _w, _y, _bias, _dw;
    private int* _off;

    public static bool Applies(in ConvGeometry g, int groups) =>
        Vector512.IsHardwareAccelerated && groups == 1 && g.SH == 1 && g.SW == 1 && g.C <= MaxChannels && !g.IsPointwise;

    /// <summary>y = conv(x, w) + bias for x [n, C, H, W], w [O, C, KH, KW], y [n, O, OH, OW].</summary>
    public static void Forward(in ConvGeometry g, int n, int outC, float* x, float* w, float* bias, float* y)
    {
        var job = Prepare(g, n, outC, x, w);
        job._y = y; job._bias = bias; job._mode = Mode.Forward;
        job.Run(n, (long)n * outC * g.L * g.K >= 1 << 16);
    }

    /// <summary>dw (+)= Σ_images gy ⋆ x for a chunk of images (added when <paramref name="accumulate"/>). Each core
    /// takes a range of images, pads each image and its gradient into cache-sized buffers, and sums every tap into
    /// its own partial dW; the partials are added at the end.</summary>
    public static void WeightGrad(in ConvGeometry g, int n, int outC, float* x, float* gy, float* dw, bool accumulate)
    {
        var job = Prepare(g, n, outC, x, null);
        job._mode = Mode.WeightGrad;
        job._gy = gy;
        int opad = job._blocks * Block;
        job._gpad = Grow(ref t_gpad, (long)n * opad * g.OH * job._owp);
        int parts = Math.Max(1, Math.Min(Math.Min(Environment.ProcessorCount, 64), n));
        bool big = (long)n * outC * g.L * g.K >= 1 << 16;
        if (!big) parts = 1;
        int size = outC * g.K;
        job._parts = parts;
        job._dw = Grow(ref t_partial, (long)parts * size);
        new Span<float>(job._dw, parts * size).Clear();
        job.Run(parts, big);
        var sum = new Span<float>(dw, size);
        if (!accumulate) sum.Clear();
        for (int p = 0; p < parts; p++)
            System.Numerics.Tensors.TensorPrimitives.Add(sum, new ReadOnlySpan<float>(job._dw + (long)p * size, size), sum);
    }

    private static DirectConv Prepare(in ConvGeometry g, int n, int outC, float* x, float* w)
    {
        var job = t_job ??= new DirectConv();
        job._g = g; job._n = n; job._o = outC; job._x = x;
        job._blocks = (outC + Block - 1) / Block;
        job._owp = (g.OW + Lanes - 1) / Lanes * Lanes;
        job._wp = job._owp + (g.KW - 1) * g.DW;
        job._hp = g.OH + (g.KH - 1) * g.DH;
        job._taps = g.K;
        job._xpad = Grow(ref t_xpad, (long)n * g.C * job._hp * job._wp);
        var taps = t_taps is { Length: var len } && len >= g.K ? t_taps : t_taps = new int[Math.Max(g.K, 32)];
        for (int c = 0, t = 0; c < g.C; c++)
            for (int ki = 0; ki < g.KH; ki++)
                for (int kj = 0; kj < g.KW; kj++)
                    taps[t++] = (c * job._hp + ki * g.DH) * job._wp + kj * g.DW;
        job._off = (int*)Unsafe.AsPointer(ref taps[0]);
        if (w is not null)
        {
            // Weights regrouped [block][tap][8], zero for the missing channels of the last block.
            float* wp = job._w = Grow(ref t_w, (long)job._blocks * Block * g.K);
            for (int b = 0; b < job._blocks; b++)
                for (int t = 0; t < g.K; t++)
                    for (int j = 0; j < Block; j++)
                    {
                        int o = b * Block + j;
                        wp[(b * g.K + t) * Block + j] = o < outC ? w[o * g.K + t] : 0f;
                    }
        }

        return job;
    }

    private static float* Grow(ref float[]? buffer, long floats)
    {
        if (buffer is null || buffer.LongLength < floats)
            buffer = GC.AllocateUninitializedArray<float>((int)Math.Max(floats, (buffer?.LongLength ?? 0) * 3 / 2), pinned: true);
        return (float*)Unsafe.AsPointer(ref buffer[0]);
    }

    protected override void RunRange(int u0, int u1)
    {
        for (int u = u0; u < u1; u++)
        {
            if (_mode == Mode.Forward)
            {
                PadImage(u);
                ForwardImage(u);
                continue;
            }

            // Part u: images [u·n/parts, (u+1)·n/parts) into partial dW u.
            float* partial = _dw + (long)u * _o * _taps;
            for (int i = (int)((long)u * _n / _parts), end = (int)((long)(u + 1) * _n / _parts); i < end; i++)
            {
                PadImage(i);
                PadGradImage(i);
                for (int b = 0; b < _blocks; b++)
                {
                    int t = 0;
                    for (; t + 1 < _taps; t += 2) WeightGradTapPair(i, t, b, partial);
                    if (t < _taps) WeightGradTap(i, t, b, partial);
                }
            }
        }
    }

    /// <summary>xpad[i] = x[i] shifted by (PT, PL) inside zeros.</summary>
    private void PadImage(int i)
    {
        var g = _g;
        long plane = (long)_hp * _wp;
        float* dst = _xpad + i * g.C * plane;
        new Span<float>(dst, (int)(g.C * plane)).Clear();
        for (int c = 0; c < g.C; c++)
        {
            float* src = _x + ((long)i * g.C + c) * g.Plane;
            float* d = dst + c * plane + (long)g.PT * _wp + g.PL;
            for (int r = 0; r < g.H; r++)
                Buffer.MemoryCopy(src + r * g.W, d + r * _wp, g.W * sizeof(float), g.W * sizeof(float));
        }
    }

    /// <summary>gpad[i] = gy[i] with rows OWp wide and channels up to a multiple of 8, zeros elsewhere.</summary>
    private void PadGradImage(int i)
    {
        var g = _g;
        long plane = (long)g.OH * _owp;
        float* dst = _gpad + i * _blocks * Block * plane;
        new Span<float>(dst, (int)(_blocks * Block * plane)).Clear();
        for (int o = 0; o < _o; o++)
        {
            float* src = _gy + ((long)i * _o + o) * g.L;
            for (int r = 0; r < g.OH; r++)
                Buffer.MemoryCopy(src + r * g.OW, dst + o * plane + r * _owp, g.OW * sizeof(float), g.OW * sizeof(float));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardImage(int i)
    {
        var g = _g;
        float* xi = _xpad + (long)i * g.C * _hp * _wp;
        int* off = _off;
        var acc = stackalloc Vector512<float>[Block];
        for (int b = 0; b < _blocks; b++)
        {
            float* wb = _w + (long)b * _taps * Block;
            int jn = Math.Min(Block, _o - b * Block);
            for (int oh = 0; oh < g.OH; oh++)
            {
                for (int ow0 = 0; ow0 < g.OW; ow0 += Lanes)
                {
                    float* xr = xi + (long)oh * _wp + ow0;
                    Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                    float* wt = wb;
                    for (int t = 0; t < _taps; t++, wt += Block)
                    {
                        var v = Vector512.Load(xr + off[t]);
                        a0 = Vector512.FusedMultiplyAdd(v, Vector512.Create(wt[0]), a0);
                        a1 = Vector512.FusedMultiplyAdd(v, Vector512.Create(wt[1]), a1);
                        a2 = Vector512.FusedMultiplyAdd(v, Vector512.Create(wt[2]), a2);
                        a3 = Vector512.FusedMultiplyAdd(v, Vector512.Create(wt[3]), a3);
                        a4 = Vector512.FusedMultiplyAdd(v, Vector512.Create(wt[4]), a4);
                        a5 = Vector512.FusedMultiplyAdd(v, Vector512.Create(wt[5]), a5);
                        a6 = Vector512.FusedMultiplyAdd(v, Vector512.Create(wt[6]), a6);
                        a7 = Vector512.FusedMultiplyAdd(v, Vector512.Create(wt[7]), a7);
                    }

                    acc[0] = a0; acc[1] = a1; acc[2] = a2; acc[3] = a3; acc[4] = a4; acc[5] = a5; acc[6] = a6; acc[7] = a7;
                    int rem = Math.Min(Lanes, g.OW - ow0);
                    for (int j = 0; j < jn; j++)
                    {
                        int o = b * Block + j;
                        var r = _bias is null ? acc[j] : acc[j] + Vector512.Create(_bias[o]);
                        float* dst = _y + (((long)i * _o + o) * g.OH + oh) * g.OW + ow0;
                        if (rem == Lanes) r.Store(dst);
                        else
                        {
                            float* tmp = (float*)(acc + j);
                            r.Store(tmp);
                            for (int e = 0; e < rem; e++) dst[e] = tmp[e];
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WeightGradTap(int i, int t, int b, float* partial)
    {
        var g = _g;
        long gPlane = (long)g.OH * _owp;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        float* xi = _xpad + i * (long)g.C * _hp * _wp + _off[t];
        float* gi = _gpad + ((long)i * _blocks + b) * Block * gPlane;
        int wp = _wp, owp = _owp;
        for (int oh = 0; oh < g.OH; oh++)
        {
            float* xr = xi + (long)oh * wp;
            float* gr = gi + (long)oh * owp;
            for (int ow0 = 0; ow0 < owp; ow0 += Lanes)
            {
                var v = Vector512.Load(xr + ow0);
                float* gp = gr + ow0;
                a0 = Vector512.FusedMultiplyAdd(v, Vector512.Load(gp), a0);
                a1 = Vector512.FusedMultiplyAdd(v, Vector512.Load(gp + gPlane), a1);
                a2 = Vector512.FusedMultiplyAdd(v, Vector512.Load(gp + 2 * gPlane), a2);
                a3 = Vector512.FusedMultiplyAdd(v, Vector512.Load(gp + 3 * gPlane), a3);
                a4 = Vector512.FusedMultiplyAdd(v, Vector512.Load(gp + 4 * gPlane), a4);
                a5 = Vector512.FusedMultiplyAdd(v, Vector512.Load(gp + 5 * gPlane), a5);
                a6 = Vector512.FusedMultiplyAdd(v, Vector512.Load(gp + 6 * gPlane), a6);
                a7 = Vector512.FusedMultiplyAdd(v, Vector512.Load(gp + 7 * gPlane), a7);
            }
        }

        var acc = stackalloc float[Block];
        acc[0] = Vector512.Sum(a0); acc[1] = Vector512.Sum(a1); acc[2] = Vector512.Sum(a2); acc[3] = Vector512.Sum(a3);
        acc[4] = Vector512.Sum(a4); acc[5] = Vector512.Sum(a5); acc[6] = Vector512.Sum(a6); acc[7] = Vector512.Sum(a7);
        for (int j = 0, o = b * Block; j < Block && o < _o; j++, o++)
            partial[(long)o * _taps + t] += acc[j];
    }

    /// <summary>Two taps per pass: the 8 gradient loads are shared by 16 FMAs (10 loads per 16 FMAs instead of 9 per 8;
    /// a zmm load takes both load ports on Zen 4, so loads bound this loop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WeightGradTapPair(int i, int t, int b, float* partial)
    {
        var g = _g;
        long gPlane = (long)g.OH * _owp;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
        float* xi = _xpad + i * (long)g.C * _hp * _wp;
        float* xa = xi + _off[t], xb = xi + _off[t + 1];
        float* gi = _gpad + ((long)i * _blocks + b) * Block * gPlane;
        int wp = _wp, owp = _owp;
        for (int oh = 0; oh < g.OH; oh++)
        {
            long xo = (long)oh * wp;
            float* gr = gi + (long)oh * owp;
            for (int ow0 = 0; ow0 < owp; ow0 += Lanes)
            {
                var u = Vector512.Load(xa + xo + ow0);
                var v = Vector512.Load(xb + xo + ow0);
                float* gp = gr + ow0;
                var g0 = Vector512.Load(gp); a0 = Vector512.FusedMultiplyAdd(u, g0, a0); c0 = Vector512.FusedMultiplyAdd(v, g0, c0);
                var g1 = Vector512.Load(gp + gPlane); a1 = Vector512.FusedMultiplyAdd(u, g1, a1); c1 = Vector512.FusedMultiplyAdd(v, g1, c1);
                var g2 = Vector512.Load(gp + 2 * gPlane); a2 = Vector512.FusedMultiplyAdd(u, g2, a2); c2 = Vector512.FusedMultiplyAdd(v, g2, c2);
                var g3 = Vector512.Load(gp + 3 * gPlane); a3 = Vector512.FusedMultiplyAdd(u, g3, a3); c3 = Vector512.FusedMultiplyAdd(v, g3, c3);
                var g4 = Vector512.Load(gp + 4 * gPlane); a4 = Vector512.FusedMultiplyAdd(u, g4, a4); c4 = Vector512.FusedMultiplyAdd(v, g4, c4);
                var g5 = Vector512.Load(gp + 5 * gPlane); a5 = Vector512.FusedMultiplyAdd(u, g5, a5); c5 = Vector512.FusedMultiplyAdd(v, g5, c5);
                var g6 = Vector512.Load(gp + 6 * gPlane); a6 = Vector512.FusedMultiplyAdd(u, g6, a6); c6 = Vector512.FusedMultiplyAdd(v, g6, c6);
                var g7 = Vector512.Load(gp + 7 * gPlane); a7 = Vector512.FusedMultiplyAdd(u, g7, a7); c7 = Vector512.FusedMultiplyAdd(v, g7, c7);
            }
        }

        var acc = stackalloc float[2 * Block];
        acc[0] = Vector512.Sum(a0); acc[1] = Vector512.Sum(a1); acc[2] = Vector512.Sum(a2); acc[3] = Vector512.Sum(a3);
        acc[4] = Vector512.Sum(a4); acc[5] = Vector512.Sum(a5); acc[6] = Vector512.Sum(a6); acc[7] = Vector512.Sum(a7);
        acc[8] = Vector512.Sum(c0); acc[9] = Vector512.Sum(c1); acc[10] = Vector512.Sum(c2); acc[11] = Vector512.Sum(c3);
        acc[12] = Vector512.Sum(c4); acc[13] = Vector512.Sum(c5); acc[14] = Vector512.Sum(c6); acc[15] = Vector512.Sum(c7);
        for (int j = 0, o = b * Block; j < Block && o < _o; j++, o++)
        {
            partial[(long)o * _taps + t] += acc[j];
            partial[(long)o * _taps + t + 1] += acc[Block + j];
        }
    }
}
