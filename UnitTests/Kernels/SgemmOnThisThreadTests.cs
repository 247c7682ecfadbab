using MlNetDl.Tensors.Kernels;

namespace MlNetDl.UnitTests.Kernels;

public class SgemmOnThisThreadTests
{
    [Theory]
    [InlineData(false, true, 37, 300, 50)]   // the k-NN shape: queries × training rows (transposed)
    [InlineData(true, false, 64, 64, 129)]
    [InlineData(false, false, 1, 33, 7)]
    public void EqualsTheSplitProductBitForBit(bool transA, bool transB, int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var expected = Enumerable.Range(0, m * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var actual = (float[])expected.Clone();
        int lda = transA ? m : k, ldb = transB ? k : n;
        Sgemm.Multiply(transA, transB, m, n, k, -2f, a, lda, b, ldb, 0.5f, expected, n);
        Sgemm.MultiplyOnThisThread(transA, transB, m, n, k, -2f, a, lda, b, ldb, 0.5f, actual, n);
        // The same packed loop nest on each tile, so the same sums in the same order.
        Assert.Equal(expected, actual);
        Assert.NotEqual(0f, actual.Max(Math.Abs));
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        var e = Assert.Throws<ArgumentException>(() => Sgemm.MultiplyOnThisThread(false, false, 2, 2, 2, 1f, new float[3], 2, new float[4], 2, 0f, new float[4], 2));
        Assert.Equal("a", e.ParamName);
        Assert.Equal("m", Assert.Throws<ArgumentException>(() => Sgemm.MultiplyOnThisThread(false, false, -1, 2, 2, 1f, new float[4], 2, new float[4], 2, 0f, new float[4], 2)).ParamName);
    }
}
