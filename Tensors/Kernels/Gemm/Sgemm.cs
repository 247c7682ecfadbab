namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Single-precision general matrix multiply, row-major, BLAS semantics:
/// C[m×n] = alpha·op(A)·op(B) + beta·C with op(A) m×k and op(B) k×n.
/// Managed, packed and register-blocked (12×32 zmm tiles with AVX-512, 6×16 ymm with AVX2, scalar otherwise),
/// split over the cores when the product is large enough to pay for the hand-off.
/// </summary>
public static unsafe partial class Sgemm
{
    /// <summary>
    /// Products with fewer multiply-adds than this (m·n·k) stay on the calling thread: below it, handing half to the
    /// spinning helper costs about what it saves (32³: 0.96×, 48³: 1.6× on Zen 4; see docs/BENCHMARKS.md).
    /// </summary>
    internal const long ParallelThreshold = 1L << 16;

    /// <summary>
    /// C[m×n] = alpha·op(A)·op(B) + beta·C, all row-major. op(A) is m×k (A stored k×m with leading dim lda when
    /// transA), op(B) is k×n (B stored n×k when transB). beta == 0 means C is overwritten (NaNs in C ignored), as in
    /// BLAS; alpha == 0 or k == 0 leaves C = beta·C without reading A or B.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, a leading dimension is smaller than the stored row,
    /// or a span is too short for its matrix.</exception>
    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        MultiplyBatched(transA, transB, 1, m, n, k, alpha, a, lda, 0, b, ldb, 0, beta, c, ldc, 0);

    /// <summary>
    /// Batched: <paramref name="batch"/> independent products, matrix i starting at i·stride in each span
    /// (strides in elements; a stride of 0 broadcasts one A or B to every product). C matrices must not overlap.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Multiply"/>, or a stride is negative, or C matrices
    /// overlap.</exception>
    public static void MultiplyBatched(bool transA, bool transB, int batch, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB,
        float beta, Span<float> c, int ldc, long strideC) =>
        MultiplyBatched(GemmDriver.DefaultKind, transA, transB, batch, m, n, k, alpha,
            a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC);

    /// <summary>As the public overload, with the micro-kernel family chosen by the caller (tests cover every path).</summary>
    internal static void MultiplyBatched(GemmKernelKind kind, bool transA, bool transB, int batch, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB,
        float beta, Span<float> c, int ldc, long strideC)
    {
        NonNegative(batch, nameof(batch)); NonNegative(m, nameof(m)); NonNegative(n, nameof(n)); NonNegative(k, nameof(k));
        // Stored shapes: A is m×k (k×m when transposed), B is k×n (n×k when transposed).
        CheckMatrix(a.Length, nameof(a), nameof(lda), lda, nameof(strideA), strideA, batch,
            transA ? k : m, transA ? m : k, transA ? "k×m (transA)" : "m×k");
        CheckMatrix(b.Length, nameof(b), nameof(ldb), ldb, nameof(strideB), strideB, batch,
            transB ? n : k, transB ? k : n, transB ? "n×k (transB)" : "k×n");
        long cExtent = CheckMatrix(c.Length, nameof(c), nameof(ldc), ldc, nameof(strideC), strideC, batch, m, n, "m×n");
        if (batch > 1 && cExtent > 0 && strideC < cExtent)
            throw new ArgumentException(
                $"strideC must be at least {cExtent} (one m×n matrix with ldc={ldc}) so the {batch} C matrices do not overlap; got {strideC}.",
                nameof(strideC));
        if (batch == 0 || m == 0 || n == 0) return;

        fixed (float* pa = a, pb = b, pc = c)
        {
            var g = new GemmProblem(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            int threads = Math.Min(Environment.ProcessorCount, 64);
            long work = (long)m * n * Math.Max(k, 1);
            if (threads <= 1 || work * batch < ParallelThreshold)
            {
                GemmParallel.RunBatch(g, kind, 1, batch, strideA, strideB, strideC);
                return;
            }
            // Whole products per core when they divide evenly (or are many), otherwise split each product.
            if (batch >= threads && (batch % threads == 0 || batch >= 4 * threads || work < ParallelThreshold))
            {
                GemmParallel.RunBatch(g, kind, threads, batch, strideA, strideB, strideC);
                return;
            }
            for (int i = 0; i < batch; i++)
            {
                var gi = g.Offset(i * strideA, i * strideB, i * strideC);
                if (work < ParallelThreshold) GemmDriver.Run(gi, kind);
                else GemmParallel.RunProduct(gi, kind, threads);
            }
        }
    }

    internal static void NonNegative(int value, string name)
    {
        if (value < 0) throw new ArgumentException($"{name} must be non-negative; got {value}.", name);
    }

    /// <summary>Validates one operand's leading dimension, stride and span length; returns one matrix's extent.</summary>
    internal static long CheckMatrix(int length, string span, string ldName, int ld, string strideName, long stride,
        int batch, int rows, int cols, string shape)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentException(
                $"{ldName} must be at least max(1, {cols}) (the row length of the stored {shape} matrix); got {ld}.", ldName);
        if (stride < 0) throw new ArgumentException($"{strideName} must be non-negative; got {stride}.", strideName);
        long extent = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        long needed = batch == 0 || extent == 0 ? 0 : (batch - 1) * stride + extent;
        if (length < needed)
            throw new ArgumentException(
                $"{span} is too short: a {rows}×{cols} ({shape}) matrix with {ldName}={ld}" +
                (batch > 1 ? $", batch={batch} and {strideName}={stride}" : "") + $" needs {needed} elements; got {length}.",
                span);
        return extent;
    }
}
