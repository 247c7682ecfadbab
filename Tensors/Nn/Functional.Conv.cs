using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

public static partial class Functional
{
    /// <summary>2-D cross-correlation (<c>F.conv2d</c>): input [N, C, H, W] or [C, H, W], weight [O, C/groups, kH, kW],
    /// bias [O] → [N, O, ⌊(H + 2p − d(kH − 1) − 1)/s⌋ + 1, …].</summary>
    /// <exception cref="ArgumentException">Mismatched channels or bias, groups not dividing the channels,
    /// non-positive stride/dilation/groups, negative padding, or an input smaller than the dilated kernel.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1) =>
        Conv2dFunction.Apply(input, weight, bias, Conv2dArgs.Of(stride, padding, dilation, groups));

    /// <summary>As above with per-dimension (height, width) stride, padding and dilation.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding,
        (int, int) dilation, int groups = 1) =>
        Conv2dFunction.Apply(input, weight, bias, new Conv2dArgs(stride, padding, dilation, groups));

    /// <summary>PyTorch's <c>padding='same'</c> (output size = input size, stride 1, odd extra padding at the
    /// bottom/right) or <c>'valid'</c> (no padding).</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, ConvPadding padding, int stride = 1,
        int dilation = 1, int groups = 1) =>
        Conv2d(input, weight, bias, padding, (stride, stride), (dilation, dilation), groups);

    /// <summary>'same'/'valid' padding with per-dimension stride and dilation.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, ConvPadding padding, (int, int) stride,
        (int, int) dilation, int groups = 1) =>
        Conv2dFunction.Apply(input, weight, bias, new Conv2dArgs(stride, (0, 0), dilation, groups, padding == ConvPadding.Same));

    /// <summary>2-D transposed convolution (<c>F.conv_transpose2d</c>, same argument order): input [N, Ci, H, W],
    /// weight [Ci, O/groups, kH, kW], bias [O] → [N, O, (H − 1)s − 2p + d(kH − 1) + output_padding + 1, …].</summary>
    /// <exception cref="ArgumentException">As <see cref="Conv2d(Tensor, Tensor, Tensor?, int, int, int, int)"/>, or an
    /// output padding not smaller than the stride or the dilation.</exception>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0,
        int outputPadding = 0, int groups = 1, int dilation = 1) =>
        ConvTranspose2d(input, weight, bias, (stride, stride), (padding, padding), (outputPadding, outputPadding), groups,
            (dilation, dilation));

    /// <summary>As above with per-dimension (height, width) stride, padding, output padding and dilation.</summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding,
        (int, int) outputPadding, int groups, (int, int) dilation) =>
        ConvTranspose2dFunction.Apply(input, weight, bias, new Conv2dArgs(stride, padding, dilation, groups, false, outputPadding));
}
