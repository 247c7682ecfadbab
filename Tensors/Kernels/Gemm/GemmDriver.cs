using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Single-threaded GotoBLAS/BLIS loop nest around a micro-kernel:
/// jc (NC columns) → pc (KC depth, pack B block) → ic (MC rows, pack A block) → ir (MR sliver) → jr (NR sliver).
/// The A sliver (MR×KC, 12 KiB for the zmm kernel) stays in L1 across the whole jr sweep; the B block streams
/// from L2/L3 at ~5 bytes per cycle, far below what those caches deliver.
/// </summary>
internal static unsafe class GemmDriver
{
    // Depth of one packed block: long enough to amortize loading/storing the C tile, short enough that the
    // A sliver (MR·KC floats) fits L1 next to the streamed B.
    private const int KC = 256;
    // Rows of A packed at once; a multiple of every MR (12, 6, 4). Bounds the A buffer, not a cache level.
    private const int MC = 384;
    // Columns of B packed at once; a multiple of every NR. One B block per thread, so the A block is packed
    // once per depth step for typical widths.
    private const int NC = 4096;

    // Per-thread scratch, grown on demand and kept: steady-state calls allocate nothing. Pinned (POH) so the
    // packed pointers stay valid without fixed blocks.
    [ThreadStatic] private static float[]? s_packA;
    [ThreadStatic] private static float[]? s_packB;

    public static GemmKernelKind DefaultKind { get; } =
        Vector512.IsHardwareAccelerated ? GemmKernelKind.Vector512
        : Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported ? GemmKernelKind.Vector256
        : GemmKernelKind.Scalar;

    public static (int Mr, int Nr) TileOf(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Vector512 => (MicroKernel512.MR, MicroKernel512.NR),
        GemmKernelKind.Vector256 => (MicroKernel256.MR, MicroKernel256.NR),
        _ => (MicroKernelScalar.MR, MicroKernelScalar.NR),
    };

    /// <summary>Computes the whole problem on the calling thread.</summary>
    // Fully optimized from the first call: tier-0 code is several times slower (measured 33 vs 185 GFLOP/s at n=256).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem g, GemmKernelKind kind)
    {
        if (g.M == 0 || g.N == 0) return;
        if (g.K == 0 || g.Alpha == 0f)
        {
            // BLAS semantics: op(A)·op(B) contributes nothing, so A and B are not read at all.
            ScaleC(g);
            return;
        }
        var (mr, nr) = TileOf(kind);
        delegate*<int, float*, float*, float*, nint, float, float, void> kernel = kind switch
        {
            GemmKernelKind.Vector512 => &MicroKernel512.Run,
            GemmKernelKind.Vector256 => &MicroKernel256.Run,
            _ => &MicroKernelScalar.Run,
        };
        int kcMax = Math.Min(KC, g.K);
        float* packA = Scratch(ref s_packA, RoundUp(Math.Min(MC, g.M), mr) * kcMax);
        float* packB = Scratch(ref s_packB, RoundUp(Math.Min(NC, g.N), nr) * kcMax);
        float* edge = stackalloc float[MicroKernel512.MR * MicroKernel512.NR];

        for (int jc = 0; jc < g.N; jc += NC)
        {
            int nc = Math.Min(NC, g.N - jc);
            for (int pc = 0; pc < g.K; pc += KC)
            {
                int kc = Math.Min(KC, g.K - pc);
                // Only the first depth block applies the caller's beta; later ones accumulate onto it.
                float beta = pc == 0 ? g.Beta : 1f;
                GemmPacking.PackB(g, pc, kc, jc, nc, nr, packB);
                for (int ic = 0; ic < g.M; ic += MC)
                {
                    int mc = Math.Min(MC, g.M - ic);
                    GemmPacking.PackA(g, ic, mc, pc, kc, mr, packA);
                    for (int ir = 0; ir < mc; ir += mr)
                    {
                        int rows = Math.Min(mr, mc - ir);
                        float* ap = packA + (long)ir * kc;
                        float* cRow = g.C + (long)(ic + ir) * g.Ldc + jc;
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            int cols = Math.Min(nr, nc - jr);
                            float* bp = packB + (long)jr * kc;
                            if (rows == mr && cols == nr)
                            {
                                kernel(kc, ap, bp, cRow + jr, g.Ldc, g.Alpha, beta);
                                continue;
                            }
                            // Ragged tile: compute the full padded tile aside, then merge only the valid part.
                            kernel(kc, ap, bp, edge, nr, g.Alpha, 0f);
                            MergeEdge(edge, nr, cRow + jr, g.Ldc, rows, cols, beta);
                        }
                    }
                }
            }
        }
    }

    private static void MergeEdge(float* tile, int nr, float* c, int ldc, int rows, int cols, float beta)
    {
        for (int i = 0; i < rows; i++)
        {
            float* t = tile + i * nr;
            float* ci = c + (long)i * ldc;
            if (beta == 0f)
                for (int j = 0; j < cols; j++) ci[j] = t[j];
            else
                for (int j = 0; j < cols; j++) ci[j] = t[j] + beta * ci[j];
        }
    }

    /// <summary>C = beta·C, writing zeros (not beta·NaN) when beta == 0.</summary>
    private static void ScaleC(in GemmProblem g)
    {
        for (int i = 0; i < g.M; i++)
        {
            var row = new Span<float>(g.C + (long)i * g.Ldc, g.N);
            if (g.Beta == 0f) row.Clear();
            else if (g.Beta != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(row, g.Beta, row);
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>A 64-byte aligned pointer to at least <paramref name="floats"/> pinned floats of this thread's buffer.</summary>
    private static float* Scratch(ref float[]? buffer, int floats)
    {
        const int Slack = 16; // room to align the start to a cache line
        if (buffer is null || buffer.Length < floats + Slack)
            buffer = GC.AllocateUninitializedArray<float>(floats + Slack, pinned: true);
        float* p = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)(((nint)p + 63) & ~(nint)63);
    }
}
