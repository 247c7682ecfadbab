using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using static MlNetDl.UnitTests.Nn.TestData;

namespace MlNetDl.UnitTests.Nn;

public class BatchNorm1dTests
{
    private const double Eps = 1e-5;

    // Batch [4, 3] and a second batch, chosen so that the channels have different means and spreads.
    private static readonly float[] X1 = [1, -2, 0.5f, 3, 0, 1.5f, -1, 4, 2.5f, 5, 2, -0.5f];
    private static readonly float[] X2 = [0, 1, 1, 2, 3, 5, 4, -1, 0, 6, 1, 2];

    [Fact]
    public void TrainingNormalizesWithBiasedBatchVariance()
    {
        var bn = new BatchNorm1d(3);
        X(bn.Weight!, [2, 1, 0.5f]);
        X(bn.Bias!, [0, -1, 3]);
        var y = bn.Call(T(X1, 4, 3));

        var (mean, varB, _) = Stats(X1, 4, 3, 1);
        var expected = new float[12];
        float[] w = [2, 1, 0.5f], b = [0, -1, 3];
        for (int i = 0; i < 12; i++)
        {
            int c = i % 3;
            expected[i] = (float)((X1[i] - mean[c]) / Math.Sqrt(varB[c] + Eps) * w[c] + b[c]);
        }

        AssertClose(expected, y.ToFloatArray());
    }

    [Fact]
    public void ThreeDimensionalInputUsesStatisticsOverBatchAndLength()
    {
        var bn = new BatchNorm1d(2);
        var x = Tensor.Uniform(new Shape(3, 2, 5), -2, 2, new Generator(9));
        var xs = x.ToFloatArray();
        var y = bn.Call(x).ToFloatArray();

        var (mean, varB, varU) = Stats(xs, 3, 2, 5);
        var expected = new float[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            int c = i / 5 % 2;
            expected[i] = (float)((xs[i] - mean[c]) / Math.Sqrt(varB[c] + Eps));
        }

        AssertClose(expected, y);
        AssertClose([.. mean.Select(m => (float)(0.1 * m))], bn.RunningMean!.ToFloatArray());
        AssertClose([.. varU.Select(v => (float)(0.9 + 0.1 * v))], bn.RunningVar!.ToFloatArray());
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(null)]
    public void RunningStatisticsFollowMomentumOrCumulativeAverage(double? momentum)
    {
        var bn = new BatchNorm1d(3, momentum: momentum);
        bn.Call(T(X1, 4, 3));
        bn.Call(T(X2, 4, 3));

        var (m1, _, v1) = Stats(X1, 4, 3, 1);
        var (m2, _, v2) = Stats(X2, 4, 3, 1);
        var rm = new double[3];
        var rv = new double[3];
        for (int c = 0; c < 3; c++)
        {
            if (momentum is double f)
            {
                rm[c] = (1 - f) * ((1 - f) * 0 + f * m1[c]) + f * m2[c];
                rv[c] = (1 - f) * ((1 - f) * 1 + f * v1[c]) + f * v2[c];
            }
            else
            {
                // Factor 1/1 then 1/2: the plain average of the two batches' statistics.
                rm[c] = (m1[c] + m2[c]) / 2;
                rv[c] = (v1[c] + v2[c]) / 2;
            }
        }

        AssertClose([.. rm.Select(v => (float)v)], bn.RunningMean!.ToFloatArray());
        AssertClose([.. rv.Select(v => (float)v)], bn.RunningVar!.ToFloatArray());
        Assert.Equal(2L, bn.NumBatchesTracked!.Item<long>());
    }

    [Fact]
    public void EvaluationUsesRunningStatisticsAndLeavesThemAlone()
    {
        var bn = new BatchNorm1d(3);
        bn.Call(T(X1, 4, 3));
        var rm = bn.RunningMean!.ToFloatArray();
        var rv = bn.RunningVar!.ToFloatArray();
        bn.Eval();

        var y = bn.Call(T(X2[..3], 1, 3)).ToFloatArray(); // a single sample is fine in evaluation

        var expected = new float[3];
        for (int c = 0; c < 3; c++)
        {
            expected[c] = (float)((X2[c] - rm[c]) / Math.Sqrt(rv[c] + Eps));
        }

        AssertClose(expected, y);
        Assert.Equal(rm, bn.RunningMean!.ToFloatArray());
        Assert.Equal(1L, bn.NumBatchesTracked!.Item<long>());
    }

