using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the layouts the micro-kernels stream: A as MR-row slivers
/// (for each p, MR consecutive rows), B as NR-column slivers (for each p, NR consecutive columns).
/// Ragged edges are zero padded so the micro-kernel never needs a tail loop.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs rows [i0, i0+mc) × depth [p0, p0+kc) of op(A) into ceil(mc/mr) slivers of mr×kc.</summary>
    // Fully optimized from the first call: tier-0 code is several times slower (measured 33 vs 185 GFLOP/s at n=256).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(in GemmProblem g, int i0, int mc, int p0, int kc, int mr, float* dst)
    {
        for (int ir = 0; ir < mc; ir += mr, dst += mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            if (g.TransA)
            {
                // A is stored k×m: a row of the stored matrix is already mr consecutive entries of a sliver column.
                float* src = g.A + (long)p0 * g.Lda + i0 + ir;
                for (int p = 0; p < kc; p++, src += g.Lda)
                {
                    float* d = dst + p * mr;
                    int i = 0;
                    for (; i < rows; i++) d[i] = src[i];
                    for (; i < mr; i++) d[i] = 0f;
                }
            }
            else
            {
                // A is m×k: read each of the mr rows sequentially (mr streams stay in L1), write the sliver once.
                float* src = g.A + (long)(i0 + ir) * g.Lda + p0;
                for (int i = 0; i < rows; i++)
                {
                    float* s = src + (long)i * g.Lda;
                    float* d = dst + i;
                    for (int p = 0; p < kc; p++) d[p * mr] = s[p];
                }
                for (int i = rows; i < mr; i++)
                    for (int p = 0; p < kc; p++) dst[p * mr + i] = 0f;
            }
        }
    }

    /// <summary>Packs depth [p0, p0+kc) × columns [j0, j0+nc) of op(B) into ceil(nc/nr) slivers of kc×nr.</summary>
    // Fully optimized from the first call: tier-0 code is several times slower (measured 33 vs 185 GFLOP/s at n=256).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(in GemmProblem g, int p0, int kc, int j0, int nc, int nr, float* dst)
    {
        for (int jr = 0; jr < nc; jr += nr, dst += nr * kc)
        {
            int cols = Math.Min(nr, nc - jr);
            if (g.TransB)
            {
                // B is stored n×k: each output column is a contiguous stored row.
                float* src = g.B + (long)(j0 + jr) * g.Ldb + p0;
                for (int j = 0; j < cols; j++)
                {
                    float* s = src + (long)j * g.Ldb;
                    float* d = dst + j;
                    for (int p = 0; p < kc; p++) d[p * nr] = s[p];
                }
                for (int j = cols; j < nr; j++)
                    for (int p = 0; p < kc; p++) dst[p * nr + j] = 0f;
            }
            else
            {
                float* src = g.B + (long)p0 * g.Ldb + j0 + jr;
                if (cols == 32 && nr == 32 && Vector512.IsHardwareAccelerated)
                {
                    // The common case is a straight copy of two zmm per row.
                    for (int p = 0; p < kc; p++, src += g.Ldb)
                    {
                        Vector512.Store(Vector512.Load(src), dst + p * 32);
                        Vector512.Store(Vector512.Load(src + 16), dst + p * 32 + 16);
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++, src += g.Ldb)
                {
                    float* d = dst + p * nr;
                    int j = 0;
                    for (; j < cols; j++) d[j] = src[j];
                    for (; j < nr; j++) d[j] = 0f;
                }
            }
        }
    }
}
