using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Single-threaded loop nest for <see cref="Dgemm"/>: jc (NC columns) → pc (KC depth, pack B) → ic (MC rows,
/// pack A) → ir (MR sliver) → jr (NR sliver), as <see cref="GemmDriver"/> does for floats. With doubles the
/// A sliver (12×256 = 24 KiB) still fits L1 beside the streamed B sliver.
/// </summary>
internal static unsafe class DgemmDriver
{
    private const int KC = 256;
    private const int MC = 192; // a multiple of every MR (12, 6, 4)
    private const int NC = 2048; // one B block of 256×2048 doubles (4 MiB) covers every width the eigensolver uses

    [ThreadStatic] private static double[]? s_packA;
    [ThreadStatic] private static double[]? s_packB;

    public static GemmKernelKind DefaultKind => GemmDriver.DefaultKind;

    public static (int Mr, int Nr) TileOf(GemmKernelKind kind) => kind switch
    {
        GemmKernelKind.Vector512 => (12, 16),
        GemmKernelKind.Vector256 => (6, 8),
        _ => (4, 4),
    };

    // Fully optimized from the first call: the eigensolver calls it a few dozen times per decomposition.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in DgemmProblem g, GemmKernelKind kind)
    {
        if (g.M == 0 || g.N == 0) return;
        if (g.K == 0 || g.Alpha == 0)
        {
            ScaleC(g);
            return;
        }
        var (mr, nr) = TileOf(kind);
        delegate*<int, double*, double*, double*, nint, double, double, void> kernel = kind switch
        {
            GemmKernelKind.Vector512 => &DgemmMicroKernels.Run512,
            GemmKernelKind.Vector256 => &DgemmMicroKernels.Run256,
            _ => &DgemmMicroKernels.RunScalar,
        };
        int kcMax = Math.Min(KC, g.K);
        double* packA = Scratch(ref s_packA, RoundUp(Math.Min(MC, g.M), mr) * kcMax);
        double* packB = Scratch(ref s_packB, RoundUp(Math.Min(NC, g.N), nr) * kcMax);
        double* edge = stackalloc double[12 * 16];
        for (int jc = 0; jc < g.N; jc += NC)
        {
            int nc = Math.Min(NC, g.N - jc);
            for (int pc = 0; pc < g.K; pc += KC)
            {
                int kc = Math.Min(KC, g.K - pc);
                double beta = pc == 0 ? g.Beta : 1; // later depth blocks accumulate onto the first
                PackB(g, pc, kc, jc, nc, nr, packB);
                for (int ic = 0; ic < g.M; ic += MC)
                {
                    int mc = Math.Min(MC, g.M - ic);
                    PackA(g, ic, mc, pc, kc, mr, packA);
                    for (int ir = 0; ir < mc; ir += mr)
                    {
                        int rows = Math.Min(mr, mc - ir);
                        double* ap = packA + (long)ir * kc;
                        double* cRow = g.C + (long)(ic + ir) * g.Ldc + jc;
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            int cols = Math.Min(nr, nc - jr);
                            double* bp = packB + (long)jr * kc;
                            if (rows == mr && cols == nr)
                            {
                                kernel(kc, ap, bp, cRow + jr, g.Ldc, g.Alpha, beta);
                                continue;
                            }
                            // Ragged tile: the full padded tile aside, then only its valid part merged.
                            kernel(kc, ap, bp, edge, nr, g.Alpha, 0);
                            for (int i = 0; i < rows; i++)
                            {
                                double* t = edge + i * nr, ci = cRow + jr + (long)i * g.Ldc;
                                if (beta == 0) for (int j = 0; j < cols; j++) ci[j] = t[j];
                                else for (int j = 0; j < cols; j++) ci[j] = t[j] + beta * ci[j];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Rows [i0, i0+mc) × depth [p0, p0+kc) of op(A) as mr-row slivers (mr values per depth step), zero padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(in DgemmProblem g, int i0, int mc, int p0, int kc, int mr, double* dst)
    {
        for (int ir = 0; ir < mc; ir += mr, dst += mr * kc)
        {
            int rows = Math.Min(mr, mc - ir);
            if (g.TransA)
            {
                double* src = g.A + (long)p0 * g.Lda + i0 + ir;
                for (int p = 0; p < kc; p++, src += g.Lda)
                {
                    double* d = dst + p * mr;
                    int i = 0;
                    for (; i < rows; i++) d[i] = src[i];
                    for (; i < mr; i++) d[i] = 0;
                }
                continue;
            }
            double* s0 = g.A + (long)(i0 + ir) * g.Lda + p0;
            for (int i = 0; i < rows; i++)
            {
                double* s = s0 + (long)i * g.Lda, d = dst + i;
                for (int p = 0; p < kc; p++) d[p * mr] = s[p];
            }
            for (int i = rows; i < mr; i++)
                for (int p = 0; p < kc; p++) dst[p * mr + i] = 0;
        }
    }

    /// <summary>Depth [p0, p0+kc) × columns [j0, j0+nc) of op(B) as nr-column slivers, zero padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(in DgemmProblem g, int p0, int kc, int j0, int nc, int nr, double* dst)
    {
        for (int jr = 0; jr < nc; jr += nr, dst += nr * kc)
        {
            int cols = Math.Min(nr, nc - jr);
            if (g.TransB)
            {
                double* s0 = g.B + (long)(j0 + jr) * g.Ldb + p0;
                for (int j = 0; j < cols; j++)
                {
                    double* s = s0 + (long)j * g.Ldb, d = dst + j;
                    for (int p = 0; p < kc; p++) d[p * nr] = s[p];
                }
                for (int j = cols; j < nr; j++)
                    for (int p = 0; p < kc; p++) dst[p * nr + j] = 0;
                continue;
            }
            double* src = g.B + (long)p0 * g.Ldb + j0 + jr;
            if (cols == 16 && nr == 16 && Vector512.IsHardwareAccelerated)
            {
                for (int p = 0; p < kc; p++, src += g.Ldb)
                {
                    Vector512.Store(Vector512.Load(src), dst + p * 16);
                    Vector512.Store(Vector512.Load(src + 8), dst + p * 16 + 8);
                }
                continue;
            }
            for (int p = 0; p < kc; p++, src += g.Ldb)
            {
                double* d = dst + p * nr;
                int j = 0;
                for (; j < cols; j++) d[j] = src[j];
                for (; j < nr; j++) d[j] = 0;
            }
        }
    }

    /// <summary>C = beta·C, writing zeros (not beta·NaN) when beta == 0.</summary>
    private static void ScaleC(in DgemmProblem g)
    {
        for (int i = 0; i < g.M; i++)
        {
            var row = new Span<double>(g.C + (long)i * g.Ldc, g.N);
            if (g.Beta == 0) row.Clear();
            else if (g.Beta != 1) System.Numerics.Tensors.TensorPrimitives.Multiply(row, g.Beta, row);
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>A 64-byte aligned pointer to at least <paramref name="count"/> pinned doubles of this thread's buffer.</summary>
    private static double* Scratch(ref double[]? buffer, int count)
    {
        const int Slack = 8;
        if (buffer is null || buffer.Length < count + Slack)
            buffer = GC.AllocateUninitializedArray<double>(count + Slack, pinned: true);
        double* p = (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (double*)(((nint)p + 63) & ~(nint)63);
    }
}