    [Fact]
    public void WithoutRunningStatisticsEvaluationUsesTheBatch()
    {
        var bn = new BatchNorm1d(3, affine: false, trackRunningStats: false);
        Assert.Null(bn.RunningMean);
        Assert.Empty(bn.StateDict());
        Assert.Equal(0, bn.ParameterCount());
        var train = bn.Call(T(X1, 4, 3)).ToFloatArray();
        bn.Eval();
        Assert.Equal(train, bn.Call(T(X1, 4, 3)).ToFloatArray());
    }

    [Fact]
    public void GradientsReachWeightAndBias()
    {
        var bn = new BatchNorm1d(3);
        var x = T(X1, 4, 3).RequiresGradInPlace();
        (bn.Call(x) * T([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 4, 3)).Sum().Backward();
        Assert.Equal([22, 26, 30], bn.Bias!.Grad!.ToFloatArray());
        // Σ_c dx = 0 for each channel: the batch mean's gradient cancels a constant shift.
        var dx = x.Grad!.ToFloatArray();
        for (int c = 0; c < 3; c++)
        {
            Assert.InRange(dx[c] + dx[c + 3] + dx[c + 6] + dx[c + 9], -1e-4, 1e-4);
        }
    }

    [Fact]
    public void OneValuePerChannelInTrainingIsAnError()
    {
        var bn = new BatchNorm1d(3);
        var e = Assert.Throws<ArgumentException>(() => bn.Call(Tensor.Zeros(1, 3)));
        Assert.Contains("Expected more than 1 value per channel when training", e.Message);
        Assert.Contains("[1, 3]", e.Message);
        Assert.Equal(0L, bn.NumBatchesTracked!.Item<long>());
        bn.Call(Tensor.Zeros(1, 3, 2)); // two values per channel along the length
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4, 5 }, "expected 2D or 3D input (got 4D input")]
    [InlineData(new[] { 3 }, "expected 2D or 3D input (got 1D input")]
    [InlineData(new[] { 4, 5 }, "expected input with 3 channels in dimension 1, got shape [4, 5]")]
    public void BadInputShapesAreErrors(int[] shape, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new BatchNorm1d(3).Call(Tensor.Zeros(shape)));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("BatchNorm1d(3,", e.Message);
    }

    [Theory]
    [InlineData(1e-5, 0.1, true, true, "BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)")]
    [InlineData(0.001, null, false, false, "BatchNorm1d(3, eps=0.001, momentum=None, affine=False, track_running_stats=False)")]
    [InlineData(1.0, 0.01, true, true, "BatchNorm1d(3, eps=1.0, momentum=0.01, affine=True, track_running_stats=True)")]
    public void ToStringIsPyTorchsRepr(double eps, double? momentum, bool affine, bool track, string expected) =>
        Assert.Equal(expected, new BatchNorm1d(3, eps, momentum, affine, track).ToString());

    [Fact]
    public void ResetParametersRestoresDefaults()
    {
        var bn = new BatchNorm1d(2);
        bn.Call(T([1, 2, 3, 5], 2, 2));
        X(bn.Weight!, [3, 4]);
        bn.ResetParameters();
        Assert.Equal([1f, 1f], bn.Weight!.ToFloatArray());
        Assert.Equal([0f, 0f], bn.RunningMean!.ToFloatArray());
        Assert.Equal([1f, 1f], bn.RunningVar!.ToFloatArray());
        Assert.Equal(0L, bn.NumBatchesTracked!.Item<long>());
    }

    /// <summary>Per-channel mean, biased and unbiased variance of [n, c, s] data, in double.</summary>
    private static (double[] Mean, double[] VarBiased, double[] VarUnbiased) Stats(float[] x, int n, int c, int s)
    {
        var mean = new double[c];
        var sq = new double[c];
        for (int i = 0; i < x.Length; i++)
        {
            mean[i / s % c] += x[i];
        }

        int m = n * s;
        for (int ch = 0; ch < c; ch++)
        {
            mean[ch] /= m;
        }

        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - mean[i / s % c];
            sq[i / s % c] += d * d;
        }

        return (mean, [.. sq.Select(v => v / m)], [.. sq.Select(v => v / (m - 1))]);
    }

    private static void X(Tensor t, float[] values) => values.CopyTo(t.AsWritableSpan<float>());
}
