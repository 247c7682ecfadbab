using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Nn;

/// <summary>Test-only activation (y = 2x) standing in for the activation modules, which live elsewhere.</summary>
internal sealed class Scale : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => input * 2f;
}

internal static class TestData
{
    /// <summary>A tensor with the given values and shape.</summary>
    public static Tensor T(float[] values, params int[] shape) => Tensor.FromArray(values, shape);

    public static void AssertClose(float[] expected, float[] actual, float tol = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:G9}, got {actual[i]:G9}");
        }
    }
}
