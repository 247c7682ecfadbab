using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.UnitTests.Nn;

public class DropoutTests
{
    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.8f)]
    public void KeepsAboutOneMinusPAndScalesByItsInverse(float p)
    {
        const int n = 100_000;
        var y = F.Dropout(Tensor.Ones(n), p, training: true, new Generator(1)).ToFloatArray();
        int kept = y.Count(v => v != 0);
        Assert.InRange(kept / (double)n, 1 - p - 0.01, 1 - p + 0.01);
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1f / (1f - p), v, 5));
    }

    [Fact]
    public void EvalReturnsTheSameTensor()
    {
        var x = Tensor.Randn([4, 4], new Generator(2));
        Assert.Same(x, F.Dropout(x, 0.5f, training: false));
        var module = new Dropout(0.3f);
        module.Eval();
        Assert.Same(x, module.Forward(x));
    }

    [Fact]
    public void PEqualToOneGivesZerosAndPZeroKeepsValues()
    {
        var x = Tensor.Randn([50], new Generator(3));
        Assert.All(F.Dropout(x, 1f).ToFloatArray(), v => Assert.Equal(0f, v));
        Assert.Equal(x.ToFloatArray(), F.Dropout(x, 0f).ToFloatArray());
    }

    [Fact]
    public void SameSeedGivesSameMaskAndGradientUsesIt()
    {
        var x = Tensor.Ones(1000).RequiresGradInPlace();
        var a = F.Dropout(x, 0.5f, true, new Generator(9));
        var b = F.Dropout(x, 0.5f, true, new Generator(9));
        var c = F.Dropout(x, 0.5f, true, new Generator(10));
        Assert.Equal(a.ToFloatArray(), b.ToFloatArray());
        Assert.NotEqual(a.ToFloatArray(), c.ToFloatArray());
        a.Sum().Backward();
        Assert.Equal(a.ToFloatArray(), x.Grad!.ToFloatArray()); // d(x·m)/dx = m, and x = 1
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void RejectsProbabilityOutsideUnitInterval(float p)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => F.Dropout(Tensor.Ones(3), p));
        Assert.Contains("between 0 and 1", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p));
    }
}
