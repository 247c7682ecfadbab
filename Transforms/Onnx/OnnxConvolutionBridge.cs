using System.Diagnostics;
using MlNetDl.Onnx;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Transforms.Onnx;

/// <summary>TEMPORARY (delete when Onnx/ wires <c>OnnxOps.Convolution</c> to <c>Functional.Conv2d</c> itself, branch
/// onnxexport): installs the engine's convolutions for the ONNX Conv/ConvTranspose handlers. Called by the ONNX
/// transform, the onnx-run sample, the ONNX benchmark and their tests; an implementation already installed is kept.</summary>
internal static class OnnxConvolutionBridge
{
    /// <summary>When set (by the benchmark's profile), each Conv2d call adds its time under a key naming its input,
    /// weight, stride and groups.</summary>
    public static Dictionary<string, (int Calls, double Ms, double Gflop)>? Profile { get; set; }

    public static void Install() => OnnxOps.Convolution ??= new FunctionalConvolution();

    private sealed class FunctionalConvolution : IConvolution
    {
        public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding, (int, int) dilation, int groups)
        {
            if (Profile is not { } profile)
            {
                return Functional.Conv2d(input, weight, bias, stride, padding, dilation, groups);
            }

            long start = Stopwatch.GetTimestamp();
            var y = Functional.Conv2d(input, weight, bias, stride, padding, dilation, groups);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            string key = $"in {input.Shape} w {weight.Shape} stride {stride.Item1} groups {groups}";
            double gflop = 2.0 * y.Numel * weight.Numel / weight.Size(0) / 1e9;
            var (calls, total, flops) = profile.GetValueOrDefault(key);
            profile[key] = (calls + 1, total + ms, flops + gflop);
            return y;
        }

        public Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding,
            (int, int) outputPadding, int groups, (int, int) dilation) =>
            Functional.ConvTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }
}
