using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Nn;

/// <summary>Conv2d / ConvTranspose2d modules: repr, parameter counts and init as PyTorch 1.13, output shapes and
/// error messages (the op's values and gradients are checked by the op registry's gradient and PyTorch tests).</summary>
public class ConvModuleTests
{
    private static readonly Dictionary<string, Func<Module<Tensor, Tensor>>> Layers = new()
    {
        ["conv5"] = () => new Conv2d(1, 32, 5),
        ["same"] = () => new Conv2d(3, 8, 4, ConvPadding.Same),
        ["tuple"] = () => new Conv2d(3, 8, (3, 2), stride: (2, 2), padding: (1, 0), dilation: (2, 2), bias: false),
        ["valid_groups"] = () => new Conv2d(4, 8, 3, ConvPadding.Valid, groups: 2),
        ["t_stride"] = () => new ConvTranspose2d(16, 8, 3, stride: 2, padding: 1, outputPadding: 1),
        ["t_groups"] = () => new ConvTranspose2d(16, 8, 3, groups: 2, bias: false, dilation: 2),
        ["t_plain"] = () => new ConvTranspose2d(16, 8, 3),
    };

    // Expected strings printed by PyTorch 1.13 for the same constructor calls.
    public static TheoryData<string, string> Reprs() => new()
    {
        { "conv5", "Conv2d(1, 32, kernel_size=(5, 5), stride=(1, 1))" },
        { "same", "Conv2d(3, 8, kernel_size=(4, 4), stride=(1, 1), padding=same)" },
        { "tuple", "Conv2d(3, 8, kernel_size=(3, 2), stride=(2, 2), padding=(1, 0), dilation=(2, 2), bias=False)" },
        { "valid_groups", "Conv2d(4, 8, kernel_size=(3, 3), stride=(1, 1), padding=valid, groups=2)" },
        { "t_stride", "ConvTranspose2d(16, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))" },
        { "t_groups", "ConvTranspose2d(16, 8, kernel_size=(3, 3), stride=(1, 1), dilation=(2, 2), groups=2, bias=False)" },
        { "t_plain", "ConvTranspose2d(16, 8, kernel_size=(3, 3), stride=(1, 1))" },
    };

    [Theory]
    [MemberData(nameof(Reprs))]
    public void ReprMatchesPyTorch(string layer, string expected) => Assert.Equal(expected, Layers[layer]().ToString());

