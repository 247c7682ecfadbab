using MlNetDl.Tensors;
using MlNetDl.Tensors.Kernels.Pool;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>The fused batch-norm loops against a scalar double reference over lengths that cover the vector body,
/// the tail and the short (tail-only) case.</summary>
public class SegmentSimdTests
{
    public static TheoryData<int> Lengths() => [0, 1, 7, 8, 15, 16, 17, 33, 100, 784];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MatchScalarReference(int length)
    {
        var rng = new Generator(length);
        var x = new float[length];
        var g = new float[length];
        rng.FillUniform(x, -3, 3);
        rng.FillUniform(g, -1, 1);
        const float m = 0.4f, a = 1.5f, b = -0.7f, k = 0.2f;

        double sq = 0, sg = 0, sgx = 0;
        for (int i = 0; i < length; i++)
        {
            sq += (x[i] - m) * (double)(x[i] - m);
            sg += g[i];
            sgx += g[i] * (double)(x[i] - m);
        }

        Assert.Equal(sq, SegmentSimd.SumSquaredDeviation(x, m), 1e-3 * (1 + sq));
        var (sumG, sumGx) = SegmentSimd.SumAndCenteredDot(g, x, m);
        Assert.Equal(sg, sumG, 1e-4 * (1 + Math.Abs(sg)));
        Assert.Equal(sgx, sumGx, 1e-4 * (1 + Math.Abs(sgx)));

        var y = new float[length];
        var d = new float[length];
        SegmentSimd.Affine(x, a, b, y);
        SegmentSimd.Combine(g, x, a, b, k, d);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(x[i] * a + b, y[i], 1e-5f);
            Assert.Equal(g[i] * a + x[i] * b + k, d[i], 1e-5f);
        }
    }
}
