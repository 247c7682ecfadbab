namespace MlNetDl.Tensors.Nn;

/// <summary>
/// 2-D convolution layer (PyTorch's <c>nn.Conv2d</c>): [N, in, H, W] (or [in, H, W]) → [N, out, OH, OW] with
/// OH = ⌊(H + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1 (for 'same': OH = H). Weight [out, in/groups, kH, kW].
/// </summary>
public sealed class Conv2d : ConvNdBase
{
    /// <summary>Square kernel, stride, padding and dilation.</summary>
    /// <exception cref="ArgumentException">See <see cref="ConvNdBase"/>.</exception>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1,
        int groups = 1, bool bias = true, Generator? generator = null)
        : base(inChannels, outChannels, (kernelSize, kernelSize), (stride, stride), (padding, padding), null,
            (dilation, dilation), false, (0, 0), groups, bias, generator)
    {
    }

    /// <summary>Per-dimension (height, width) kernel, stride (default (1, 1)), padding ((0, 0)), dilation ((1, 1)).</summary>
    public Conv2d(int inChannels, int outChannels, (int, int) kernelSize, (int, int)? stride = null, (int, int)? padding = null,
        (int, int)? dilation = null, int groups = 1, bool bias = true, Generator? generator = null)
        : base(inChannels, outChannels, kernelSize, stride ?? (1, 1), padding ?? (0, 0), null, dilation ?? (1, 1), false, (0, 0),
            groups, bias, generator)
    {
    }

    /// <summary>PyTorch's <c>padding='same'</c> / <c>'valid'</c> ('same' needs stride 1).</summary>
    public Conv2d(int inChannels, int outChannels, int kernelSize, ConvPadding padding, int stride = 1, int dilation = 1,
        int groups = 1, bool bias = true, Generator? generator = null)
        : this(inChannels, outChannels, (kernelSize, kernelSize), padding, (stride, stride), (dilation, dilation), groups, bias, generator)
    {
    }

    /// <summary>PyTorch's <c>padding='same'</c> / <c>'valid'</c> with per-dimension kernel, stride and dilation.</summary>
    public Conv2d(int inChannels, int outChannels, (int, int) kernelSize, ConvPadding padding, (int, int)? stride = null,
        (int, int)? dilation = null, int groups = 1, bool bias = true, Generator? generator = null)
        : base(inChannels, outChannels, kernelSize, stride ?? (1, 1), (0, 0), padding, dilation ?? (1, 1), false, (0, 0),
            groups, bias, generator)
    {
    }

    /// <exception cref="ArgumentException">The input is not [N, in, H, W] / [in, H, W], or is smaller than the
    /// dilated kernel after padding.</exception>
    public override Tensor Forward(Tensor input) => PaddingMode is { } mode
        ? Functional.Conv2d(input, Weight, Bias, mode, Stride, Dilation, Groups)
        : Functional.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
}
