using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Single-threaded SSYRK (upper, transposed): the upper triangle of C[n×n] = ÃᵀÃ + beta·C for A stored k×n,
/// Ã = A − 1·shiftᵀ (every row minus the same vector; none when shift is null). Subtracting while packing lets a
/// scatter matrix skip writing and re-reading a centred copy of A; the column sums of A can come with it.
/// The same loop nest as <see cref="GemmDriver"/> with op(A) = Aᵀ and B = A, except that each MR-row sliver of C
/// starts at the NR-column sliver that holds the diagonal: about half the micro-kernel calls of the full product
/// (n = 784 with 12×32 tiles: 842 of 1,650 tiles, 5% above the exact n(n+1)/2 entries). Tiles that
/// straddle the diagonal are computed aside and only their j ≥ i entries are merged, so the strict lower
/// triangle of C is never written (BLAS semantics).
/// </summary>
internal static unsafe class SyrkDriver
{
    // As GemmDriver: the packed kc×n B block (n = 784: 800 KiB) stays in L2, the MR×KC A sliver in L1.
    private const int KC = 256;

    [ThreadStatic] private static float[]? s_packA;
    [ThreadStatic] private static float[]? s_packB;

    // Fully optimized from the first call, as the GEMM driver (tier-0 code is several times slower).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunUpperTransposed(int n, int k, float* a, int lda, float* shift, float beta, float* c, int ldc,
        double* columnSums, GemmKernelKind kind)
    {
        if (n == 0) return;
        if (k == 0)
        {
            ScaleUpper(n, beta, c, ldc);
            return;
        }
        var (mr, nr) = GemmDriver.TileOf(kind);
        delegate*<int, float*, float*, float*, nint, float, float, void> kernel = kind switch
        {
            GemmKernelKind.Vector512 => &MicroKernel512.Run,
            GemmKernelKind.Vector256 => &MicroKernel256.Run,
            _ => &MicroKernelScalar.Run,
        };
        // The ragged column sliver goes first (columns padded at the front): only the row slivers that reach it
        // (ir < nr) compute it, instead of every row sliver computing a half-empty last one (n = 784: 4% fewer tiles).
        int lead = (nr - n % nr) % nr;
        int kcMax = Math.Min(KC, k);
        float* packA = Scratch(ref s_packA, mr * kcMax);
        float* packB = Scratch(ref s_packB, (n + lead) * kcMax);
        float* edge = stackalloc float[MicroKernel512.MR * MicroKernel512.NR];
        for (int pc = 0; pc < k; pc += KC)
        {
            int kc = Math.Min(KC, k - pc);
            float b = pc == 0 ? beta : 1f;
            PackB(a + (long)pc * lda, lda, shift, kc, n, lead, nr, packB, columnSums);
            for (int ir = 0; ir < n; ir += mr)
            {
                int rows = Math.Min(mr, n - ir);
                PackA(a + (long)pc * lda + ir, lda, shift is null ? null : shift + ir, kc, rows, mr, packA);
                float* cRow = c + (long)ir * ldc;
                // From the sliver holding column ir (the diagonal) to the last.
                for (int jp = (ir + lead) / nr * nr; jp < n + lead; jp += nr)
                {
                    int j0 = jp - lead; // C column of the sliver's first (possibly padding) column
                    float* bp = packB + (long)jp * kc;
                    // Entirely on or above the diagonal: its last row's first column j0 is ≥ that row ir + rows − 1.
                    if (rows == mr && j0 >= ir + mr - 1)
                    {
                        kernel(kc, packA, bp, cRow + j0, ldc, 1f, b);
                        continue;
                    }
                    kernel(kc, packA, bp, edge, nr, 1f, 0f);
                    MergeUpper(edge, nr, cRow, ldc, rows, j0, ir, b);
                }
            }
        }
    }

    /// <summary>One kc×mr sliver of Ãᵀ: for each depth p, the <paramref name="rows"/> consecutive entries of row p
    /// of A (zero padded to mr), minus the shift.</summary>
    private static void PackA(float* src, int lda, float* shift, int kc, int rows, int mr, float* dst)
    {
        if (rows == 12 && mr == 12 && Vector256.IsHardwareAccelerated)
        {
            var s0 = shift is null ? Vector256<float>.Zero : Vector256.Load(shift);
            var s1 = shift is null ? Vector128<float>.Zero : Vector128.Load(shift + 8);
            for (int p = 0; p < kc; p++, src += lda, dst += 12)
            {
                Vector256.Store(Vector256.Load(src) - s0, dst);
                Vector128.Store(Vector128.Load(src + 8) - s1, dst + 8);
            }
            return;
        }
        for (int p = 0; p < kc; p++, src += lda, dst += mr)
        {
            int i = 0;
            for (; i < rows; i++) dst[i] = shift is null ? src[i] : src[i] - shift[i];
            for (; i < mr; i++) dst[i] = 0f;
        }
    }

    /// <summary>
    /// Ã's kc rows as (n + lead)/nr slivers of kc×nr, the first one's <paramref name="lead"/> columns zero, read one
    /// whole row at a time: A's rows are contiguous, so the hardware prefetcher sees one sequential stream (packing
    /// sliver by sliver strides by lda and stalled on memory for the first slice of each block). Adds the unshifted
    /// rows into <paramref name="columnSums"/> (in double) when given, while each row is still in L1.
    /// </summary>
    private static void PackB(float* src, int lda, float* shift, int kc, int n, int lead, int nr, float* dst,
        double* columnSums)
    {
        long sliver = (long)nr * kc;
        for (int p = 0; p < kc; p++, src += lda)
        {
            float* d = dst + p * nr;
            for (int jp = 0; jp < n + lead; jp += nr, d += sliver)
            {
                int j0 = jp - lead;
                if (nr == 32 && j0 >= 0 && Vector512.IsHardwareAccelerated)
                {
                    var v0 = Vector512.Load(src + j0);
                    var v1 = Vector512.Load(src + j0 + 16);
                    if (shift is not null)
                    {
                        v0 -= Vector512.Load(shift + j0);
                        v1 -= Vector512.Load(shift + j0 + 16);
                    }
                    Vector512.Store(v0, d);
                    Vector512.Store(v1, d + 16);
                    continue;
                }
                for (int t = 0; t < nr; t++)
                {
                    int j = j0 + t;
                    d[t] = j < 0 ? 0f : shift is null ? src[j] : src[j] - shift[j];
                }
            }
            if (columnSums is not null) AddWidened(src, n, columnSums);
        }
    }

    private static void AddWidened(float* row, int n, double* sums)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= n; j += 16)
            {
                var (lo, hi) = Vector512.Widen(Vector512.Load(row + j));
                Vector512.Store(Vector512.Load(sums + j) + lo, sums + j);
                Vector512.Store(Vector512.Load(sums + j + 8) + hi, sums + j + 8);
            }
        }
        for (; j < n; j++) sums[j] += row[j];
    }

    /// <summary>Merges the entries of a tile (rows ir.., columns j0..j0+nr of C) that lie in C and on or above its
    /// diagonal (j ≥ 0 and j ≥ i).</summary>
    private static void MergeUpper(float* tile, int nr, float* cRow, int ldc, int rows, int j0, int ir, float beta)
    {
        for (int i = 0; i < rows; i++)
        {
            float* t = tile + i * nr;
            float* ci = cRow + (long)i * ldc;
            for (int j = Math.Max(j0, ir + i); j < j0 + nr; j++)
                ci[j] = beta == 0f ? t[j - j0] : t[j - j0] + beta * ci[j];
        }
    }

    private static void ScaleUpper(int n, float beta, float* c, int ldc)
    {
        for (int i = 0; i < n; i++)
        {
            var row = new Span<float>(c + (long)i * ldc + i, n - i);
            if (beta == 0f) row.Clear();
            else if (beta != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }

    /// <summary>A 64-byte aligned pointer to at least <paramref name="floats"/> pinned floats of this thread's buffer.</summary>
    private static float* Scratch(ref float[]? buffer, int floats)
    {
        const int Slack = 16;
        if (buffer is null || buffer.Length < floats + Slack)
            buffer = GC.AllocateUninitializedArray<float>(floats + Slack, pinned: true);
        float* p = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)(((nint)p + 63) & ~(nint)63);
    }
}
