using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.UnitTests.Nn;

public class Dropout2dTests
{
    [Theory]
    [InlineData(0.2f)]
    [InlineData(0.5f)]
    [InlineData(0.8f)]
    public void ZeroesWholeChannelsWithProbabilityPAndScalesTheRest(float p)
    {
        const int n = 200, c = 50, hw = 9;
        var y = F.Dropout2d(Tensor.Ones(n, c, 3, 3), p, training: true, new Generator(3)).ToFloatArray();
        int dropped = 0;
        for (int ch = 0; ch < n * c; ch++)
        {
            var plane = y.AsSpan(ch * hw, hw);
            float first = plane[0];
            Assert.True(first == 0 || Math.Abs(first - 1 / (1 - p)) < 1e-6, $"channel {ch}: {first}");
            foreach (var v in plane)
            {
                Assert.Equal(first, v); // a channel is dropped or kept whole
            }

            dropped += first == 0 ? 1 : 0;
        }

        Assert.InRange(dropped / (double)(n * c), p - 0.02, p + 0.02);
    }

    [Fact]
    public void GradientIsTheChannelMaskAndEvalIsIdentity()
    {
        var x = Tensor.Uniform(new Shape(4, 6, 2, 3), 0.5f, 1f, new Generator(1)).RequiresGradInPlace();
        var y = F.Dropout2d(x, 0.5f, true, new Generator(8));
        y.Sum().Backward();
        var ys = y.ToFloatArray();
        var xs = x.ToFloatArray();
        var gs = x.Grad!.ToFloatArray();
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal(ys[i] / xs[i], gs[i], 5);
        }

        var module = new Dropout2d(0.3f);
        module.Eval();
        Assert.Same(x, module.Call(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout2d(1.5f));
    }
}
