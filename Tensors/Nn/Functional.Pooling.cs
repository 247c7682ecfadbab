using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

/// <summary>Resampling modes of <c>Functional.Interpolate</c>
/// and <see cref="Upsample"/>.</summary>
public enum InterpolationMode
{
    /// <summary>Copy the nearest source pixel: source index ⌊dst·in/out⌋ (PyTorch's "nearest").</summary>
    Nearest,
}

public static partial class Functional
{
    /// <summary>2-D max pooling of [N, C, H, W] or [C, H, W] (torch.nn.functional.max_pool2d): output size per axis
    /// ⌊(in + 2·padding − dilation·(k − 1) − 1)/stride⌋ + 1 (⌈⌉ with <paramref name="ceilMode"/>); stride defaults to
    /// the kernel size; padding counts as −∞ and must be at most half the kernel. The gradient goes to each window's
    /// first maximum.</summary>
    /// <exception cref="ArgumentException">Non-positive kernel, stride or dilation, padding over k/2, an input that is
    /// not 3-D or 4-D, or an output smaller than 1×1.</exception>
    public static Tensor MaxPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        MaxPool2d(input, (kernelSize, kernelSize), stride is int s ? (s, s) : null, (padding, padding), (dilation, dilation), ceilMode);

    /// <inheritdoc cref="MaxPool2d(Tensor, int, int?, int, int, bool)"/>
    public static Tensor MaxPool2d(Tensor input, (int H, int W) kernelSize, (int H, int W)? stride = null, (int H, int W)? padding = null,
        (int H, int W)? dilation = null, bool ceilMode = false)
    {
        var (output, argmax) = MaxPool2dFunction.Apply(input, kernelSize, stride ?? kernelSize, padding ?? (0, 0), dilation ?? (1, 1), ceilMode);
        if (output.GradFn is null)
        {
            argmax.Dispose(); // kept only when backward needs it
        }

        return output;
    }

    /// <summary><c>MaxPool2d</c> with
    /// PyTorch's <c>return_indices=True</c>: also the int64 position ih·W + iw of each maximum inside its plane.</summary>
    public static (Tensor Output, Tensor Indices) MaxPool2dWithIndices(Tensor input, (int H, int W) kernelSize, (int H, int W)? stride = null,
        (int H, int W)? padding = null, (int H, int W)? dilation = null, bool ceilMode = false)
    {
        var (output, argmax) = MaxPool2dFunction.Apply(input, kernelSize, stride ?? kernelSize, padding ?? (0, 0), dilation ?? (1, 1), ceilMode);
        return (output, MaxPool2dFunction.Indices(argmax));
    }

