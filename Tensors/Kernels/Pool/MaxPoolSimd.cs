using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>
/// AVX-512 max pooling of one plane for column strides 1 and 2 (every kernel, row stride, padding, dilation and
/// ceil mode): 16 adjacent outputs of a row at once, one vector per window tap. With stride 1 a tap is one
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
}
