using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

/// <summary>Shape-and-value assertions shared by the op tests.</summary>
internal static class TensorAssert
{
    public static void Equal(int[] shape, float[] expected, Tensor actual, float tol = 1e-6f)
    {
        Assert.Equal(DType.Float32, actual.DType);
        Assert.Equal(new Shape(shape), actual.Shape);
        var v = actual.ToFloatArray();
        Assert.Equal(expected.Length, v.Length);
        for (int i = 0; i < v.Length; i++)
        {
            Assert.True(float.IsNaN(expected[i]) ? float.IsNaN(v[i]) : expected[i] == v[i] || Math.Abs(expected[i] - v[i]) <= tol,
                $"element {i}: expected {expected[i]}, got {v[i]} (all: [{string.Join(", ", v)}])");
        }
    }

    public static void Elements<T>(int[] shape, T[] expected, Tensor actual)
    {
        Assert.Equal(new Shape(shape), actual.Shape);
        Assert.Equal(expected, actual.ToArray<T>());
    }

    /// <summary>Runs <paramref name="act"/> and checks the exception's message contains every fragment.</summary>
    public static TException Throws<TException>(Action act, params string[] fragments)
        where TException : Exception
    {
        var e = Assert.ThrowsAny<TException>(act);
        foreach (var f in fragments)
        {
            Assert.Contains(f, e.Message);
        }

        return e;
    }
}
