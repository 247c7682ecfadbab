using MlNetDl.Tensors.Kernels.Conv;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Tensors.Ops;

/// <summary>Hyperparameters of a 2-D convolution as PyTorch's <c>F.conv2d</c>/<c>F.conv_transpose2d</c> take them
/// (per dim: height, width). <see cref="Same"/> resolves the padding from the kernel when applied.</summary>
internal readonly record struct Conv2dArgs(
    (int H, int W) Stride, (int H, int W) Padding, (int H, int W) Dilation, int Groups,
    bool Same = false, (int H, int W) OutputPadding = default)
{
    public static Conv2dArgs Of(int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        new((stride, stride), (padding, padding), (dilation, dilation), groups);

    public static string Pair((int H, int W) p) => $"({p.H}, {p.W})";

    /// <summary>Checks the values any convolution needs (positive stride/dilation/groups, non-negative padding).</summary>
    public void Validate(string layer)
    {
        if (Stride.H <= 0 || Stride.W <= 0) throw new ArgumentException($"{layer}: stride must be positive; got {Pair(Stride)}.");
        if (Dilation.H <= 0 || Dilation.W <= 0) throw new ArgumentException($"{layer}: dilation must be positive; got {Pair(Dilation)}.");
        if (Padding.H < 0 || Padding.W < 0) throw new ArgumentException($"{layer}: padding must be non-negative; got {Pair(Padding)}.");
        if (Groups <= 0) throw new ArgumentException($"{layer}: groups must be positive; got {Groups}.");
        if (OutputPadding.H < 0 || OutputPadding.W < 0)
            throw new ArgumentException($"{layer}: output_padding must be non-negative; got {Pair(OutputPadding)}.");
        if (Same && (Stride.H != 1 || Stride.W != 1))
            throw new ArgumentException($"{layer}: padding='same' is not supported for strided convolutions; got stride {Pair(Stride)}.");
    }

    /// <summary>(top, left, bottom, right) padding: symmetric, or for 'same' total d·(k − 1) with the extra at the
    /// bottom/right as PyTorch pads it.</summary>
    public (int T, int L, int B, int R) Pads(int kh, int kw)
    {
        if (!Same) return (Padding.H, Padding.W, Padding.H, Padding.W);
        int th = Dilation.H * (kh - 1), tw = Dilation.W * (kw - 1);
        return (th / 2, tw / 2, th - th / 2, tw - tw / 2);
    }

    /// <summary>Validates a 4-D weight and the input's channels; returns the input with a batch dim (3-D → 4-D).</summary>
    public static void CheckOperands(string layer, Tensor x, Tensor weight, Tensor? bias, int expectedChannels,
        int biasSize, int groups)
    {
        BinaryOp.RequireFloat(x, layer);
        BinaryOp.RequireFloat(weight, layer);
        if (bias is not null) BinaryOp.RequireFloat(bias, layer);
        if (weight.Rank != 4) throw new ArgumentException($"{layer}: weight must be 4-D; got shape {weight.Shape}.");
        if (x.Rank != 4 && x.Rank != 3)
            throw new ArgumentException($"{layer}: expected a 3-D (unbatched) or 4-D (batched) input [N, C, H, W]; got shape {x.Shape}.");
        int c = x.Size(-3);
        if (c != expectedChannels)
        {
            string g = groups == 1 ? "" : $", groups={groups}";
            throw new ArgumentException(
                $"{layer}: expected input with {expectedChannels} channels (weight {weight.Shape}{g}), got {x.Shape}.");
        }

        if (bias is not null && (bias.Rank != 1 || bias.Size(0) != biasSize))
            throw new ArgumentException($"{layer}: bias must have shape [{biasSize}] to match weight {weight.Shape}; got {bias.Shape}.");
    }

    /// <summary>Output length of one convolution dim: ⌊(in + padBefore + padAfter − d·(k − 1) − 1) / s⌋ + 1.</summary>
    public static int ConvOut(string layer, Tensor x, int size, int before, int after, int k, int d, int s, (int H, int W) padded, (int H, int W) kernel)
    {
        int span = d * (k - 1) + 1;
        if (size + before + after < span)
            throw new ArgumentException(
                $"{layer}: input {x.Shape} is too small: padded size per channel ({padded.H} x {padded.W}) is smaller than the " +
                $"(dilated) kernel ({kernel.H} x {kernel.W}).");
        return (size + before + after - span) / s + 1;
    }

    public static ConvGeometry Geometry(int c, int h, int w, int kh, int kw, (int H, int W) s, int pt, int pl, (int H, int W) d, int oh, int ow) =>
        new(c, h, w, kh, kw, s.H, s.W, pt, pl, d.H, d.W, oh, ow);
}
