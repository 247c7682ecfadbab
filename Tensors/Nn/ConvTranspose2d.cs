namespace MlNetDl.Tensors.Nn;

/// <summary>
/// 2-D transposed convolution layer (PyTorch's <c>nn.ConvTranspose2d</c>): [N, in, H, W] (or [in, H, W]) →
/// [N, out, OH, OW] with OH = (H − 1)·stride − 2·padding + dilation·(k − 1) + output_padding + 1.
/// Weight [in, out/groups, kH, kW]; fan_in for the bias bound is (out/groups)·kH·kW, as in PyTorch.
/// </summary>
public sealed class ConvTranspose2d : ConvNdBase
{
    /// <summary>Square kernel; arguments in PyTorch's order (output_padding and groups before dilation).</summary>
    /// <exception cref="ArgumentException">See <see cref="ConvNdBase"/>.</exception>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0,
        int outputPadding = 0, int groups = 1, bool bias = true, int dilation = 1, Generator? generator = null)
        : base(inChannels, outChannels, (kernelSize, kernelSize), (stride, stride), (padding, padding), null,
            (dilation, dilation), true, (outputPadding, outputPadding), groups, bias, generator)
    {
    }

    /// <summary>Per-dimension (height, width) kernel, stride ((1, 1)), padding ((0, 0)), output padding ((0, 0)),
    /// dilation ((1, 1)).</summary>
    public ConvTranspose2d(int inChannels, int outChannels, (int, int) kernelSize, (int, int)? stride = null,
        (int, int)? padding = null, (int, int)? outputPadding = null, int groups = 1, bool bias = true,
        (int, int)? dilation = null, Generator? generator = null)
        : base(inChannels, outChannels, kernelSize, stride ?? (1, 1), padding ?? (0, 0), null, dilation ?? (1, 1), true,
            outputPadding ?? (0, 0), groups, bias, generator)
    {
    }

    /// <exception cref="ArgumentException">The input is not [N, in, H, W] / [in, H, W], output_padding is not
    /// smaller than stride or dilation, or the output size is not positive.</exception>
    public override Tensor Forward(Tensor input) =>
        Functional.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation);
}
