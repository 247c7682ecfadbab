namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Double-precision general matrix multiply, row-major, BLAS semantics:
/// C[m×n] = alpha·op(A)·op(B) + beta·C with op(A) m×k and op(B) k×n.
/// The same GotoBLAS loop nest as <see cref="Sgemm"/> with double tiles (12×16 in 24 zmm with AVX-512, 6×8 in
/// 12 ymm with AVX2, 4×4 scalar), split over the <see cref="GemmWorkers"/> helpers when large. Written for the
/// eigensolver's merges and back-transforms (n ≤ a few thousand), so there is no batched form.
/// </summary>
public static unsafe class Dgemm
{
    /// <summary>Products with fewer multiply-adds than this stay on the calling thread (as for Sgemm).</summary>
    internal const long ParallelThreshold = 1L << 16;

    /// <summary>
    /// C[m×n] = alpha·op(A)·op(B) + beta·C, all row-major. op(A) is m×k (A stored k×m with leading dim lda when
    /// transA), op(B) is k×n (B stored n×k when transB). beta == 0 overwrites C (NaNs in C ignored); alpha == 0 or
    /// k == 0 leaves C = beta·C without reading A or B.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, a leading dimension is smaller than the stored row,
    /// or a span is too short for its matrix.</exception>
    public static void Multiply(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc) =>
        Multiply(DgemmDriver.DefaultKind, true, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>As the public overload, with the micro-kernel family and the use of helper threads chosen by the
    /// caller (tests cover every path; callers already running in parallel pass parallel: false).</summary>
    internal static void Multiply(GemmKernelKind kind, bool parallel, bool transA, bool transB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        Sgemm.NonNegative(m, nameof(m)); Sgemm.NonNegative(n, nameof(n)); Sgemm.NonNegative(k, nameof(k));
        Sgemm.CheckMatrix(a.Length, nameof(a), nameof(lda), lda, "strideA", 0, 1,
            transA ? k : m, transA ? m : k, transA ? "k×m (transA)" : "m×k");
        Sgemm.CheckMatrix(b.Length, nameof(b), nameof(ldb), ldb, "strideB", 0, 1,
            transB ? n : k, transB ? k : n, transB ? "n×k (transB)" : "k×n");
        Sgemm.CheckMatrix(c.Length, nameof(c), nameof(ldc), ldc, "strideC", 0, 1, m, n, "m×n");
        if (m == 0 || n == 0) return;
        fixed (double* pa = a, pb = b, pc = c)
        {
            var g = new DgemmProblem(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            int threads = Math.Min(Environment.ProcessorCount, 64);
            if (!parallel || threads <= 1 || (long)m * n * Math.Max(k, 1) < ParallelThreshold) DgemmDriver.Run(g, kind);
            else DgemmParallel.Run(g, kind, threads);
        }
    }
}

/// <summary>One validated, pinned double product; pointers are valid while <see cref="Dgemm"/> keeps the spans fixed.</summary>
internal unsafe readonly struct DgemmProblem
{
    public readonly bool TransA, TransB;
    public readonly int M, N, K, Lda, Ldb, Ldc;
    public readonly double Alpha, Beta;
    public readonly double* A, B, C;

    public DgemmProblem(bool transA, bool transB, int m, int n, int k, double alpha,
        double* a, int lda, double* b, int ldb, double beta, double* c, int ldc)
    {
        TransA = transA; TransB = transB; M = m; N = n; K = k; Alpha = alpha; Beta = beta;
        A = a; Lda = lda; B = b; Ldb = ldb; C = c; Ldc = ldc;
    }

    /// <summary>The product restricted to rows [r0, r0+rows) of C.</summary>
    public DgemmProblem Rows(int r0, int rows) => new(TransA, TransB, rows, N, K, Alpha,
        TransA ? A + r0 : A + (long)r0 * Lda, Lda, B, Ldb, Beta, C + (long)r0 * Ldc, Ldc);

    /// <summary>The product restricted to columns [c0, c0+cols) of C.</summary>
    public DgemmProblem Cols(int c0, int cols) => new(TransA, TransB, M, cols, K, Alpha,
        A, Lda, TransB ? B + (long)c0 * Ldb : B + c0, Ldb, Beta, C + c0, Ldc);
}

/// <summary>Splits one double product into row or column ranges run by <see cref="WorkerParts"/>.</summary>
internal static class DgemmParallel
{
    public static void Run(in DgemmProblem g, GemmKernelKind kind, int parts)
    {
        var (mr, nr) = DgemmDriver.TileOf(kind);
        int rowTiles = (g.M + mr - 1) / mr, colTiles = (g.N + nr - 1) / nr;
        // Splitting rows duplicates only the cheap B packing; prefer it unless columns are far wider.
        bool rows = rowTiles >= parts && rowTiles * nr * 2 >= colTiles * mr;
        int units = rows ? rowTiles : colTiles, unit = rows ? mr : nr, extent = rows ? g.M : g.N;
        parts = Math.Min(parts, units);
        var problem = g;
        WorkerParts.Run(parts, part =>
        {
            int s0 = (int)((long)part * units / parts) * unit, s1 = Math.Min(extent, (int)((long)(part + 1) * units / parts) * unit);
            if (s1 > s0) DgemmDriver.Run(rows ? problem.Rows(s0, s1 - s0) : problem.Cols(s0, s1 - s0), kind);
        });
    }
}
