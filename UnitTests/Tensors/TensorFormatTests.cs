using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

/// <summary>ToString matches PyTorch 1.13's repr (strings taken from <c>/usr/bin/python3 -c "print(repr(...))"</c>).</summary>
public class TensorFormatTests
{
    public static TheoryData<Func<Tensor>, string> Cases() => new()
    {
        { () => Tensor.FromArray([1f, 2, 3, 4], 2, 2), "tensor([[1., 2.],\n        [3., 4.]])" },
        { () => Tensor.FromArray([0.1f, -2.25f, 3f]), "tensor([ 0.1000, -2.2500,  3.0000])" },
        { () => Tensor.FromArray([1f, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2), "tensor([[[1., 2.],\n         [3., 4.]],\n\n        [[5., 6.],\n         [7., 8.]]])" },
        { () => Tensor.FromArray([1L, 2, 3]), "tensor([1, 2, 3])" },
        { () => Tensor.Scalar(3.5f), "tensor(3.5000)" },
        { () => Tensor.FromArray([1f, 2]).RequiresGradInPlace(), "tensor([1., 2.], requires_grad=True)" },
        { () => Tensor.FromArray([1f, 2]).RequiresGradInPlace() * Tensor.FromArray([2f, 2]), "tensor([2., 4.], grad_fn=<MulBackward0>)" },
        { () => Tensor.FromArray([true, false]), "tensor([ True, False], dtype=torch.bool)" },
        { () => Tensor.FromArray([1e-5f, 1f]), "tensor([1.0000e-05, 1.0000e+00])" },
        { () => Tensor.FromArray([10.5f, -100.25f]), "tensor([  10.5000, -100.2500])" },
        { () => Tensor.FromArray([float.NaN, float.PositiveInfinity, 1f]), "tensor([nan, inf, 1.])" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrintsLikePyTorch(Func<Tensor> make, string expected) => Assert.Equal(expected, make().ToString());

    [Fact]
    public void LargeTensorsAreSummarized()
    {
        var text = Tensor.Arange(2000).ToString();
        Assert.Contains("...,", text);
        Assert.StartsWith("tensor([0.0000e+00, 1.0000e+00, 2.0000e+00, ..., 1.9970e+03", text);
    }
}