    /// <summary>2-D average pooling (torch.nn.functional.avg_pool2d): output sizes as <see cref="MaxPool2d(Tensor, int, int?, int, int, bool)"/>
    /// with dilation 1; y = Σ window / divisor, divisor = <paramref name="divisorOverride"/> if given, else the window's
    /// size inside the padded input (<paramref name="countIncludePad"/>) or inside the input.</summary>
    /// <exception cref="ArgumentException">Bad geometry as for max pooling, or divisorOverride = 0.</exception>
    public static Tensor AvgPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false,
        bool countIncludePad = true, int? divisorOverride = null) =>
        AvgPool2d(input, (kernelSize, kernelSize), stride is int s ? (s, s) : null, (padding, padding), ceilMode, countIncludePad, divisorOverride);

    /// <inheritdoc cref="AvgPool2d(Tensor, int, int?, int, bool, bool, int?)"/>
    public static Tensor AvgPool2d(Tensor input, (int H, int W) kernelSize, (int H, int W)? stride = null, (int H, int W)? padding = null,
        bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null) =>
        AvgPool2dFunction.Apply(input, kernelSize, stride ?? kernelSize, padding ?? (0, 0), ceilMode, countIncludePad, divisorOverride);

    /// <summary>Adaptive average pooling to [outputSize, outputSize] (torch.nn.functional.adaptive_avg_pool2d): output i
    /// of an axis averages input [⌊i·in/out⌋, ⌈(i + 1)·in/out⌉).</summary>
    /// <exception cref="ArgumentException">An input that is not 3-D or 4-D, or a negative size.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor input, int outputSize) => AdaptiveAvgPool2d(input, (outputSize, outputSize));

    /// <summary>Adaptive average pooling to [H, W]; a null size keeps the input's size along that axis.</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, (int? H, int? W) outputSize) => AdaptiveAvgPool2dFunction.Apply(input, outputSize);

    /// <summary>Adaptive max pooling (torch.nn.functional.adaptive_max_pool2d): windows as
    /// <see cref="AdaptiveAvgPool2d(Tensor, int)"/>, maximum as <see cref="MaxPool2d(Tensor, int, int?, int, int, bool)"/>.</summary>
    public static Tensor AdaptiveMaxPool2d(Tensor input, int outputSize) => AdaptiveMaxPool2d(input, (outputSize, outputSize));

    /// <summary>Adaptive max pooling to [H, W]; a null size keeps the input's size along that axis.</summary>
    public static Tensor AdaptiveMaxPool2d(Tensor input, (int? H, int? W) outputSize)
    {
        var (output, argmax) = AdaptiveMaxPool2dFunction.Apply(input, outputSize);
        if (output.GradFn is null)
        {
            argmax.Dispose();
        }

        return output;
    }

    /// <summary>Adaptive max pooling with the int64 position of each maximum inside its plane (<c>return_indices=True</c>).</summary>
    public static (Tensor Output, Tensor Indices) AdaptiveMaxPool2dWithIndices(Tensor input, (int? H, int? W) outputSize)
    {
        var (output, argmax) = AdaptiveMaxPool2dFunction.Apply(input, outputSize);
        return (output, MaxPool2dFunction.Indices(argmax));
    }

    /// <summary>Channel dropout (torch.nn.functional.dropout2d) of [N, C, H, W] (or [N, C, L], as PyTorch 1.13 treats
    /// 3-D input): in training each whole channel is zeroed with probability p and kept channels are scaled by
    /// 1/(1 − p); otherwise <paramref name="input"/> itself is returned.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1].</exception>
    /// <exception cref="ArgumentException">An input of rank below 2.</exception>
    public static Tensor Dropout2d(Tensor input, float p = 0.5f, bool training = true, Generator? generator = null)
    {
        CheckProbability(p);
        return !training ? input : Dropout2dFunction.Apply(input, p, generator ?? Generator.Default);
    }

    /// <summary>Resizes [N, C, H, W] to <paramref name="size"/> or by <paramref name="scaleFactor"/> (output ⌊in·scale⌋;
    /// exactly one must be given) with torch.nn.functional.interpolate's nearest rule: source index
    /// min(⌊dst·s⌋, in − 1), s = 1/scale when a scale is given, else in/out. Backward sums over each pixel's copies.</summary>
    /// <exception cref="ArgumentException">Both or neither of size and scale, an input that is not 4-D, or an empty output.</exception>
    public static Tensor Interpolate(Tensor input, (int H, int W)? size = null, (double H, double W)? scaleFactor = null,
        InterpolationMode mode = InterpolationMode.Nearest) => mode switch
        {
            InterpolationMode.Nearest => UpsampleNearestFunction.Apply(input, size, scaleFactor),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "interpolate: unknown mode."),
        };

    /// <summary><c>Interpolate</c> to [size, size].</summary>
    public static Tensor Interpolate(Tensor input, int size, InterpolationMode mode = InterpolationMode.Nearest) =>
        Interpolate(input, (size, size), null, mode);

    /// <summary><c>Interpolate</c> by the same scale on both axes.</summary>
    public static Tensor Interpolate(Tensor input, double scaleFactor, InterpolationMode mode = InterpolationMode.Nearest) =>
        Interpolate(input, null, (scaleFactor, scaleFactor), mode);
}
