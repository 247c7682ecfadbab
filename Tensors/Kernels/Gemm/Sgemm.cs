namespace MlNetDl.Tensors.Kernels;

/// <summary>PLACEHOLDER (replaced by the blocked kernel): C = alpha·op(A)·op(B) + beta·C, row-major.</summary>
public static class Sgemm
{
    public static void Multiply(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                }

                c[i * ldc + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * ldc + j]);
            }
        }
    }

    public static void MultiplyBatched(bool transA, bool transB, int batch, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB, float beta, Span<float> c, int ldc, long strideC)
    {
        for (int i = 0; i < batch; i++)
        {
            Multiply(transA, transB, m, n, k, alpha, a[(int)(i * strideA)..], lda, b[(int)(i * strideB)..], ldb, beta, c[(int)(i * strideC)..], ldc);
        }
    }
}
