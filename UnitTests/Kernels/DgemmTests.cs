using MlNetDl.Tensors.Kernels;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>Dgemm against a naive triple loop over shapes, transposes, scalars, padding and every kernel family.</summary>
public class DgemmTests
{
    public static TheoryData<int, bool, bool, int, int, int, bool> Cases()
    {
        var data = new TheoryData<int, bool, bool, int, int, int, bool>();
        // Ragged edges, one element, depth beyond KC (256), rows beyond MC (192), columns beyond NC (2048), k = 0.
        (int M, int N, int K)[] shapes = { (1, 1, 1), (13, 17, 19), (67, 131, 45), (401, 203, 300), (5, 2100, 3), (7, 9, 0), (0, 4, 2) };
        foreach (var kind in Enum.GetValues<GemmKernelKind>())
            foreach (var (m, n, k) in shapes)
                for (int t = 0; t < 4; t++)
                    data.Add((int)kind, t % 2 == 1, t / 2 == 1, m, n, k, (m + t) % 2 == 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesNaiveProduct(int kind, bool transA, bool transB, int m, int n, int k, bool parallel)
    {
        var rng = new Random(m * 31 + n * 7 + k);
        int pad = 3, lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
        var a = Fill(rng, (transA ? k : m) * lda);
        var b = Fill(rng, (transB ? n : k) * ldb);
        var c = Fill(rng, m * ldc);
        var expected = (double[])c.Clone();
        double alpha = 1.5, beta = (m + n) % 3 == 0 ? 0 : -0.5;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                    s += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                expected[i * ldc + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * ldc + j]);
            }
        Dgemm.Multiply((GemmKernelKind)kind, parallel, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        for (int i = 0; i < c.Length; i++)
        {
            // Padding columns stay untouched; computed entries agree to rounding of k products of magnitude ≤ 1.
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-14 * (k + 1) * 4, $"C[{i / ldc}, {i % ldc}] = {c[i]}, expected {expected[i]}");
        }
    }

    [Fact]
    public void BadShapesAreRejectedNamingTheOperand()
    {
        var ex = Assert.Throws<ArgumentException>(() => Dgemm.Multiply(false, false, 2, 2, 3, 1, new double[5], 3, new double[6], 2, 0, new double[4], 2));
        Assert.Contains("a is too short", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Dgemm.Multiply(false, true, 2, 2, 3, 1, new double[6], 3, new double[6], 2, 0, new double[4], 2));
        Assert.Contains("ldb must be at least max(1, 3)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Dgemm.Multiply(false, false, -1, 2, 3, 1, new double[6], 3, new double[6], 2, 0, new double[4], 2));
        Assert.Contains("m must be non-negative", ex.Message);
    }

    private static double[] Fill(Random rng, int length)
    {
        var x = new double[length];
        for (int i = 0; i < length; i++) x[i] = rng.NextDouble() * 2 - 1;
        return x;
    }
}
