using MlNetDl.Trainers.Linear;

namespace MlNetDl.UnitTests.Trainers;

public class FewClassProductsTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(128, 784, 10)]  // the Fashion-MNIST batch
    [InlineData(7, 33, 3)]      // d not a multiple of 16, k below one group of 4
    [InlineData(5, 16, 4)]
    [InlineData(3, 50, 9)]      // a group with one class
    public void ProductsMatchADoubleReference(int m, int d, int k)
    {
        var rng = new Random(m * 1000 + d * 10 + k);
        var x = Enumerable.Range(0, m * d).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var wt = Enumerable.Range(0, k * d).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var g = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var logits = new float[m * k];
        FewClassProducts.Logits(x, m, d, wt, k, logits);
        var grad = new float[k * d];
        FewClassProducts.WeightGradient(g, x, m, d, k, grad);
        for (int i = 0; i < m; i++)
        {
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int j = 0; j < d; j++) s += (double)x[i * d + j] * wt[c * d + j];
                Assert.True(Math.Abs(s - logits[i * k + c]) <= 1e-5 * Math.Sqrt(d), $"logit [{i}, {c}] = {logits[i * k + c]} vs {s}");
            }
        }
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < d; j++)
            {
                double s = 0;
                for (int i = 0; i < m; i++) s += (double)g[i * k + c] * x[i * d + j];
                Assert.True(Math.Abs(s - grad[c * d + j]) <= 1e-5 * Math.Sqrt(m), $"grad [{c}, {j}] = {grad[c * d + j]} vs {s}");
            }
        }
    }

    [Fact]
    public void TransposedGradientEqualsTheRowMajorOne()
    {
        int m = 20, d = 30, k = 40; // k > 32: the SGEMM path inside DerivedTransposed
        foreach (int classes in new[] { k, 10 })
        {
            var rng = new Random(classes);
            var x = Enumerable.Range(0, m * d).Select(_ => (float)rng.NextDouble()).ToArray();
            var y = Enumerable.Range(0, m).Select(_ => rng.Next(classes)).ToArray();
            var w = Enumerable.Range(0, d * classes).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
            var b = new float[classes];
            var gw = new float[d * classes];
            var gb = new float[classes];
            var (loss, _) = SoftmaxGradients.Derived(x, y, m, d, classes, w, b, 0.01f, gw, gb, new float[m * classes]);
            var gw2 = new float[d * classes];
            var gb2 = new float[classes];
            double loss2 = SoftmaxGradients.Autograd(x, y, m, d, classes, w, b, 0.01f, gw2, gb2);
            Assert.Equal(loss2, loss, 4);
            for (int i = 0; i < gw.Length; i++) Assert.Equal(gw2[i], gw[i], 4);
            Assert.NotEqual(0f, gw.Max(Math.Abs));
        }
    }
}
