using MlNetDl.Transforms.Pca;

namespace MlNetDl.UnitTests.Transforms;

/// <summary>PCA's covariance (blocked SSYRK + exact block merge) against a plain two-pass double loop.</summary>
public class PcaCovarianceTests
{
    // n = 9,001: two cores' row ranges, each a full 4,096-row block plus a ragged one; d = 37: ragged tiles.
    private const int N = 9001, D = 37;

    [Fact]
    public void MatchesTwoPassDoubleOnLargeCommonOffset()
    {
        // Columns ~ 1000 + offset_j with std ~1 and correlated neighbours: a one-pass float XᵀX − n·mmᵀ would lose
        // every digit (sums ~5·10⁹ against variances ~1); centring blocks by their own means must not.
        var rng = new Random(7);
        var x = new float[N * D];
        for (int r = 0; r < N; r++)
        {
            double shared = Normal(rng);
            for (int j = 0; j < D; j++)
                x[r * D + j] = (float)(1000 + j * 0.25 + 0.6 * Normal(rng) + 0.5 * shared * (j % 3));
        }
        var cov = PcaFit.Covariance(x, N, D, true, out var mean);

        var refMean = new double[D];
        for (int r = 0; r < N; r++)
            for (int j = 0; j < D; j++) refMean[j] += x[r * D + j];
        for (int j = 0; j < D; j++) refMean[j] /= N;
        for (int j = 0; j < D; j++)
            Assert.True(Math.Abs(mean[j] - refMean[j]) <= 1e-12 * refMean[j], $"mean {j}: {mean[j]} vs {refMean[j]}");
        double worst = 0;
        for (int i = 0; i < D; i++)
        {
            for (int j = 0; j < D; j++)
            {
                double s = 0;
                for (int r = 0; r < N; r++) s += (x[r * D + i] - refMean[i]) * (x[r * D + j] - refMean[j]);
                double expected = s / (N - 1);
                Assert.Equal(cov[i * D + j], cov[j * D + i]); // mirrored exactly
                // Float sums within 4,096-row blocks of products of centred values: relative to the entry's scale
                // sqrt(Σ_ii Σ_jj), 2.8e-7 measured; 2e-6 leaves 7× room and is far below what an offset leak gives.
                worst = Math.Max(worst, Math.Abs(cov[i * D + j] - expected) / Math.Sqrt(cov[i * D + i] * cov[j * D + j]));
            }
        }
        Assert.True(worst <= 2e-6, $"worst relative covariance error {worst:E2}");
    }

    [Fact]
    public void UncentredIsTheScaledGramMatrix()
    {
        var rng = new Random(8);
        var x = Enumerable.Range(0, N * D).Select(_ => (float)rng.NextDouble()).ToArray();
        var gram = PcaFit.Covariance(x, N, D, false, out var mean);
        Assert.All(mean, m => Assert.Equal(0, m));
        for (int i = 0; i < D; i++)
        {
            for (int j = i; j < D; j++)
            {
                double s = 0;
                for (int r = 0; r < N; r++) s += (double)x[r * D + i] * x[r * D + j];
                double expected = s / (N - 1);
                Assert.True(Math.Abs(gram[i * D + j] - expected) <= 1e-5 * expected, $"({i}, {j}): {gram[i * D + j]} vs {expected}");
            }
        }
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
