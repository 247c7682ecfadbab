using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using static MlNetDl.UnitTests.Nn.TestData;

namespace MlNetDl.UnitTests.Nn;

public class LinearTests
{
    public static TheoryData<string, long> Counts() => new()
    {
        { "mlp", 109_386 },
        { "no_bias", 50 },
        { "batch_norm", 6 },
        { "mixed", 15 + 6 + 8 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void ParameterCountMatchesPyTorch(string name, long expected)
    {
        Module model = name switch
        {
            "mlp" => new Sequential(new Linear(784, 128), new Scale(), new Linear(128, 64), new Scale(), new Linear(64, 10)),
            "no_bias" => new Linear(10, 5, bias: false),
            "batch_norm" => new BatchNorm1d(3),
            _ => new Sequential(new Linear(4, 3), new BatchNorm1d(3), new Linear(3, 2)),
        };
        Assert.Equal(expected, model.ParameterCount());
    }

    [Fact]
    public void DefaultInitIsUniformWithinOneOverSqrtFanIn()
    {
        var layer = new Linear(400, 300, generator: new Generator(11));
        double bound = 1 / Math.Sqrt(400);
        var w = layer.Weight.ToFloatArray();
        var b = layer.Bias!.ToFloatArray();
        Assert.All(w, x => Assert.InRange(Math.Abs(x), 0, bound + 1e-7));
        Assert.All(b, x => Assert.InRange(Math.Abs(x), 0, bound + 1e-7));
        Assert.True(w.Max(Math.Abs) > 0.99 * bound);
        double std = Math.Sqrt(w.Average(x => (double)x * x));
        Assert.InRange(std / (bound / Math.Sqrt(3)), 0.98, 1.02);
        Assert.True(layer.Weight.RequiresGrad && layer.Bias.RequiresGrad);
    }

    [Fact]
    public void ResetParametersRedrawsFromTheGenerator()
    {
        var layer = new Linear(3, 2, generator: new Generator(1));
        var first = layer.Weight.ToFloatArray();
        layer.ResetParameters(new Generator(2));
        Assert.NotEqual(first, layer.Weight.ToFloatArray());
        layer.ResetParameters(new Generator(1));
        Assert.Equal(first, layer.Weight.ToFloatArray());
    }

    public static TheoryData<int[], bool> Inputs() => new()
    {
        { [2, 3], true },
        { [2, 3], false },
        { [2, 4, 3], true },
        { [3], true },
        { [0, 3], true },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void ForwardIsXTimesWeightTransposedPlusBias(int[] shape, bool bias)
    {
        var layer = new Linear(3, 2, bias);
        Set(layer.Weight, [1, 2, 3, -1, 0.5f, 0]);
        if (layer.Bias is not null)
        {
            Set(layer.Bias, [0.25f, -1]);
        }

        var x = Tensor.Uniform(new Shape(shape), -1, 1, new Generator(3));
        var y = layer.Call(x);

        var expectedShape = (int[])shape.Clone();
        expectedShape[^1] = 2;
        Assert.Equal(new Shape(expectedShape), y.Shape);
        var xs = x.ToFloatArray();
        var expected = new float[y.Numel];
        for (int r = 0; r < expected.Length / 2; r++)
        {
            expected[2 * r] = xs[3 * r] + 2 * xs[3 * r + 1] + 3 * xs[3 * r + 2] + (bias ? 0.25f : 0);
            expected[2 * r + 1] = -xs[3 * r] + 0.5f * xs[3 * r + 1] + (bias ? -1 : 0);
        }

        AssertClose(expected, y.ToFloatArray());
    }

    [Fact]
    public void BackwardFillsParameterGradients()
    {
        var layer = new Linear(3, 2);
        var x = TestData.T([1, 2, 3, 4, 5, 6], 2, 3);
        layer.Call(x).Sum().Backward();
        Assert.Equal([5, 7, 9, 5, 7, 9], layer.Weight.Grad!.ToFloatArray());
        Assert.Equal([2, 2], layer.Bias!.Grad!.ToFloatArray());
    }

    [Fact]
    public void InputFeatureMismatchNamesTheLayerAndShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Linear(4, 3).Call(Tensor.Zeros(2, 5)));
        Assert.Contains("Linear(in_features=4, out_features=3, bias=True)", e.Message);
        Assert.Contains("in_features=4", e.Message);
        Assert.Contains("[2, 5]", e.Message);
    }

    [Fact]
    public void FunctionalLinearValidatesBias()
    {
        var e = Assert.Throws<ArgumentException>(() => Functional.Linear(Tensor.Zeros(2, 3), Tensor.Zeros(4, 3), Tensor.Zeros(3)));
        Assert.Contains("bias", e.Message);
        Assert.Contains("[4]", e.Message);
    }

    [Theory]
    [InlineData(784, 10, true, "Linear(in_features=784, out_features=10, bias=True)")]
    [InlineData(3, 2, false, "Linear(in_features=3, out_features=2, bias=False)")]
    public void ToStringIsPyTorchsRepr(int inF, int outF, bool bias, string expected) =>
        Assert.Equal(expected, new Linear(inF, outF, bias).ToString());

    private static void Set(Tensor t, float[] values) => values.CopyTo(t.AsWritableSpan<float>());
}
