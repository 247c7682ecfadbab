using MlNetDl.Onnx;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Transforms.Onnx;

/// <summary>TEMPORARY (delete when Onnx/ wires <c>OnnxOps.Convolution</c> to <c>Functional.Conv2d</c> itself, branch
/// onnxexport): installs the engine's convolutions for the ONNX Conv/ConvTranspose handlers. Called by the ONNX
/// transform, the onnx-run sample, the ONNX benchmark and their tests; an implementation already installed is kept.</summary>
internal static class OnnxConvolutionBridge
{
    public static void Install() => OnnxOps.Convolution ??= new FunctionalConvolution();

    private sealed class FunctionalConvolution : IConvolution
    {
        public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding, (int, int) dilation, int groups) =>
            Functional.Conv2d(input, weight, bias, stride, padding, dilation, groups);

        public Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding,
            (int, int) outputPadding, int groups, (int, int) dilation) =>
            Functional.ConvTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }
}
