using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>
/// AVX-512 max pooling of one plane for column strides 1 and 2 (every kernel, row stride, padding, dilation and
/// ceil mode): 16 adjacent outputs of a row at once (of several rows for narrow planes, see PackedPlane), one vector per window tap. With stride 1 a tap is one
/// contiguous load; with stride 2 it is two loads and an even-lane permute (vpermt2ps). Each lane runs the scalar
/// kernel's scan-order rule "take v if v &gt; m or v is NaN" as a mask, so values, tie-breaking (first maximum) and
/// NaN handling (last NaN) are bit-identical to <see cref="MaxPoolKernels.WindowMax"/>. Columns whose window is
/// clipped by padding or ceil mode, and a row end that would read past the input, go to that scalar code.
/// </summary>
/// <remarks>The scalar loop spent its time on a data-dependent branch per tap (mispredicted about once per window),
/// span bounds checks and a tuple return per output: 21 ns per output for the 3×3 ResNet stem pool.</remarks>
internal static class MaxPoolSimd
{
    private const int Lanes = 16;

    public static bool Supports(in Window2d w) => Avx512F.IsSupported && w.SW is 1 or 2;

    /// <summary>Pools plane [<paramref name="xOff"/>, + InH·InW) of <paramref name="x"/> (the whole input, so loads may
    /// run into the next plane; those lanes are discarded) into <paramref name="y"/> and <paramref name="idx"/>.</summary>
    public static void Plane(ReadOnlySpan<float> x, int xOff, Span<float> y, Span<int> idx, in Window2d w)
    {
        var xp = x.Slice(xOff, w.InPlane);
        if (Packable(w))
        {
            PackedPlane(xp, y, idx, w);
            return;
        }

        int s = w.SW, span = (w.KW - 1) * w.DW;
        // [owLo, owHi): outputs whose window lies inside the row, so no column is padding.
        int owLo = Math.Min(w.OutW, (w.PW + s - 1) / s);
        int lastStart = w.InW - 1 + w.PW - span;
        int owHi = Math.Max(owLo, lastStart < 0 ? 0 : Math.Min(w.OutW, lastStart / s + 1));
        ref float rx = ref MemoryMarshal.GetReference(x);
        var laneCols = Vector512<int>.Indices * s;
        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        Span<float> tmpY = stackalloc float[Lanes];
        Span<int> tmpI = stackalloc int[Lanes];
        for (int oh = 0; oh < w.OutH; oh++)
        {
            var (hs, he) = w.Rows(oh);

            int o = oh * w.OutW;
            MaxPoolKernels.RowRange(xp, y, idx, w, hs, he, o, 0, owLo);
            int ow = owLo;
            for (; ow < owHi; ow += Lanes)
            {
                int n = Math.Min(Lanes, owHi - ow);
                int col = ow * s - w.PW;
                // The last load ends at column col + span + 16·s − 1 of the last row read.
                long end = (long)xOff + (long)Math.Max(hs, he - 1) * w.InW + col + span + Lanes * s;
                if (end > x.Length)
                {
                    break;
                }

                var m = Vector512.Create(float.NegativeInfinity);
                var best = Vector512.Create(hs * w.InW + col) + laneCols;
                for (int ih = hs; ih < he; ih += w.DH)
                {
                    for (int kw = 0; kw < w.KW; kw++)
                    {
                        int c = ih * w.InW + col + kw * w.DW;
                        ref float at = ref Unsafe.Add(ref rx, xOff + c);
                        var v = s == 1
                            ? Vector512.LoadUnsafe(ref at)
                            : Avx512F.PermuteVar16x32x2(Vector512.LoadUnsafe(ref at), even, Vector512.LoadUnsafe(ref at, Lanes));
                        var take = Vector512.GreaterThan(v, m) | Vector512.IsNaN(v);
                        m = Vector512.ConditionalSelect(take, v, m);
                        best = Vector512.ConditionalSelect(take.AsInt32(), Vector512.Create(c) + laneCols, best);
                    }
                }

                if (n == Lanes)
                {
                    m.StoreUnsafe(ref y[o + ow]);
                    best.StoreUnsafe(ref idx[o + ow]);
                }
                else
                {
                    m.StoreUnsafe(ref tmpY[0]);
                    best.StoreUnsafe(ref tmpI[0]);
                    tmpY[..n].CopyTo(y.Slice(o + ow, n));
                    tmpI[..n].CopyTo(idx.Slice(o + ow, n));
                }
            }

            MaxPoolKernels.RowRange(xp, y, idx, w, hs, he, o, Math.Min(ow, owHi), w.OutW);
        }
    }

    /// <summary>Whether a plane goes to <see cref="PackedPlane"/>: rows of at most half a vector, no padding, and
    /// every window inside the plane (so no lane needs clipping).</summary>
    internal static bool Packable(in Window2d w) =>
        w.OutW <= Lanes / 2 && w.PH == 0 && w.PW == 0
        && (w.OutW - 1) * w.SW + (w.KW - 1) * w.DW < w.InW
        && (w.OutH - 1) * w.SH + (w.KH - 1) * w.DH < w.InH;

    /// <summary>Narrow planes (the MNIST CNN's 8×8 → 4×4): 16 consecutive outputs of the flat plane, spanning several
    /// rows, per vector, each tap two 8-lane gathers; a row-wise vector would carry only OutW live lanes.</summary>
    private static unsafe void PackedPlane(ReadOnlySpan<float> xp, Span<float> y, Span<int> idx, in Window2d w)
    {
        Span<int> starts = stackalloc int[Lanes];
        Span<float> tmpY = stackalloc float[Lanes];
        Span<int> tmpI = stackalloc int[Lanes];
        fixed (float* px = xp)
        {
            for (int o0 = 0; o0 < w.OutPlane; o0 += Lanes)
            {
                int n = Math.Min(Lanes, w.OutPlane - o0);
                int oh = o0 / w.OutW, ow = o0 - oh * w.OutW;
                for (int l = 0; l < Lanes; l++)
                {
                    // Lanes past the plane's end repeat its last window, so every gather stays inside the plane.
                    starts[l] = l < n ? oh * w.SH * w.InW + ow * w.SW : starts[n - 1];
                    if (++ow == w.OutW)
                    {
                        (ow, oh) = (0, oh + 1);
                    }
                }

                var start = Vector512.LoadUnsafe(ref starts[0]);
                var m = Vector512.Create(float.NegativeInfinity);
                var best = start;
                for (int kh = 0; kh < w.KH; kh++)
                {
                    for (int kw = 0; kw < w.KW; kw++)
                    {
                        var at = start + Vector512.Create(kh * w.DH * w.InW + kw * w.DW);
                        // .NET has no 512-bit gather intrinsic: two 256-bit ones.
                        var v = Vector512.Create(
                            Avx2.GatherVector256(px, at.GetLower(), sizeof(float)), Avx2.GatherVector256(px, at.GetUpper(), sizeof(float)));
                        var take = Vector512.GreaterThan(v, m) | Vector512.IsNaN(v);
                        m = Vector512.ConditionalSelect(take, v, m);
                        best = Vector512.ConditionalSelect(take.AsInt32(), at, best);
                    }
                }

                m.StoreUnsafe(ref tmpY[0]);
                best.StoreUnsafe(ref tmpI[0]);
                tmpY[..n].CopyTo(y.Slice(o0, n));
                tmpI[..n].CopyTo(idx.Slice(o0, n));
            }
        }
    }
}
