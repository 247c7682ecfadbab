namespace MlNetDl.Tensors.Kernels;

public static unsafe partial class Sgemm
{
    /// <summary>
    /// SSYRK('U', 'T') on the calling thread: the upper triangle (j ≥ i) of C[n×n] = ÃᵀÃ + beta·C, A stored k×n
    /// row-major with leading dimension lda and Ã = A − 1·shiftᵀ (each row of A minus <paramref name="shift"/>, of
    /// length n; empty for Ã = A), subtracted in float while packing. The strict lower triangle of C is neither read
    /// nor written. About half the multiply-adds of <see cref="Multiply"/> for the same product (a Gram or scatter
    /// matrix). beta == 0 overwrites C; k == 0 leaves C = beta·C without reading A. When <paramref name="columnSums"/> is not empty
    /// (length n), the unshifted column sums Σ_p A[p, j] are added into it in double, from the same read of A.
    /// </summary>
    /// <exception cref="ArgumentException">n or k is negative, a leading dimension is smaller than n, a span is
    /// too short for its matrix, or shift or columnSums is neither empty nor of length n.</exception>
    public static void SyrkUpperTransposedOnThisThread(int n, int k, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> shift, float beta, Span<float> c, int ldc, Span<double> columnSums = default) =>
        SyrkUpperTransposedOnThisThread(GemmDriver.DefaultKind, n, k, a, lda, shift, beta, c, ldc, columnSums);

    /// <summary>As the public overload, with the micro-kernel family chosen by the caller (tests cover every path).</summary>
    internal static void SyrkUpperTransposedOnThisThread(GemmKernelKind kind, int n, int k, ReadOnlySpan<float> a,
        int lda, ReadOnlySpan<float> shift, float beta, Span<float> c, int ldc, Span<double> columnSums = default)
    {
        NonNegative(n, nameof(n)); NonNegative(k, nameof(k));
        CheckMatrix(a.Length, nameof(a), nameof(lda), lda, "strideA", 0, 1, k, n, "k×n");
        CheckMatrix(c.Length, nameof(c), nameof(ldc), ldc, "strideC", 0, 1, n, n, "n×n");
        if (!shift.IsEmpty && shift.Length != n)
            throw new ArgumentException($"shift must be empty or hold n = {n} entries (one per column of A); got {shift.Length}.",
                nameof(shift));
        if (!columnSums.IsEmpty && columnSums.Length != n)
            throw new ArgumentException(
                $"columnSums must be empty or hold n = {n} entries (one per column of A); got {columnSums.Length}.",
                nameof(columnSums));
        fixed (float* pa = a, ps = shift, pc = c)
        fixed (double* pSums = columnSums)
        {
            SyrkDriver.RunUpperTransposed(n, k, pa, lda, shift.IsEmpty ? null : ps, beta, pc, ldc,
                columnSums.IsEmpty ? null : pSums, kind);
        }
    }
}
