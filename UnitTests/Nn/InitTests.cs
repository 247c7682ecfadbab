using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Nn;

public class InitTests
{
    public static TheoryData<Nonlinearity, double?, double> Gains() => new()
    {
        { Nonlinearity.Linear, null, 1 },
        { Nonlinearity.Conv2d, null, 1 },
        { Nonlinearity.ConvTranspose3d, null, 1 },
        { Nonlinearity.Sigmoid, null, 1 },
        { Nonlinearity.Tanh, null, 5.0 / 3 },
        { Nonlinearity.Relu, null, Math.Sqrt(2) },
        { Nonlinearity.LeakyRelu, null, Math.Sqrt(2 / (1 + 0.01 * 0.01)) },
        { Nonlinearity.LeakyRelu, 0.2, Math.Sqrt(2 / 1.04) },
        { Nonlinearity.LeakyRelu, Math.Sqrt(5), Math.Sqrt(1.0 / 3) },
        { Nonlinearity.Selu, null, 0.75 },
    };

    [Theory]
    [MemberData(nameof(Gains))]
    public void CalculateGainMatchesPyTorch(Nonlinearity nonlinearity, double? param, double expected) =>
        Assert.Equal(expected, Init.CalculateGain(nonlinearity, param), 12);

    public static TheoryData<int[], int, int> Fans() => new()
    {
        { [3, 4], 4, 3 },               // Linear weight [out, in]
        { [16, 3, 5, 5], 75, 400 },     // Conv2d weight [out, in, kH, kW]
        { [8, 2, 7], 14, 56 },          // Conv1d weight
        { [0, 5], 5, 0 },
    };

    [Theory]
    [MemberData(nameof(Fans))]
    public void FanInAndFanOutIncludeTheReceptiveField(int[] shape, int fanIn, int fanOut) =>
        Assert.Equal((fanIn, fanOut), Init.CalculateFanInAndFanOut(Tensor.Zeros(shape)));

    [Theory]
    [InlineData(new[] { 5 }, "[5]")]
    [InlineData(new int[0], "[]")]
    public void FanOfFewerThanTwoDimsIsAnError(int[] shape, string printed)
    {
        var t = Tensor.Zeros(shape);
        foreach (var act in new Action[]
        {
            () => Init.CalculateFanInAndFanOut(t), () => Init.XavierUniform(t), () => Init.KaimingNormal(t),
        })
        {
            var e = Assert.Throws<ArgumentException>(act);
            Assert.Contains("fewer than 2 dimensions", e.Message);
            Assert.Contains(printed, e.Message);
        }
    }

    [Fact]
    public void KaimingNormalForReluHasStdSqrtTwoOverFanIn()
    {
        var w = Tensor.Zeros(512, 300);
        Init.KaimingNormal(w, nonlinearity: Nonlinearity.Relu, generator: new Generator(1));
        var (mean, std) = Moments(w);
        Assert.InRange(std / Math.Sqrt(2.0 / 300), 0.98, 1.02);
        Assert.InRange(mean, -0.003, 0.003);
    }

    [Fact]
    public void KaimingNormalFanOutUsesTheFirstDimension()
    {
        var w = Tensor.Zeros(64, 32, 3, 3);
        Init.KaimingNormal(w, mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu, generator: new Generator(2));
        Assert.InRange(Moments(w).Std / Math.Sqrt(2.0 / (64 * 9)), 0.97, 1.03);
    }

    [Theory]
    [InlineData(0.0, 300, 6.0)]             // default leaky_relu with a = 0: bound √(6 / fan_in)
    [InlineData(2.2360679774997896, 300, 1.0)] // a = √5 (Linear's default): bound √(1 / fan_in)
    public void KaimingUniformStaysWithinItsBound(double a, int fanIn, double numerator)
    {
        var w = Tensor.Zeros(200, fanIn);
        Init.KaimingUniform(w, a, generator: new Generator(3));
        double bound = Math.Sqrt(numerator / fanIn);
        var v = w.ToFloatArray();
        Assert.All(v, x => Assert.InRange(Math.Abs(x), 0, bound + 1e-7));
        Assert.True(v.Max(Math.Abs) > 0.99 * bound, "samples should reach close to the bound");
        Assert.InRange(Moments(w).Std / (bound / Math.Sqrt(3)), 0.97, 1.03);
    }

    [Fact]
    public void XavierUniformAndNormalUseBothFans()
    {
        var u = Init.XavierUniform(Tensor.Zeros(300, 200), gain: 2, generator: new Generator(4));
        double a = 2 * Math.Sqrt(6.0 / 500);
        Assert.All(u.ToFloatArray(), x => Assert.InRange(Math.Abs(x), 0, a + 1e-7));
        Assert.InRange(Moments(u).Std / (a / Math.Sqrt(3)), 0.97, 1.03);

        var n = Init.XavierNormal(Tensor.Zeros(300, 200), generator: new Generator(5));
        Assert.InRange(Moments(n).Std / Math.Sqrt(2.0 / 500), 0.97, 1.03);
    }

    [Fact]
    public void SimpleFillsWriteInPlaceAndReturnTheTensor()
    {
        var t = Tensor.Zeros(1000);
        Assert.Same(t, Init.Uniform(t, -2, 3, new Generator(6)));
        Assert.All(t.ToFloatArray(), x => Assert.InRange(x, -2f, 3f));
        Assert.InRange(Moments(Init.Normal(t, 5, 0.5, new Generator(7))).Mean, 4.95, 5.05);
        Assert.All(Init.Constant(t, 1.5).ToFloatArray(), x => Assert.Equal(1.5f, x));
        Assert.All(Init.Zeros(t).ToFloatArray(), x => Assert.Equal(0f, x));
        Assert.All(Init.Ones(t).ToFloatArray(), x => Assert.Equal(1f, x));
    }

    [Fact]
    public void SameGeneratorSeedGivesSameValues()
    {
        var a = Init.KaimingUniform(Tensor.Zeros(4, 5), generator: new Generator(42)).ToFloatArray();
        var b = Init.KaimingUniform(Tensor.Zeros(4, 5), generator: new Generator(42)).ToFloatArray();
        Assert.Equal(a, b);
    }

    [Fact]
    public void InitializingAParameterIsNotRecordedAndBumpsItsVersion()
    {
        var p = Tensor.Zeros(3, 4).RequiresGradInPlace();
        int before = p.Version;
        Init.XavierUniform(p);
        Assert.True(p.IsLeaf);
        Assert.True(p.Version > before);
    }

    [Fact]
    public void NonFloatTensorsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Init.Ones(Tensor.FromArray(new long[] { 1, 2 })));
        Assert.Contains("float32", e.Message);
        Assert.Contains("int64", e.Message);
    }

    private static (double Mean, double Std) Moments(Tensor t)
    {
        var v = t.ToFloatArray();
        double mean = v.Average(x => (double)x);
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)));
    }
}
