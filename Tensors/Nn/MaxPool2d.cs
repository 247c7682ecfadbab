using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

/// <summary>2-D max pooling of [N, C, H, W] or [C, H, W] (PyTorch's <c>nn.MaxPool2d</c>); see
/// <see cref="Functional.MaxPool2d(Tensor, int, int?, int, int, bool)"/> for the output size. Stride defaults to the
/// kernel size. Errors name this layer and the input shape.</summary>
public sealed class MaxPool2d : Module<Tensor, Tensor>
{
    private readonly Pair2d _kernel, _stride, _padding, _dilation;

    public MaxPool2d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false)
        : this(Pair2d.Of(kernelSize), Pair2d.Of(stride ?? kernelSize), Pair2d.Of(padding), Pair2d.Of(dilation), ceilMode)
    {
    }

    public MaxPool2d((int H, int W) kernelSize, (int H, int W)? stride = null, (int H, int W)? padding = null, (int H, int W)? dilation = null,
        bool ceilMode = false)
        : this(Pair2d.Of(kernelSize), Pair2d.Of(stride ?? kernelSize), padding is { } p ? Pair2d.Of(p) : Pair2d.Of(0),
            dilation is { } d ? Pair2d.Of(d) : Pair2d.Of(1), ceilMode)
    {
    }

    private MaxPool2d(Pair2d kernel, Pair2d stride, Pair2d padding, Pair2d dilation, bool ceilMode)
    {
        (_kernel, _stride, _padding, _dilation, CeilMode) = (kernel, stride, padding, dilation, ceilMode);
    }

    public (int H, int W) KernelSize => _kernel.Value;

    public (int H, int W) Stride => _stride.Value;

    public (int H, int W) Padding => _padding.Value;

    public (int H, int W) Dilation => _dilation.Value;

    public bool CeilMode { get; }

    /// <exception cref="ArgumentException">Bad geometry for this input (see the functional form).</exception>
    public override Tensor Forward(Tensor input)
    {
        var (output, argmax) = MaxPool2dFunction.Apply(input, KernelSize, Stride, Padding, Dilation, CeilMode, ToString());
        if (output.GradFn is null)
        {
            argmax.Dispose();
        }

        return output;
    }

    /// <summary>The output and the int64 position of each maximum in its plane (PyTorch's <c>return_indices=True</c>).</summary>
    public (Tensor Output, Tensor Indices) ForwardWithIndices(Tensor input)
    {
        var (output, argmax) = MaxPool2dFunction.Apply(input, KernelSize, Stride, Padding, Dilation, CeilMode, ToString());
        return (output, MaxPool2dFunction.Indices(argmax));
    }

    protected override string ExtraRepr() =>
        $"kernel_size={_kernel}, stride={_stride}, padding={_padding}, dilation={_dilation}, ceil_mode={PyBool(CeilMode)}";
}
