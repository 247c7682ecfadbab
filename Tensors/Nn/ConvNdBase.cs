namespace MlNetDl.Tensors.Nn;

/// <summary>
/// Shared state, validation, initialization and repr of the convolution layers (PyTorch's <c>_ConvNd</c>): weight
/// [out, in/groups, kH, kW] (transposed: [in, out/groups, kH, kW]) and bias [out], initialized with
/// kaiming_uniform(a = √5) and U(−1/√fan_in, 1/√fan_in) where fan_in comes from the weight's shape as PyTorch
/// computes it. Only zero padding is supported (padding_mode='zeros').
/// </summary>
public abstract class ConvNdBase : Module<Tensor, Tensor>
{
    /// <exception cref="ArgumentException">Non-positive channels (in) or kernel/stride/dilation, negative padding or
    /// output padding, non-positive groups, channels not divisible by groups, or 'same' with a stride.</exception>
    private protected ConvNdBase(int inChannels, int outChannels, (int H, int W) kernelSize, (int H, int W) stride,
        (int H, int W) padding, ConvPadding? paddingMode, (int H, int W) dilation, bool transposed,
        (int H, int W) outputPadding, int groups, bool bias, Generator? generator)
    {
        string name = GetType().Name;
        if (groups <= 0) throw new ArgumentException($"{name}: groups must be a positive integer; got {groups}.", nameof(groups));
        if (inChannels < 0 || outChannels < 0)
            throw new ArgumentException($"{name}: channel counts must be non-negative; got in_channels={inChannels}, out_channels={outChannels}.");
        if (inChannels % groups != 0)
            throw new ArgumentException($"{name}: in_channels must be divisible by groups; got in_channels={inChannels}, groups={groups}.", nameof(inChannels));
        if (outChannels % groups != 0)
            throw new ArgumentException($"{name}: out_channels must be divisible by groups; got out_channels={outChannels}, groups={groups}.", nameof(outChannels));
        Positive(name, "kernel_size", kernelSize);
        Positive(name, "stride", stride);
        Positive(name, "dilation", dilation);
        if (padding.H < 0 || padding.W < 0) throw new ArgumentException($"{name}: padding must be non-negative; got {PyTuple([padding.H, padding.W])}.");
        if (outputPadding.H < 0 || outputPadding.W < 0)
            throw new ArgumentException($"{name}: output_padding must be non-negative; got {PyTuple([outputPadding.H, outputPadding.W])}.");
        if (paddingMode == ConvPadding.Same && (stride.H != 1 || stride.W != 1))
            throw new ArgumentException($"{name}: padding='same' is not supported for strided convolutions; got stride {PyTuple([stride.H, stride.W])}.");

        (InChannels, OutChannels, KernelSize, Stride, Padding, PaddingMode) = (inChannels, outChannels, kernelSize, stride, padding, paddingMode);
        (Dilation, Transposed, OutputPadding, Groups) = (dilation, transposed, outputPadding, groups);
        var shape = transposed
            ? new Shape(inChannels, outChannels / groups, kernelSize.H, kernelSize.W)
            : new Shape(outChannels, inChannels / groups, kernelSize.H, kernelSize.W);
        using (TensorScope.Suspend())
        {
            Weight = RegisterParameter("weight", Tensor.Empty(shape))!;
            Bias = RegisterParameter("bias", bias ? Tensor.Empty(new Shape(outChannels)) : null);
        }

        ResetParameters(generator);
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public (int H, int W) KernelSize { get; }

    public (int H, int W) Stride { get; }

    /// <summary>Explicit zero padding per side; (0, 0) when <see cref="PaddingMode"/> is set.</summary>
    public (int H, int W) Padding { get; }

    /// <summary>PyTorch's string padding ('same'/'valid'), or null when the padding was given as integers.</summary>
    public ConvPadding? PaddingMode { get; }

    public (int H, int W) Dilation { get; }

    public bool Transposed { get; }

    public (int H, int W) OutputPadding { get; }

    public int Groups { get; }

    /// <summary>[out, in/groups, kH, kW], or [in, out/groups, kH, kW] for a transposed convolution.</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null when built with <c>bias: false</c>.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-draws the weight with kaiming_uniform(a = √5) and the bias from U(−1/√fan_in, 1/√fan_in).</summary>
    public void ResetParameters(Generator? generator = null)
    {
        Init.KaimingUniform(Weight, a: Math.Sqrt(5), generator: generator);
        if (Bias is not null)
        {
            int fanIn = Init.CalculateFanInAndFanOut(Weight).FanIn;
            if (fanIn != 0)
            {
                double bound = 1 / Math.Sqrt(fanIn);
                Init.Uniform(Bias, -bound, bound, generator);
            }
        }
    }

    protected override string ExtraRepr()
    {
        var s = $"{InChannels}, {OutChannels}, kernel_size={Pair(KernelSize)}, stride={Pair(Stride)}";
        if (PaddingMode is { } mode) s += $", padding={(mode == ConvPadding.Same ? "same" : "valid")}";
        else if (Padding != (0, 0)) s += $", padding={Pair(Padding)}";
        if (Dilation != (1, 1)) s += $", dilation={Pair(Dilation)}";
        if (OutputPadding != (0, 0)) s += $", output_padding={Pair(OutputPadding)}";
        if (Groups != 1) s += $", groups={Groups}";
        if (Bias is null) s += ", bias=False";
        return s;
    }

    private static string Pair((int H, int W) p) => PyTuple([p.H, p.W]);

    private static void Positive(string name, string what, (int H, int W) p)
    {
        if (p.H <= 0 || p.W <= 0) throw new ArgumentException($"{name}: {what} must be positive; got {Pair(p)}.");
    }
}
