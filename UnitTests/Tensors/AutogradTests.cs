using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;

namespace MlNetDl.UnitTests.Tensors;

public class AutogradTests
{
    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        var x = Tensor.FromArray([1f, 2, 3]).RequiresGradInPlace();
        (x * x).Sum().Backward();
        Assert.Equal([2f, 4, 6], x.Grad!.ToFloatArray());
        (x * 3f).Sum().Backward();
        Assert.Equal([5f, 7, 9], x.Grad!.ToFloatArray());
    }

    [Fact]
    public void SharedSubexpressionsReceiveTheSumOfTheirGradients()
    {
        var x = Tensor.FromArray([2f]).RequiresGradInPlace();
        var y = x * x;          // y = x²
        var z = y * y + y;      // z = x⁴ + x²  → dz/dx = 4x³ + 2x = 36
        z.Sum().Backward();
        Assert.Equal(36f, x.Grad!.Item(), 4);
    }

    [Fact]
    public void BackwardWithExplicitGradientOnNonScalar()
    {
        var x = Tensor.FromArray([1f, 2]).RequiresGradInPlace();
        var y = x * 2f;
        y.Backward(Tensor.FromArray([1f, 10]));
        Assert.Equal([2f, 20], x.Grad!.ToFloatArray());
    }

    [Fact]
    public void BackwardOnNonScalarWithoutGradientExplainsTheFix()
    {
        var y = Tensor.Ones(2, 2).RequiresGradInPlace() * 2f;
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("scalar", ex.Message);
        Assert.Contains("[2, 2]", ex.Message);
    }

    [Fact]
    public void BackwardGradientShapeMismatchNamesBothShapes()
    {
        var y = Tensor.Ones(2, 3).RequiresGradInPlace() * 2f;
        var ex = Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Ones(3, 2)));
        Assert.Contains("[3, 2]", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
    }

    [Fact]
    public void InPlaceChangeOfASavedTensorIsDetected()
    {
        var a = Tensor.FromArray([1f, 2]).RequiresGradInPlace();
        var b = Tensor.FromArray([3f, 4]);
        var y = a * b;
        b.AsWritableSpan<float>()[0] = 5f;
        var ex = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("modified in place", ex.Message);
        Assert.Contains("mul", ex.Message);
    }

    [Fact]
    public void SecondBackwardThroughFreedGraphFailsUnlessRetained()
    {
        var x = Tensor.FromArray([1f, 2]).RequiresGradInPlace();
        var y = (x * x).Sum();
        y.Backward(retainGraph: true);
        y.Backward();
        Assert.Equal([4f, 8], x.Grad!.ToFloatArray());
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("second time", ex.Message);
    }

    [Fact]
    public void NoGradAndDetachStopRecording()
    {
        var x = Tensor.FromArray([1f]).RequiresGradInPlace();
        using (GradMode.NoGrad())
        {
            var y = x * 2f;
            Assert.False(y.RequiresGrad);
            Assert.Null(y.GradFn);
            using (GradMode.EnableGrad())
            {
                Assert.True((x * 2f).RequiresGrad);
            }
        }

        Assert.True(GradMode.IsEnabled);
        var d = (x * 2f).Detach();
        Assert.True(d.IsLeaf);
        Assert.False(d.RequiresGrad);
        Assert.Contains("does not require grad", Assert.Throws<InvalidOperationException>(() => Tensor.Ones(1).Backward()).Message);
    }

    [Fact]
    public void RequiresGradCanOnlyChangeOnLeaves()
    {
        var y = Tensor.Ones(2).RequiresGradInPlace() * 2f;
        var ex = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        Assert.Contains("leaf", ex.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.FromArray([1L]).RequiresGrad = true);
    }

    [Fact]
    public void DeepGraphsDoNotOverflowTheStack()
    {
        var x = Tensor.FromArray([1f]).RequiresGradInPlace();
        var y = x;
        for (int i = 0; i < 20_000; i++)
        {
            y = y * 1.0001f;
        }

        y.Sum().Backward();
        Assert.Equal(Math.Pow(1.0001, 20_000), x.Grad!.Item(), 1);
    }
}
