using MlNetDl.Tensors.Kernels;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>Sgemm against a double-precision reference over a table of shapes, layouts and scalars.</summary>
public class SgemmTests
{
    // (m, n, k): odd sizes, vectors, depth beyond one KC block (256), and widths beyond several tiles.
    private static readonly (int M, int N, int K)[] Shapes =
    {
        (1, 1, 1), (3, 7, 17), (17, 33, 65), (65, 129, 33), (129, 257, 7), (257, 65, 129),
        (1, 1000, 3), (1000, 1, 3), (33, 17, 300), (7, 3, 1), (13, 33, 0), (0, 5, 3), (5, 0, 3), (12, 32, 513),
    };
    private static readonly (float Alpha, float Beta)[] Scalars = { (1f, 0f), (0.5f, 1f), (-2f, 0.5f), (1f, -2f), (0f, 0.5f), (0f, 0f) };

    public static TheoryData<bool, bool, int, int, int, int, float, float> Cases()
    {
        var data = new TheoryData<bool, bool, int, int, int, int, float, float>();
        int row = 0;
        foreach (var (m, n, k) in Shapes)
            for (int t = 0; t < 4; t++, row++)
            {
                var (alpha, beta) = Scalars[row % Scalars.Length];
                data.Add(t % 2 == 1, t / 2 == 1, m, n, k, row % 3 * 5, alpha, beta); // padding 0, 5 or 10
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReference(bool transA, bool transB, int m, int n, int k, int pad, float alpha, float beta) =>
        Check(null, transA, transB, 1, m, n, k, pad, alpha, beta, broadcastA: false);

    /// <summary>Every micro-kernel family on this machine, including tiles split across threads and ragged edges.</summary>
    public static TheoryData<int, bool, bool, int, int, int> KernelCases()
    {
        var data = new TheoryData<int, bool, bool, int, int, int>();
        foreach (var kind in Enum.GetValues<GemmKernelKind>())
            for (int t = 0; t < 4; t++)
            {
                data.Add((int)kind, t % 2 == 1, t / 2 == 1, 67, 131, 45);
                data.Add((int)kind, t % 2 == 1, t / 2 == 1, 401, 203, 300); // > MC rows, > KC depth, threaded
            }
        data.Add((int)GemmKernelKind.Vector512, false, false, 13, 4100, 5); // > NC columns
        return data;
    }

    [Theory]
    [MemberData(nameof(KernelCases))]
    public void EveryKernelMatchesReference(int kind, bool transA, bool transB, int m, int n, int k) =>
        Check((GemmKernelKind)kind, transA, transB, 1, m, n, k, 3, 1.5f, 0.5f, broadcastA: false);

    public static TheoryData<int, int, int, int, bool, float> BatchCases() => new()
    {
        { 3, 5, 7, 9, true, 0f },      // small: stays on one thread
        { 4, 64, 64, 64, false, 1f },  // whole products per core
        { 4, 64, 64, 64, true, 0f },   // broadcast A across the batch
        { 3, 80, 96, 70, true, 0.5f }, // odd batch of large products: each product split instead
        { 0, 5, 5, 5, false, 1f },
    };

    [Theory]
    [MemberData(nameof(BatchCases))]
    public void BatchedMatchesReference(int batch, int m, int n, int k, bool broadcastA, float beta) =>
        Check(null, false, true, batch, m, n, k, 2, 1f, beta, broadcastA);

    /// <summary>Callers on several threads share the helper threads; each must get exactly its own product.</summary>
    [Fact]
    public void ConcurrentCallersGetTheirOwnResults()
    {
        const int M = 70, N = 90, K = 60;
        var a = Random(new Random(1), M * K);
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            var b = Random(new Random(t + 2), K * N);
            var expected = new float[M * N];
            Sgemm.MultiplyBatched(GemmKernelKind.Scalar, false, false, 1, M, N, K, 1f, a, K, 0, b, N, 0, 0f, expected, N, 0);
            for (int rep = 0; rep < 20; rep++)
            {
                var c = new float[M * N];
                Sgemm.Multiply(false, false, M, N, K, 1f, a, K, b, N, 0f, c, N);
                for (int i = 0; i < c.Length; i++) Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-3f, $"thread {t} rep {rep} at {i}");
            }
        });
    }

    private static void Check(GemmKernelKind? kind, bool transA, bool transB, int batch, int m, int n, int k, int pad,
        float alpha, float beta, bool broadcastA)
    {
        var rng = new Random(m * 7919 + n * 31 + k);
        int aRows = transA ? k : m, aCols = transA ? m : k, bRows = transB ? n : k, bCols = transB ? k : n;
        int lda = Math.Max(1, aCols + pad), ldb = Math.Max(1, bCols + pad), ldc = Math.Max(1, n + pad);
        long strideA = broadcastA ? 0 : (long)aRows * lda, strideB = (long)bRows * ldb + 1, strideC = (long)m * ldc + 3;
        var a = Random(rng, (int)(strideA * Math.Max(batch - 1, 0) + aRows * lda));
        var b = Random(rng, (int)(strideB * Math.Max(batch - 1, 0) + bRows * ldb));
        // Garbage C: NaN when beta == 0 (must be ignored), values otherwise.
        var c = beta == 0f ? Enumerable.Repeat(float.NaN, (int)(strideC * Math.Max(batch, 1))).ToArray()
            : Random(rng, (int)(strideC * Math.Max(batch, 1)));
        var original = (float[])c.Clone();

        if (kind is { } kk)
            Sgemm.MultiplyBatched(kk, transA, transB, batch, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC);
        else if (batch == 1)
            Sgemm.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else
            Sgemm.MultiplyBatched(transA, transB, batch, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC);

        for (int bi = 0; bi < batch; bi++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double sum = 0, magnitude = 0;
                    for (int p = 0; p < k; p++)
                    {
                        double x = a[bi * strideA + (transA ? p * lda + i : i * lda + p)];
                        double y = b[bi * strideB + (transB ? j * ldb + p : p * ldb + j)];
                        sum += x * y; magnitude += Math.Abs(x * y);
                    }
                    long ci = bi * strideC + (long)i * ldc + j;
                    double old = beta == 0f ? 0 : original[ci];
                    double expected = alpha * sum + beta * old;
                    double tolerance = 1e-4 * (Math.Abs(alpha) * magnitude + Math.Abs(beta * old)) + 1e-6;
                    Assert.True(Math.Abs(c[ci] - expected) <= tolerance,
                        $"C[{bi}][{i},{j}] = {c[ci]}, expected {expected} (±{tolerance})");
                }
        // Padding between rows and between matrices is never written.
        for (long ci = 0; ci < c.Length; ci++)
            if (batch == 0 || ci % strideC >= (long)m * ldc || ci % strideC % ldc >= n)
                Assert.Equal(original[ci], c[ci]);
    }

    private static float[] Random(Random rng, int length)
    {
        var x = new float[Math.Max(length, 0)];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        return x;
    }
}