    /// <summary>Input shape → output shape, or the start of the error message.</summary>
    public static TheoryData<string, int[], string> Shapes() => new()
    {
        { "conv5", [2, 1, 28, 28], "[2, 32, 24, 24]" },
        { "conv5", [1, 28, 28], "[32, 24, 24]" },
        { "same", [2, 3, 64, 64], "[2, 8, 64, 64]" },
        { "same", [1, 3, 5, 7], "[1, 8, 5, 7]" },
        { "tuple", [1, 3, 9, 9], "[1, 8, 4, 4]" },
        { "valid_groups", [1, 4, 6, 6], "[1, 8, 4, 4]" },
        { "t_stride", [2, 16, 7, 7], "[2, 8, 14, 14]" },
        { "t_groups", [1, 16, 3, 5], "[1, 8, 7, 9]" },
        { "conv5", [2, 3, 28, 28], "Conv2d: expected input with 1 channels (weight [32, 1, 5, 5]), got [2, 3, 28, 28]." },
        { "valid_groups", [1, 3, 6, 6], "Conv2d: expected input with 4 channels (weight [8, 2, 3, 3], groups=2), got [1, 3, 6, 6]." },
        { "conv5", [1, 1, 4, 30], "Conv2d: input [1, 1, 4, 30] is too small: padded size per channel (4 x 30)" },
        { "tuple", [1, 3, 2, 9], "Conv2d: input [1, 3, 2, 9] is too small: padded size per channel (4 x 9)" },
        { "conv5", [1, 28, 28, 1, 1], "Conv2d: expected a 3-D (unbatched) or 4-D (batched) input" },
        { "t_plain", [1, 8, 3, 3], "ConvTranspose2d: expected input with 16 channels (weight [16, 8, 3, 3]), got [1, 8, 3, 3]." },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardShapeOrError(string layer, int[] input, string expected)
    {
        var module = Layers[layer]();
        var x = Tensor.Zeros(input);
        if (expected.StartsWith('['))
        {
            Assert.Equal(expected, module.Forward(x).Shape.ToString());
        }
        else
        {
            var e = Assert.Throws<ArgumentException>(() => module.Forward(x));
            Assert.StartsWith(expected, e.Message);
        }
    }

    public static TheoryData<string, string> BadArguments() => new()
    {
        { "groups", "Conv2d: in_channels must be divisible by groups; got in_channels=3, groups=2." },
        { "out_groups", "Conv2d: out_channels must be divisible by groups; got out_channels=9, groups=2." },
        { "same_stride", "Conv2d: padding='same' is not supported for strided convolutions; got stride (2, 2)." },
        { "zero_stride", "Conv2d: stride must be positive; got (0, 1)." },
        { "t_output_padding", "ConvTranspose2d: output padding must be smaller than either stride or dilation; got output_padding (2, 2), stride (2, 2), dilation (1, 1)." },
        { "f_same_stride", "Conv2d: padding='same' is not supported for strided convolutions; got stride (2, 2)." },
        { "f_bias", "Conv2d: bias must have shape [4] to match weight [4, 3, 3, 3]; got [3]." },
        { "f_weight_groups", "Conv2d: out_channels 4 (weight [4, 3, 3, 3]) must be divisible by groups=3." },
        { "f_t_too_small", "ConvTranspose2d: input [1, 4, 1, 1] gives a non-positive output size (0 x 0)" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void InvalidArgumentsAreRejected(string name, string expected)
    {
        var x = Tensor.Zeros(1, 3, 8, 8);
        var w = Tensor.Zeros(4, 3, 3, 3);
        Action act = name switch
        {
            "groups" => () => _ = new Conv2d(3, 8, 3, groups: 2),
            "out_groups" => () => _ = new Conv2d(4, 9, 3, groups: 2),
            "same_stride" => () => _ = new Conv2d(4, 8, 3, ConvPadding.Same, stride: 2),
            "zero_stride" => () => _ = new Conv2d(4, 8, (3, 3), stride: (0, 1)),
            "t_output_padding" => () => new ConvTranspose2d(4, 8, 3, stride: 2, outputPadding: 2).Forward(Tensor.Zeros(1, 4, 3, 3)),
            "f_same_stride" => () => Functional.Conv2d(x, w, null, ConvPadding.Same, stride: 2),
            "f_bias" => () => Functional.Conv2d(x, w, Tensor.Zeros(3)),
            "f_weight_groups" => () => Functional.Conv2d(Tensor.Zeros(1, 9, 8, 8), w, null, groups: 3),
            _ => () => Functional.ConvTranspose2d(Tensor.Zeros(1, 4, 1, 1), Tensor.Zeros(4, 2, 2, 2), null, padding: 1),
        };
        var e = Assert.Throws<ArgumentException>(act);
        Assert.StartsWith(expected, e.Message);
    }

    /// <summary>Counts printed by PyTorch 1.13 (sum of p.numel()) for the same architectures.</summary>
    public static TheoryData<string, long> Counts() => new()
    {
        { "mnist_cnn", 62_346 },
        { "signs_cnn", 1_310 },
        { "autoencoder", 449_473 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void ParameterCountMatchesPyTorch(string name, long expected)
    {
        var model = CourseModels.Build(name);
        Assert.Equal(expected, model.ParameterCount());
        var (input, output) = CourseModels.Shapes(name);
        using (GradMode.NoGrad())
        {
            Assert.Equal(output, model.Forward(Tensor.Zeros(input)).Shape.ToString());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DefaultInitIsUniformWithinOneOverSqrtFanIn(bool transposed)
    {
        // fan_in = weight.size(1)·kH·kW: in/groups·k² for Conv2d, out/groups·k² for ConvTranspose2d (PyTorch's rule).
        ConvNdBase layer = transposed ? new ConvTranspose2d(6, 20, 3, groups: 2, generator: new Generator(3))
            : new Conv2d(20, 6, 3, groups: 2, generator: new Generator(3));
        double bound = 1 / Math.Sqrt(10 * 9);
        var w = layer.Weight.ToFloatArray();
        var b = layer.Bias!.ToFloatArray();
        Assert.All(w, v => Assert.InRange(Math.Abs(v), 0, bound + 1e-7));
        Assert.All(b, v => Assert.InRange(Math.Abs(v), 0, bound + 1e-7));
        Assert.True(w.Max(Math.Abs) > 0.95 * bound);
        Assert.Equal(transposed ? "[6, 10, 3, 3]" : "[6, 10, 3, 3]", layer.Weight.Shape.ToString());
    }

    [Fact]
    public void StateDictHoldsWeightAndBias()
    {
        var names = new Conv2d(3, 4, 3).NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(["weight", "bias"], names);
        Assert.Equal(["weight"], new ConvTranspose2d(3, 4, 3, bias: false).NamedParameters().Select(p => p.Name).ToArray());
    }
}
