using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Tensors.Nn;

/// <summary>Which fan Kaiming initialization preserves: the forward pass's variance (fan in) or the backward
/// pass's (fan out).</summary>
public enum FanMode
{
    FanIn,
    FanOut,
}

/// <summary>Nonlinearities known to <see cref="Init.CalculateGain"/> (PyTorch's strings in .NET casing).</summary>
public enum Nonlinearity
{
    Linear,
    Conv1d,
    Conv2d,
    Conv3d,
    ConvTranspose1d,
    ConvTranspose2d,
    ConvTranspose3d,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
    Selu,
}

/// <summary>
/// Parameter initialization as <c>torch.nn.init</c>: every method fills a float32 tensor in place (outside autograd)
/// and returns it. Draws come from the optional <c>generator</c> or <see cref="Generator.Default"/>; the streams differ
/// from PyTorch's, the distributions are the same.
/// </summary>
public static class Init
{
    /// <summary>Fills with U(<paramref name="a"/>, <paramref name="b"/>).</summary>
    public static Tensor Uniform(Tensor tensor, double a = 0, double b = 1, Generator? generator = null)
    {
        var span = Writable(tensor, "uniform_");
        if (!(a <= b))
        {
            throw new ArgumentException($"uniform_: expects a <= b; got a={a}, b={b}.");
        }

        (generator ?? Generator.Default).FillUniform(span, (float)a, (float)b);
        return tensor;
    }

    /// <summary>Fills with N(<paramref name="mean"/>, <paramref name="std"/>²).</summary>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        var span = Writable(tensor, "normal_");
        if (!(std >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "normal_: std must be >= 0.");
        }

        (generator ?? Generator.Default).FillNormal(span, (float)mean, (float)std);
        return tensor;
    }

    public static Tensor Constant(Tensor tensor, double value)
    {
        Writable(tensor, "constant_").Fill((float)value);
        return tensor;
    }

    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0);

    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1);

    /// <summary>Glorot uniform: U(−a, a) with a = gain·√(6 / (fan_in + fan_out)).</summary>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        double a = Math.Sqrt(3.0) * gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        return Uniform(tensor, -a, a, generator);
    }

    /// <summary>Glorot normal: N(0, std²) with std = gain·√(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        return Normal(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    /// <summary>He uniform: U(−bound, bound) with bound = gain·√(3 / fan), gain = CalculateGain(nonlinearity, a).
    /// Linear's default is <c>a = √5</c>, which gives bound = 1/√fan_in.</summary>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
    {
        if (tensor.Numel == 0)
        {
            return tensor; // PyTorch warns and leaves a zero-element tensor alone.
        }

        double std = CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
        double bound = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>He normal: N(0, std²) with std = gain / √fan; for ReLU that is N(0, 2/fan_in).</summary>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
    {
        if (tensor.Numel == 0)
        {
            return tensor;
        }

        double std = CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
        return Normal(tensor, 0, std, generator);
    }

    /// <summary>The recommended gain for a nonlinearity: 1 for linear/conv/sigmoid, 5/3 for tanh, √2 for ReLU,
    /// √(2 / (1 + slope²)) for leaky ReLU (slope = <paramref name="param"/>, 0.01 when null), 3/4 for SELU.</summary>
    /// <exception cref="ArgumentException">A negative-slope parameter that is not finite.</exception>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null)
    {
        switch (nonlinearity)
        {
            case Nonlinearity.Tanh:
                return 5.0 / 3;
            case Nonlinearity.Relu:
                return Math.Sqrt(2.0);
            case Nonlinearity.LeakyRelu:
                double slope = param ?? 0.01;
                if (!double.IsFinite(slope))
                {
                    throw new ArgumentException($"calculate_gain: negative_slope {slope} is not a valid number.", nameof(param));
                }

                return Math.Sqrt(2.0 / (1 + slope * slope));
            case Nonlinearity.Selu:
                return 3.0 / 4;
            default:
                return 1.0;
        }
    }

    /// <summary>fan_in = size(1)·receptive field, fan_out = size(0)·receptive field, where the receptive field is
    /// the product of dims 2.. (1 for a Linear weight [out, in]; kH·kW for a conv weight [out, in, kH, kW]).</summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static (int FanIn, int FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        if (tensor.Rank < 2)
        {
            throw new ArgumentException(
                $"Fan in and fan out can not be computed for tensor with fewer than 2 dimensions; got shape {tensor.Shape}.", nameof(tensor));
        }

        int receptive = 1;
        for (int i = 2; i < tensor.Rank; i++)
        {
            receptive *= tensor.Size(i);
        }

        return (tensor.Size(1) * receptive, tensor.Size(0) * receptive);
    }

    private static int Fan(Tensor tensor, FanMode mode)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        return mode == FanMode.FanIn ? fanIn : fanOut;
    }

    private static Span<float> Writable(Tensor tensor, string op)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.DType != DType.Float32)
        {
            throw new ArgumentException($"{op}: expected a float32 tensor, got {tensor.DType.TorchName()} of shape {tensor.Shape}.", nameof(tensor));
        }

        // In place under no-grad, as torch.nn.init: initializing a parameter is not an op to differentiate.
        using var _ = GradMode.NoGrad();
        return tensor.AsWritableSpan<float>();
    }
}
