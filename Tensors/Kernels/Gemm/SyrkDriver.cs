using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Single-threaded SSYRK (upper, transposed): the upper triangle of C[n×n] = ÃᵀÃ + beta·C for A stored k×n,
/// Ã = A − 1·shiftᵀ (every row minus the same vector; none when shift is null). Subtracting while packing lets a
/// scatter matrix skip writing and re-reading a centred copy of A.
/// The same loop nest as <see cref="GemmDriver"/> with op(A) = Aᵀ and B = A, except that each MR-row sliver of C
/// starts at the first NR-column sliver that reaches the diagonal: about half the micro-kernel calls of the full
/// product (n = 784 with 12×32 tiles: 879 of 1,650 tiles, 10% above the exact n(n+1)/2 entries). Tiles that
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
        GemmKernelKind kind)
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
        int kcMax = Math.Min(KC, k);
        float* packA = Scratch(ref s_packA, mr * kcMax);
        float* packB = Scratch(ref s_packB, (n + nr - 1) / nr * nr * kcMax);
        float* edge = stackalloc float[MicroKernel512.MR * MicroKernel512.NR];
        for (int pc = 0; pc < k; pc += KC)
        {
            int kc = Math.Min(KC, k - pc);
            float b = pc == 0 ? beta : 1f;
            PackB(a + (long)pc * lda, lda, shift, kc, n, nr, packB);
            for (int ir = 0; ir < n; ir += mr)
            {
                int rows = Math.Min(mr, n - ir);
                PackA(a + (long)pc * lda + ir, lda, shift is null ? null : shift + ir, kc, rows, mr, packA);
                float* cRow = c + (long)ir * ldc;
                for (int jr = ir / nr * nr; jr < n; jr += nr)
                {
                    int cols = Math.Min(nr, n - jr);
                    float* bp = packB + (long)jr * kc;
                    // Entirely on or above the diagonal: its last row's first column jr is ≥ that row ir + rows − 1.
                    if (rows == mr && cols == nr && jr >= ir + mr - 1)
                    {
                        kernel(kc, packA, bp, cRow + jr, ldc, 1f, b);
                        continue;
                    }
                    kernel(kc, packA, bp, edge, nr, 1f, 0f);
                    MergeUpper(edge, nr, cRow + jr, ldc, rows, cols, ir - jr, b);
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

    /// <summary>Ã's kc rows as ceil(n/nr) slivers of kc×nr (zero padded), the layout the micro-kernel streams.</summary>
    private static void PackB(float* src, int lda, float* shift, int kc, int n, int nr, float* dst)
    {
        for (int jr = 0; jr < n; jr += nr, dst += nr * kc)
        {
            int cols = Math.Min(nr, n - jr);
            float* s = src + jr;
            if (cols == 32 && nr == 32 && Vector512.IsHardwareAccelerated)
            {
                var s0 = shift is null ? Vector512<float>.Zero : Vector512.Load(shift + jr);
                var s1 = shift is null ? Vector512<float>.Zero : Vector512.Load(shift + jr + 16);
                for (int p = 0; p < kc; p++, s += lda)
                {
                    Vector512.Store(Vector512.Load(s) - s0, dst + p * 32);
                    Vector512.Store(Vector512.Load(s + 16) - s1, dst + p * 32 + 16);
                }
                continue;
            }
            for (int p = 0; p < kc; p++, s += lda)
            {
                float* d = dst + p * nr;
                int j = 0;
                for (; j < cols; j++) d[j] = shift is null ? s[j] : s[j] - shift[jr + j];
                for (; j < nr; j++) d[j] = 0f;
            }
        }
    }

    /// <summary>Merges the tile entries (i, j) with j ≥ i + <paramref name="diag"/> (tile coordinates), i.e. C's upper triangle.</summary>
    private static void MergeUpper(float* tile, int nr, float* c, int ldc, int rows, int cols, int diag, float beta)
    {
        for (int i = 0; i < rows; i++)
        {
            float* t = tile + i * nr;
            float* ci = c + (long)i * ldc;
            for (int j = Math.Max(0, i + diag); j < cols; j++)
                ci[j] = beta == 0f ? t[j] : t[j] + beta * ci[j];
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
