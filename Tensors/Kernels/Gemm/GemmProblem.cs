namespace MlNetDl.Tensors.Kernels;

/// <summary>Which micro-kernel family computes a product; chosen once from the hardware, overridable in tests.</summary>
internal enum GemmKernelKind
{
    /// <summary>Portable loops, for hardware without 256-bit SIMD.</summary>
    Scalar,
    /// <summary>6×16 tile in 12 ymm accumulators (AVX2 + FMA class machines).</summary>
    Vector256,
    /// <summary>12×32 tile in 24 zmm accumulators (AVX-512 machines).</summary>
    Vector512,
}

/// <summary>
/// One validated, pinned product C = alpha·op(A)·op(B) + beta·C. Pointers are only valid while the caller of
/// <see cref="Sgemm"/> keeps its spans fixed, which it does until every worker has finished.
/// </summary>
internal unsafe readonly struct GemmProblem
{
    public readonly bool TransA, TransB;
    public readonly int M, N, K, Lda, Ldb, Ldc;
    public readonly float Alpha, Beta;
    public readonly float* A, B, C;

    public GemmProblem(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        TransA = transA; TransB = transB; M = m; N = n; K = k; Alpha = alpha; Beta = beta;
        A = a; Lda = lda; B = b; Ldb = ldb; C = c; Ldc = ldc;
    }

    /// <summary>The product restricted to rows [r0, r0+rows) of C: only A and C move.</summary>
    public GemmProblem Rows(int r0, int rows) => new(TransA, TransB, rows, N, K, Alpha,
        TransA ? A + r0 : A + (long)r0 * Lda, Lda, B, Ldb, Beta, C + (long)r0 * Ldc, Ldc);

    /// <summary>The product restricted to columns [c0, c0+cols) of C: only B and C move.</summary>
    public GemmProblem Cols(int c0, int cols) => new(TransA, TransB, M, cols, K, Alpha,
        A, Lda, TransB ? B + (long)c0 * Ldb : B + c0, Ldb, Beta, C + c0, Ldc);

    /// <summary>The same shapes applied to the next matrices of a batch.</summary>
    public GemmProblem Offset(long da, long db, long dc) => new(TransA, TransB, M, N, K, Alpha,
        A + da, Lda, B + db, Ldb, Beta, C + dc, Ldc);
}
