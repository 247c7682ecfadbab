using MlNetDl.Tensors.Kernels.Optim;

namespace MlNetDl.UnitTests.Optim;

/// <summary>The fused kernels give the same bits on the 512-bit, 256-bit and scalar paths: running a whole span
/// (vector body + tail) equals running it one element at a time (scalar path only), for lengths covering every
/// body/tail split.</summary>
public sealed class OptimizerKernelTests
{
    public static TheoryData<int> Lengths() => [0, 1, 7, 8, 15, 16, 17, 24, 31, 33, 40, 63, 100];

    private static float[] Random(int n, int seed, float scale = 1f)
    {
        var r = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() * 2 - 1) * scale).ToArray();
    }

    /// <summary>Runs <paramref name="kernel"/> on whole arrays and element by element; both results must be equal.</summary>
    private static void AssertSameBits(int n, int buffers, Action<Span<float>, float[], float[][], int, int> kernel)
    {
        var p = Random(n, 1);
        var g = Random(n, 2);
        var state = Enumerable.Range(0, buffers).Select(i => Random(n, 10 + i, 0.1f).Select(MathF.Abs).ToArray()).ToArray();
        var p2 = (float[])p.Clone();
        var state2 = state.Select(s => (float[])s.Clone()).ToArray();

        kernel(p, g, state, 0, n);
        for (int i = 0; i < n; i++)
        {
            kernel(p2, g, state2, i, 1);
        }

        Assert.Equal(p2, p);
        for (int k = 0; k < buffers; k++)
        {
            Assert.Equal(state2[k], state[k]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SgdNesterovIsPathIndependent(int n) => AssertSameBits(n, 1, (p, g, s, at, len) =>
        OptimizerKernels.Sgd(p.Slice(at, len), g.AsSpan(at, len), s[0].AsSpan(at, len), firstStep: false,
            new SgdCoefficients(-0.1f, 0.01f, 0.9f, 0.8f, Nesterov: true)));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AdamAmsGradIsPathIndependent(int n) => AssertSameBits(n, 3, (p, g, s, at, len) =>
        OptimizerKernels.Adam(p.Slice(at, len), g.AsSpan(at, len), s[0].AsSpan(at, len), s[1].AsSpan(at, len), s[2].AsSpan(at, len),
            new AdamCoefficients(0.9f, 0.1f, 0.999f, 0.001f, 0.01f, 0.999f, -0.01f, 0.3f, 1e-8f, AmsGrad: true)));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void RmsPropCenteredMomentumIsPathIndependent(int n) => AssertSameBits(n, 3, (p, g, s, at, len) =>
        OptimizerKernels.RmsProp(p.Slice(at, len), g.AsSpan(at, len), s[0].AsSpan(at, len), s[1].AsSpan(at, len), s[2].AsSpan(at, len),
            new RmsPropCoefficients(-0.01f, 0.9f, 0.1f, 1e-8f, 0.02f, 0.5f, Centered: true)));
}
