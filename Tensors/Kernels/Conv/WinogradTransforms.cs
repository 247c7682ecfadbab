using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// The tile transforms of Winograd F(2×2, 3×3) (Lavin &amp; Gray 2015): a 2×2 output tile of a 3×3 correlation is
/// Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A for the 4×4 input patch d, with
/// Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1], G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1], Aᵀ = [1 1 1 0; 0 1 −1 −1].
/// Transformed matrices are stored as 16 planes ξ = 4·row + column, each [tiles, channels] (channels contiguous),
/// so the per-ξ products are plain row-major GEMMs and each transform works on 8 channels at once. The weight
/// gradient uses the adjoints: dU = Σ_tiles (A gY Aᵀ) ⊙ V and dW = Gᵀ dU G. Every coefficient is 0, ±1 or ±½, so
/// the transforms add rounding comparable to a few extra additions per output.
/// </summary>
internal static unsafe class WinogradTransforms
{
    /// <summary>Transformed positions per tile (4 × 4).</summary>
    public const int Positions = 16;

    private const int Lanes = 8;

    // Kernels per side of the blocks the weight transforms walk (see Weights).
    private const int Block = 16;

    /// <summary>V[ξ, t, :] = (Bᵀ d B)[ξ] for the tiles t = tile0 + tx of tile row <paramref name="ty"/> of one
    /// NHWC image (<paramref name="h"/>×<paramref name="w"/>×<paramref name="c"/>, c a multiple of 8); the patch
    /// starts at row 2·ty − pt, column 2·tx − pl, zero outside the image. <paramref name="zeros"/>: c zero floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void InputRow(float* img, int h, int w, int c, int pt, int pl, int ty, int tw, long tile0, long tiles,
        float* zeros, float* v)
    {
        float** p = stackalloc float*[Positions];
        long plane = tiles * c;
        for (int tx = 0; tx < tw; tx++)
        {
            for (int r = 0; r < 4; r++)
            {
                int ih = 2 * ty - pt + r;
                for (int s = 0; s < 4; s++)
                {
                    int iw = 2 * tx - pl + s;
                    p[r * 4 + s] = ih >= 0 && ih < h && iw >= 0 && iw < w ? img + ((long)ih * w + iw) * c : zeros;
                }
            }

            float* dst = v + (tile0 + tx) * c;
            for (int k = 0; k < c; k += Lanes)
            {
                // Bᵀ on the rows, then B on the columns (the same 4-point butterfly both times).
                var (a0, a1, a2, a3) = B4(L(p[0], k), L(p[4], k), L(p[8], k), L(p[12], k));
                var (b0, b1, b2, b3) = B4(L(p[1], k), L(p[5], k), L(p[9], k), L(p[13], k));
                var (c0, c1, c2, c3) = B4(L(p[2], k), L(p[6], k), L(p[10], k), L(p[14], k));
                var (d0, d1, d2, d3) = B4(L(p[3], k), L(p[7], k), L(p[11], k), L(p[15], k));
                float* o = dst + k;
                Store4(B4(a0, b0, c0, d0), o, plane, 0);
                Store4(B4(a1, b1, c1, d1), o, plane, 4);
                Store4(B4(a2, b2, c2, d2), o, plane, 8);
                Store4(B4(a3, b3, c3, d3), o, plane, 12);
            }
        }
    }

    /// <summary>The 2×2 outputs of the tiles of tile row <paramref name="ty"/> from M [16, tiles, oc]: y = Aᵀ m A + bias,
    /// written into one NCHW image (oc planes of oh×ow; positions past the image edge are dropped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void OutputRow(float* m, long tile0, long tiles, int oc, int oh, int ow, int ty, int tw, float* bias, float* y)
    {
        float* tmp = stackalloc float[4 * Lanes];
        long plane = tiles * oc, outPlane = (long)oh * ow;
        int y0 = 2 * ty;
        bool row1 = y0 + 1 < oh;
        for (int k = 0; k < oc; k += Lanes)
        {
            var b = bias == null ? Vector256<float>.Zero : Vector256.Load(bias + k);
            float* yk = y + k * outPlane + (long)y0 * ow;
            for (int tx = 0; tx < tw; tx++)
            {
                float* s = m + (tile0 + tx) * oc + k;
                // A on each row r (p_r0 = m_r0 + m_r1 + m_r2, p_r1 = m_r1 − m_r2 − m_r3), then Aᵀ down the columns.
                var (p00, p01) = A2(L(s, 0), L(s, plane), L(s, 2 * plane), L(s, 3 * plane));
                var (p10, p11) = A2(L(s, 4 * plane), L(s, 5 * plane), L(s, 6 * plane), L(s, 7 * plane));
                var (p20, p21) = A2(L(s, 8 * plane), L(s, 9 * plane), L(s, 10 * plane), L(s, 11 * plane));
                var (p30, p31) = A2(L(s, 12 * plane), L(s, 13 * plane), L(s, 14 * plane), L(s, 15 * plane));
                var (y00, y10) = A2(p00, p10, p20, p30);
                var (y01, y11) = A2(p01, p11, p21, p31);
                Vector256.Store(y00 + b, tmp); Vector256.Store(y01 + b, tmp + Lanes);
                Vector256.Store(y10 + b, tmp + 2 * Lanes); Vector256.Store(y11 + b, tmp + 3 * Lanes);
                int x0 = 2 * tx;
                bool col1 = x0 + 1 < ow;
                for (int l = 0; l < Lanes; l++)
                {
                    float* d = yk + l * outPlane + x0;
                    d[0] = tmp[l];
                    if (col1) d[1] = tmp[Lanes + l];
                    if (row1)
                    {
                        d[ow] = tmp[2 * Lanes + l];
                        if (col1) d[ow + 1] = tmp[3 * Lanes + l];
                    }
                }
            }
        }
    }

    /// <summary>dM[ξ, t, :] = (A g Aᵀ)[ξ] for the tiles of tile row <paramref name="ty"/>, g the 2×2 block of the NHWC
    /// output gradient (oh×ow×oc) at row 2·ty, column 2·tx, zero past the edge (those outputs were never produced).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void GradRow(float* gy, int oh, int ow, int oc, int ty, int tw, long tile0, long tiles, float* zeros, float* dm)
    {
        long plane = tiles * oc;
        int y0 = 2 * ty;
        for (int tx = 0; tx < tw; tx++)
        {
            int x0 = 2 * tx;
            float* g00 = gy + ((long)y0 * ow + x0) * oc;
            float* g01 = x0 + 1 < ow ? g00 + oc : zeros;
            float* g10 = y0 + 1 < oh ? g00 + (long)ow * oc : zeros;
            float* g11 = y0 + 1 < oh && x0 + 1 < ow ? g00 + ((long)ow + 1) * oc : zeros;
            float* dst = dm + (tile0 + tx) * oc;
            for (int k = 0; k < oc; k += Lanes)
            {
                // A on the rows (g0, g0 + g1, g0 − g1, −g1), then on the columns.
                var (e00, e10, e20, e30) = AT(L(g00, k), L(g10, k));
                var (e01, e11, e21, e31) = AT(L(g01, k), L(g11, k));
                float* o = dst + k;
                Store4(AT(e00, e01), o, plane, 0);
                Store4(AT(e10, e11), o, plane, 4);
                Store4(AT(e20, e21), o, plane, 8);
                Store4(AT(e30, e31), o, plane, 12);
            }
        }
    }

    /// <summary>U[ξ, c, o] = (G g Gᵀ)[ξ] for w [O, C, 3, 3], input channels c in [u0, u1): the B operand of the
    /// forward products ([C, O] per ξ; o innermost so each plane is written contiguously). With
    /// <paramref name="rotate"/> the kernel is turned 180° and stored [O, C] per ξ for output channels o in [u0, u1):
    /// the input gradient is the correlation of gy with that kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Weights(float* w, int outC, int c, int u0, int u1, bool rotate, float* u)
    {
        long plane = (long)outC * c;
        int inner = rotate ? c : outC;
        // Forward: a = input channel, b = output channel; rotated: a = output channel, b = input channel. Blocks of
        // 16 × 16 kernels keep both the strided reads of w and the 16 output planes' lines in L1.
        for (int b0 = 0; b0 < inner; b0 += Block)
        {
            int b1 = Math.Min(inner, b0 + Block);
            for (int a0 = u0; a0 < u1; a0 += Block)
            {
                int a1 = Math.Min(u1, a0 + Block);
                for (int b = b0; b < b1; b++)
                {
                    for (int a = a0; a < a1; a++)
                    {
                        float* g = rotate ? w + ((long)a * c + b) * 9 : w + ((long)b * c + a) * 9;
                        KernelTile(g, rotate, u + (long)a * inner + b, plane);
                    }
                }
            }
        }
    }

    /// <summary>dw[o, c] = Gᵀ dU[·, c, o] G for input channels c in [u0, u1) (dU [16, C, O]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGrad(float* du, int outC, int c, int u0, int u1, float* dw)
    {
        long plane = (long)outC * c;
        for (int o0 = 0; o0 < outC; o0 += Block)
        for (int c0 = u0; c0 < u1; c0 += Block)
        for (int o = o0; o < Math.Min(outC, o0 + Block); o++)
        for (int ci = c0; ci < Math.Min(u1, c0 + Block); ci++)
            {
                float* d = du + (long)ci * outC + o;
                // Gᵀ down each column s (4 → 3 rows), then along each row (4 → 3 columns).
                float r00 = 0, r01 = 0, r02 = 0, r03 = 0, r10 = 0, r11 = 0, r12 = 0, r13 = 0, r20 = 0, r21 = 0, r22 = 0, r23 = 0;
                GT(d[0], d[4 * plane], d[8 * plane], d[12 * plane], ref r00, ref r10, ref r20);
                GT(d[plane], d[5 * plane], d[9 * plane], d[13 * plane], ref r01, ref r11, ref r21);
                GT(d[2 * plane], d[6 * plane], d[10 * plane], d[14 * plane], ref r02, ref r12, ref r22);
                GT(d[3 * plane], d[7 * plane], d[11 * plane], d[15 * plane], ref r03, ref r13, ref r23);
                float* g = dw + ((long)o * c + ci) * 9;
                GT(r00, r01, r02, r03, ref g[0], ref g[1], ref g[2]);
                GT(r10, r11, r12, r13, ref g[3], ref g[4], ref g[5]);
                GT(r20, r21, r22, r23, ref g[6], ref g[7], ref g[8]);
            }
    }

    /// <summary>G g Gᵀ (4×4) of one 3×3 kernel g (optionally turned 180°), stored at t + ξ·plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KernelTile(float* g, bool rotate, float* t, long plane)
    {
        float k0 = g[0], k1 = g[1], k2 = g[2], k3 = g[3], k4 = g[4], k5 = g[5], k6 = g[6], k7 = g[7], k8 = g[8];
        if (rotate) (k0, k1, k2, k3, k5, k6, k7, k8) = (k8, k7, k6, k5, k3, k2, k1, k0);
        // G down each column j (3 → 4 rows), then along each row (3 → 4 columns).
        float r00 = 0, r10 = 0, r20 = 0, r30 = 0, r01 = 0, r11 = 0, r21 = 0, r31 = 0, r02 = 0, r12 = 0, r22 = 0, r32 = 0;
        G(k0, k3, k6, ref r00, ref r10, ref r20, ref r30);
        G(k1, k4, k7, ref r01, ref r11, ref r21, ref r31);
        G(k2, k5, k8, ref r02, ref r12, ref r22, ref r32);
        G(r00, r01, r02, ref t[0], ref t[plane], ref t[2 * plane], ref t[3 * plane]);
        G(r10, r11, r12, ref t[4 * plane], ref t[5 * plane], ref t[6 * plane], ref t[7 * plane]);
        G(r20, r21, r22, ref t[8 * plane], ref t[9 * plane], ref t[10 * plane], ref t[11 * plane]);
        G(r30, r31, r32, ref t[12 * plane], ref t[13 * plane], ref t[14 * plane], ref t[15 * plane]);
    }

    /// <summary>(g0, ½(g0 + g1 + g2), ½(g0 − g1 + g2), g2): G applied to a 3-vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(float g0, float g1, float g2, ref float t0, ref float t1, ref float t2, ref float t3)
    {
        float e = 0.5f * (g0 + g2), h = 0.5f * g1;
        t0 = g0; t1 = e + h; t2 = e - h; t3 = g2;
    }

    /// <summary>(d0 + ½(d1 + d2), ½(d1 − d2), ½(d1 + d2) + d3): Gᵀ applied to a 4-vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GT(float d0, float d1, float d2, float d3, ref float r0, ref float r1, ref float r2)
    {
        float e = 0.5f * (d1 + d2);
        r0 = d0 + e; r1 = 0.5f * (d1 - d2); r2 = e + d3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> L(float* p, long k) => Vector256.Load(p + k);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float>, Vector256<float>, Vector256<float>, Vector256<float>) B4(
        Vector256<float> d0, Vector256<float> d1, Vector256<float> d2, Vector256<float> d3) =>
        (d0 - d2, d1 + d2, d2 - d1, d1 - d3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float>, Vector256<float>) A2(
        Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3) =>
        (m0 + m1 + m2, m1 - m2 - m3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float>, Vector256<float>, Vector256<float>, Vector256<float>) AT(Vector256<float> g0, Vector256<float> g1) =>
        (g0, g0 + g1, g0 - g1, -g1);

    /// <summary>Stores four transformed values at positions ξ0 … ξ0 + 3 (planes <paramref name="plane"/> floats apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4((Vector256<float> A, Vector256<float> B, Vector256<float> C, Vector256<float> D) x,
        float* o, long plane, int xi0)
    {
        Vector256.Store(x.A, o + xi0 * plane);
        Vector256.Store(x.B, o + (xi0 + 1) * plane);
        Vector256.Store(x.C, o + (xi0 + 2) * plane);
        Vector256.Store(x.D, o + (xi0 + 3) * plane);
    }
}
