using MlNetDl.Tensors.Kernels;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>SSYRK('U', 'T') against a double loop, on every micro-kernel family and ragged tile edges.</summary>
public class SyrkTests
{
    public static TheoryData<int, int, int, bool, float> Cases()
    {
        var data = new TheoryData<int, int, int, bool, float>();
        foreach (var kind in new[] { GemmKernelKind.Scalar, GemmKernelKind.Vector256, GemmKernelKind.Vector512 })
        {
            // n: one entry, below one tile, ragged in both tile sizes, 784 (PCA's width); k: one step, > KC = 256.
            data.Add((int)kind, 1, 3, false, 0f);
            data.Add((int)kind, 13, 1, true, 0f);
            data.Add((int)kind, 45, 300, true, 0.5f);
            data.Add((int)kind, 70, 513, false, -1f);
        }
        data.Add((int)GemmKernelKind.Vector512, 784, 40, true, 0f);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void UpperTriangleMatchesDoubleLoop(int kindIndex, int n, int k, bool shifted, float beta)
    {
        var kind = (GemmKernelKind)kindIndex;
        var rng = new Random(n * 1000 + k);
        int lda = n + 3; // a leading dimension wider than the row
        var a = Enumerable.Range(0, k * lda).Select(_ => (float)rng.NextDouble() + 4f).ToArray();
        var shift = shifted ? Enumerable.Range(0, n).Select(_ => 4f + (float)rng.NextDouble()).ToArray() : [];
        var c = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var before = (float[])c.Clone();
        var sums = Enumerable.Range(0, n).Select(j => (double)j).ToArray();
        Sgemm.SyrkUpperTransposedOnThisThread(kind, n, k, a, lda, shift, beta, c, n, sums);
        for (int j = 0; j < n; j++)
        {
            // Column sums of the unshifted A, added in double: exact up to double rounding.
            double sum = j;
            for (int p = 0; p < k; p++) sum += a[p * lda + j];
            Assert.True(Math.Abs(sums[j] - sum) <= 1e-12 * Math.Abs(sum), $"column sum {j}: {sums[j]} vs {sum}");
        }
        const double U = 1.0 / (1 << 24); // float unit round-off
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (j < i)
                {
                    // The strict lower triangle is never written (BLAS semantics).
                    Assert.Equal(before[i * n + j], c[i * n + j]);
                    continue;
                }
                double dot = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double ai = a[p * lda + i] - (shifted ? (double)shift[i] : 0);
                    double aj = a[p * lda + j] - (shifted ? (double)shift[j] : 0);
                    dot += ai * aj;
                    magnitude += Math.Abs(ai * aj);
                }
                double expected = dot + beta * before[i * n + j];
                // The standard float dot-product bound, (k + 3)·u·(Σ|a_i a_j| + |beta·c|): k products and additions,
                // the shift's rounding in each factor and the beta merge. A wrong tile is off by whole products.
                double bound = (k + 3) * U * (magnitude + Math.Abs(beta * before[i * n + j]));
                worst = Math.Max(worst, Math.Abs(c[i * n + j] - expected) / bound);
            }
        }
        Assert.True(worst <= 1, $"n={n}, k={k}: worst error {worst:F2} × the float bound");
    }

    [Fact]
    public void ZeroDepthScalesTheUpperTriangleOnly()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Sgemm.SyrkUpperTransposedOnThisThread(2, 0, [], 2, [], 3f, c, 2);
        Assert.Equal(new float[] { 3, 6, 3, 12 }, c);
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        Assert.Equal("a", Assert.Throws<ArgumentException>(() =>
            Sgemm.SyrkUpperTransposedOnThisThread(2, 2, new float[3], 2, [], 0f, new float[4], 2)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentException>(() =>
            Sgemm.SyrkUpperTransposedOnThisThread(-1, 2, new float[4], 2, [], 0f, new float[4], 2)).ParamName);
        var e = Assert.Throws<ArgumentException>(() =>
            Sgemm.SyrkUpperTransposedOnThisThread(2, 2, new float[4], 2, new float[3], 0f, new float[4], 2));
        Assert.Equal("shift", e.ParamName);
        Assert.Contains("got 3", e.Message);
        Assert.Equal("columnSums", Assert.Throws<ArgumentException>(() =>
            Sgemm.SyrkUpperTransposedOnThisThread(2, 2, new float[4], 2, [], 0f, new float[4], 2, new double[1])).ParamName);
    }
}
