namespace MlNetDl.Tensors.Kernels;

public static unsafe partial class Sgemm
{
    /// <summary>
    /// As <see cref="Multiply"/>, but always on the calling thread: for callers that split work over the cores
    /// themselves (one independent product per thread) and must not share the helper thread.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Multiply"/>.</exception>
    public static void MultiplyOnThisThread(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        NonNegative(m, nameof(m)); NonNegative(n, nameof(n)); NonNegative(k, nameof(k));
        CheckMatrix(a.Length, nameof(a), nameof(lda), lda, "strideA", 0, 1,
            transA ? k : m, transA ? m : k, transA ? "k×m (transA)" : "m×k");
        CheckMatrix(b.Length, nameof(b), nameof(ldb), ldb, "strideB", 0, 1,
            transB ? n : k, transB ? k : n, transB ? "n×k (transB)" : "k×n");
        CheckMatrix(c.Length, nameof(c), nameof(ldc), ldc, "strideC", 0, 1, m, n, "m×n");
        if (m == 0 || n == 0) return;
        fixed (float* pa = a, pb = b, pc = c)
        {
            GemmDriver.Run(new GemmProblem(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc), GemmDriver.DefaultKind);
        }
    }
}
