using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Nn;

internal static class NnAssert
{
    /// <summary>Element-wise |expected − actual| ≤ tol·(1 + |expected|), with the index in the message.</summary>
    public static void Close(float[] expected, Tensor actual, float tol = 1e-5f, string what = "")
    {
        var a = actual.ToFloatArray();
        Assert.True(expected.Length == a.Length, $"{what}: expected {expected.Length} values, got {a.Length} (shape {actual.Shape})");
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - a[i]) <= tol * (1 + Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:G9}, got {a[i]:G9}");
        }
    }
}
