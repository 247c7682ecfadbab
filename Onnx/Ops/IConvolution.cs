using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

/// <summary>The 2-D convolutions the Conv and ConvTranspose handlers need, with PyTorch's argument conventions
/// (input [N, C, H, W], symmetric padding per axis). Kept behind an interface because <c>Functional.Conv2d</c> and
/// <c>Functional.ConvTranspose2d</c> arrive on another branch: until an implementation is installed in
/// <see cref="OnnxOps.Convolution"/>, models with Conv/ConvTranspose nodes are refused at load time.</summary>
internal interface IConvolution
{
    Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding, (int, int) dilation, int groups);

    Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding,
        (int, int) outputPadding, int groups, (int, int) dilation);
}
