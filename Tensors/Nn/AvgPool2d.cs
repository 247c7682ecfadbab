using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

/// <summary>2-D average pooling of [N, C, H, W] or [C, H, W] (PyTorch's <c>nn.AvgPool2d</c>); see
/// <see cref="Functional.AvgPool2d(Tensor, int, int?, int, bool, bool, int?)"/> for sizes and the divisor.</summary>
public sealed class AvgPool2d : Module<Tensor, Tensor>
{
    private readonly Pair2d _kernel, _stride, _padding;

    public AvgPool2d(int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null)
        : this(Pair2d.Of(kernelSize), Pair2d.Of(stride ?? kernelSize), Pair2d.Of(padding), ceilMode, countIncludePad, divisorOverride)
    {
    }

    public AvgPool2d((int H, int W) kernelSize, (int H, int W)? stride = null, (int H, int W)? padding = null, bool ceilMode = false,
        bool countIncludePad = true, int? divisorOverride = null)
        : this(Pair2d.Of(kernelSize), Pair2d.Of(stride ?? kernelSize), padding is { } p ? Pair2d.Of(p) : Pair2d.Of(0), ceilMode,
            countIncludePad, divisorOverride)
    {
    }

    private AvgPool2d(Pair2d kernel, Pair2d stride, Pair2d padding, bool ceilMode, bool countIncludePad, int? divisorOverride)
    {
        (_kernel, _stride, _padding) = (kernel, stride, padding);
        (CeilMode, CountIncludePad, DivisorOverride) = (ceilMode, countIncludePad, divisorOverride);
    }

    public (int H, int W) KernelSize => _kernel.Value;

    public (int H, int W) Stride => _stride.Value;

    public (int H, int W) Padding => _padding.Value;

    public bool CeilMode { get; }

    public bool CountIncludePad { get; }

    public int? DivisorOverride { get; }

    public override Tensor Forward(Tensor input) =>
        AvgPool2dFunction.Apply(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride, ToString());

    // PyTorch 1.13's AvgPool2d prints only these three.
    protected override string ExtraRepr() => $"kernel_size={_kernel}, stride={_stride}, padding={_padding}";
}
