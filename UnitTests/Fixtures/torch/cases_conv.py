"""PyTorch references for Tensors/Ops/Conv2d.cs and Tensors/Ops/ConvTranspose2d.cs: same names, shapes and
hyperparameters as the C# OpCases (x, weight[, bias])."""
import torch.nn.functional as F

from spec import T, case


def conv(stride=1, padding=0, dilation=1, groups=1):
    return lambda x, w, b=None: F.conv2d(x, w, b, stride, padding, dilation, groups)


def convt(stride=1, padding=0, output_padding=0, dilation=1, groups=1):
    return lambda x, w, b=None: F.conv_transpose2d(x, w, b, stride, padding, output_padding, groups, dilation)


CASES = {
    "conv2d": case(conv(), T(2, 3, 5, 5), T(4, 3, 3, 3), T(4)),
    "conv2d_stride_padding": case(conv((2, 1), (1, 2)), T(1, 2, 6, 5), T(3, 2, 3, 2), T(3)),
    "conv2d_stride3": case(conv(3, (0, 1)), T(1, 1, 7, 8), T(2, 1, 2, 3), T(2)),
    "conv2d_dilation": case(conv(1, 1, 2), T(1, 2, 7, 7), T(2, 2, 3, 3), T(2)),
    "conv2d_groups": case(conv(groups=2), T(2, 4, 5, 5), T(6, 2, 3, 3), T(6)),
    "conv2d_no_bias": case(conv(), T(2, 2, 4, 4), T(3, 2, 2, 2)),
    # padding='same' with an even kernel: PyTorch pads the odd extra at the bottom/right
    "conv2d_same": case(conv(padding="same"), T(1, 2, 5, 6), T(3, 2, 4, 3), T(3)),
    "conv2d_same_dilation": case(conv(padding="same", dilation=(2, 1)), T(1, 1, 6, 6), T(2, 1, 2, 2)),
    "conv2d_pointwise": case(conv(), T(2, 3, 4, 4), T(5, 3, 1, 1), T(5)),
    "conv2d_pointwise_groups": case(conv(groups=2), T(2, 4, 3, 3), T(6, 2, 1, 1)),
    "conv2d_unbatched": case(conv(padding=1), T(2, 4, 4), T(3, 2, 3, 3), T(3)),
    "conv2d_winograd": case(conv(padding=1), T(2, 16, 4, 5), T(16, 16, 3, 3), T(16)),
    "conv_transpose2d": case(convt(), T(2, 3, 3, 3), T(3, 2, 3, 3), T(2)),
    "conv_transpose2d_stride_output_padding": case(convt(2, 1, 1), T(1, 2, 3, 4), T(2, 3, 3, 2), T(3)),
    "conv_transpose2d_asymmetric": case(convt((2, 1), (0, 1), (1, 0)), T(1, 2, 2, 3), T(2, 2, 2, 3), T(2)),
    "conv_transpose2d_dilation_groups": case(convt(dilation=2, groups=2), T(1, 4, 3, 3), T(4, 1, 2, 2), T(2)),
    "conv_transpose2d_output_padding_dilation": case(convt(output_padding=1, dilation=2), T(1, 1, 3, 3), T(1, 2, 2, 2)),
    "conv_transpose2d_pointwise": case(convt(), T(2, 3, 3, 3), T(3, 4, 1, 1)),
    "conv_transpose2d_unbatched": case(convt(2), T(2, 2, 2), T(2, 2, 2, 2), T(2)),
}
