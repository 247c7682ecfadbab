using MlNetDl.Tensors;
using MlNetDl.Tensors.Serialization;

namespace MlNetDl.UnitTests.Optim;

/// <summary>Fixtures/torch/optim.safetensors, written by Fixtures/torch/make_optim_fixtures.py (layout in its docstring).</summary>
internal static class OptimFixture
{
    public const int Steps = 3;

    private static readonly Lazy<SafeTensorFile> File = new(() =>
        SafeTensors.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", "optim.safetensors")));

    public static float[] Floats(string name) => File.Value[name].ToFloats();

    public static double[] Doubles(string name) => File.Value[name].ToDoubles();

    public static int[] Shape(string name) => File.Value[name].Shape.Select(d => (int)d).ToArray();

    /// <summary>A fresh leaf parameter from "init/{name}", created outside any scope.</summary>
    public static Tensor Parameter(string name)
    {
        using var unscoped = TensorScope.Suspend();
        return Tensor.FromArray(Floats($"init/{name}"), Shape($"init/{name}")).RequiresGradInPlace();
    }

    /// <summary>The gradient PyTorch set before step <paramref name="step"/> (1-based).</summary>
    public static Tensor Grad(string name, int step)
    {
        using var unscoped = TensorScope.Suspend();
        return Tensor.FromArray(Floats($"grad{step}/{name}"), Shape($"grad{step}/{name}"));
    }

    /// <summary>Asserts |actual − expected| ≤ 1e-5·|expected| + 1e-7 elementwise.</summary>
    public static void AssertClose(float[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = 1e-5 * Math.Abs(expected[i]) + 1e-7;
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tol,
                $"{what}[{i}]: expected {expected[i]:G9}, got {actual[i]:G9} (tolerance {tol:G3})");
        }
    }
}
