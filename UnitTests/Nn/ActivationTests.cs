using MlNetDl.Tensors;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.UnitTests.Nn;

/// <summary>Forward values of the activations against PyTorch 1.13 (values printed by torch for the same inputs).</summary>
public class ActivationTests
{
    private static readonly float[] X = [-2f, -0.5f, 0f, 0.5f, 3f];

    private static readonly Dictionary<string, (Func<Tensor, Tensor> Fn, float[] Input, float[] Expected)> Table = new()
    {
        ["relu"] = (F.Relu, X, [0f, 0f, 0f, 0.5f, 3f]),
        ["relu_method"] = (x => x.Relu(), X, [0f, 0f, 0f, 0.5f, 3f]),
        ["leaky_relu"] = (x => F.LeakyRelu(x), X, [-0.02f, -0.005f, 0f, 0.5f, 3f]),
        ["leaky_relu_0.2"] = (x => F.LeakyRelu(x, 0.2f), X, [-0.4f, -0.1f, 0f, 0.5f, 3f]),
        ["elu"] = (x => F.Elu(x), X, [-0.86466473f, -0.39346933f, 0f, 0.5f, 3f]),
        ["elu_0.5"] = (x => F.Elu(x, 0.5f), X, [-0.43233237f, -0.19673467f, 0f, 0.5f, 3f]),
        ["sigmoid"] = (x => x.Sigmoid(), X, [0.11920292f, 0.37754068f, 0.5f, 0.62245935f, 0.95257413f]),
        ["sigmoid_extreme"] = (F.Sigmoid, [-100f, 100f], [0f, 1f]),
        ["tanh"] = (x => x.Tanh(), X, [-0.96402758f, -0.46211717f, 0f, 0.46211717f, 0.99505478f]),
        ["softplus"] = (x => F.Softplus(x), X, [0.126928f, 0.47407699f, 0.69314718f, 0.97407699f, 3.0485873f]),
        ["softplus_beta2_threshold1"] = (x => F.Softplus(x, 2f, 1f), X, [0.0090749646f, 0.15663084f, 0.34657359f, 0.65663081f, 3f]),
        // Above the threshold the output is x itself; far below, the tiny tail survives (no underflow to 0 at -20).
        ["softplus_extreme"] = (x => F.Softplus(x), [-20f, 25f, 100f], [2.0611537e-09f, 25f, 100f]),
    };

    public static TheoryData<string> Names() => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void ForwardMatchesPyTorch(string name)
    {
        var (fn, input, expected) = Table[name];
        var y = fn(Tensor.FromArray(input));
        Assert.Equal(new Shape(input.Length), y.Shape);
        NnAssert.Close(expected, y, 1e-5f, name);
    }

    public static TheoryData<string, int, float[]> SoftmaxCases() => new()
    {
        { "softmax", 1, [0.090030573f, 0.24472848f, 0.66524094f, 1f, 0f, 0f] },
        { "log_softmax", 1, [-2.4076059f, -1.4076059f, -0.40760595f, 0f, -20000f, -10000f] },
        { "softmax", 0, [0f, 1f, 0.95257413f, 1f, 0f, 0.047425874f] },
        { "log_softmax", 0, [-9999f, 0f, -0.04858733f, 0f, -10002f, -3.0485873f] },
        { "softmax", -1, [0.090030573f, 0.24472848f, 0.66524094f, 1f, 0f, 0f] },
    };

    /// <summary>±1e4 logits stay finite (the maximum is subtracted), along the last and a leading dimension.</summary>
    [Theory]
    [MemberData(nameof(SoftmaxCases))]
    public void SoftmaxFamilyIsStableForHugeLogits(string op, int dim, float[] expected)
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 1e4f, -1e4f, 0f], 2, 3);
        var y = op == "softmax" ? x.Softmax(dim) : x.LogSoftmax(dim);
        Assert.All(y.ToFloatArray(), v => Assert.True(float.IsFinite(v), $"{op}(dim={dim}) produced {v}"));
        NnAssert.Close(expected, y, 1e-5f, $"{op}(dim={dim})");
    }

    [Fact]
    public void SoftmaxRowsSumToOneAlongMiddleDimension()
    {
        var x = Tensor.Randn([3, 5, 4], new Generator(3)) * 10f;
        var s = F.Softmax(x, 1).Sum(1);
        NnAssert.Close(Enumerable.Repeat(1f, 12).ToArray(), s, 1e-5f, "row sums");
        var expLog = F.LogSoftmax(x, 1).Exp();
        NnAssert.Close(F.Softmax(x, 1).ToFloatArray(), expLog, 1e-5f, "exp(log_softmax)");
    }

    [Fact]
    public void PreluUsesOneSlopePerChannel()
    {
        var x = Tensor.FromArray([-1f, 2f, -1f, -2f, 3f, -4f], 1, 3, 2);
        var y = F.Prelu(x, Tensor.FromArray([0.1f, 0.2f, 0.3f]));
        NnAssert.Close([-0.1f, 2f, -0.2f, -0.4f, 3f, -1.2f], y, 1e-6f, "prelu");
    }

    [Fact]
    public void PreluRejectsWrongParameterCount()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.Prelu(Tensor.Zeros(2, 3, 4), Tensor.Full([2], 0.25f)));
        Assert.Contains("[2, 3, 4]", ex.Message);
        Assert.Contains("3 channel", ex.Message);
    }

    public static TheoryData<string> KinkCases() => ["relu", "leaky_relu", "elu"];

    /// <summary>Gradients at exactly x = 0 follow PyTorch: relu 0, leaky_relu the slope, elu 1.</summary>
    [Theory]
    [MemberData(nameof(KinkCases))]
    public void GradientAtZeroMatchesPyTorch(string name)
    {
        var x = Tensor.Zeros(1).RequiresGradInPlace();
        var (y, expected) = name switch
        {
            "relu" => (F.Relu(x), 0f),
            "leaky_relu" => (F.LeakyRelu(x), 0.01f),
            _ => (F.Elu(x), 1f),
        };
        y.Sum().Backward();
        Assert.Equal(expected, x.Grad!.Item(), 6);
    }

    /// <summary>The SIMD kernels agree with the scalar rule over lengths that exercise full vectors and tails.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(1000)]
    public void FusedBackwardMatchesScalarRule(int n)
    {
        var x = Tensor.Randn([n], new Generator(n)).RequiresGradInPlace();
        var g = Tensor.Randn([n], new Generator(n + 1));
        F.LeakyRelu(x, 0.1f).Backward(g);
        var xs = x.ToFloatArray();
        var gs = g.ToFloatArray();
        NnAssert.Close([.. xs.Select((v, i) => v > 0 ? gs[i] : gs[i] * 0.1f)], x.Grad!, 1e-6f, "leaky_relu grad");

        x.Grad = null;
        var y = x.Tanh();
        y.Backward(g);
        var ys = y.ToFloatArray();
        NnAssert.Close([.. ys.Select((v, i) => gs[i] * (1 - v * v))], x.Grad!, 1e-5f, "tanh grad");
    }
}
