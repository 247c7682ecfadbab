using System.Runtime.InteropServices;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels.Pool;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// 2-D max pooling (torch.nn.functional.max_pool2d) of [N, C, H, W] or [C, H, W]: each output is the maximum of its
/// (dilated) window, padding counting as −∞. Forward records each window's argmax (first maximum in scan order, as
/// PyTorch's CPU kernel); backward routes the gradient to it: dx[argmax] += g.
/// </summary>
internal sealed class MaxPool2dFunction : Function
{
    private int _planes, _inPlane, _outPlane;

    public override string Name => "max_pool2d";

    /// <summary>Output and the int32 argmax buffer (bits in a float tensor of the output's shape; see
    /// <see cref="MaxPoolKernels"/>).</summary>
    public static (Tensor Output, Tensor Argmax) Apply(Tensor x, (int H, int W) kernel, (int H, int W) stride,
        (int H, int W) padding, (int H, int W) dilation, bool ceilMode, string op = "max_pool2d")
    {
        var w = PoolingShapes.Window(x, op, kernel, stride, padding, dilation, ceilMode);
        var (planes, _, _) = PoolingShapes.Planes(x, op);
        var shape = PoolingShapes.WithPlane(x, w.OutH, w.OutW);
        var y = Tensor.Empty(shape);
        var argmax = Tensor.Empty(shape);
        MaxPoolKernels.Forward(x.FMemory, y.FMemory, argmax.FMemory, planes, w);
        if (GradMode.ShouldRecord(x))
        {
            var fn = new MaxPool2dFunction { _planes = planes, _inPlane = w.InPlane, _outPlane = w.OutPlane };
            fn.SaveForBackward(argmax);
            fn.Attach(y, x);
        }

        return (y, argmax);
    }

    /// <summary>PyTorch's int64 indices (flat positions inside each H×W plane) from an argmax buffer.</summary>
    public static Tensor Indices(Tensor argmax)
    {
        var result = Tensor.Empty(argmax.Shape, DType.Int64);
        var src = MemoryMarshal.Cast<float, int>(argmax.F);
        var dst = result.Span<long>();
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = src[i];
        }

        return result;
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var argmax = Saved(0);
        var gx = Tensor.Empty(Inputs[0].Shape);
        MaxPoolKernels.Backward(g.FMemory, argmax.FMemory, gx.FMemory, _planes, _inPlane, _outPlane);
        return [gx];
    }

    /// <summary>Inputs whose values are a scaled random permutation: distinct and at least 2/n apart, so no window
    /// has a tie that a finite-difference step could flip.</summary>
    internal static Func<Generator, Tensor[]> Distinct(Shape shape) => g =>
    {
        var perm = g.Permutation(shape.Numel);
        var values = new float[perm.Length];
        for (int i = 0; i < perm.Length; i++)
        {
            values[i] = 2f * perm[i] / perm.Length - 1f;
        }

        return [Tensor.From<float>(values, shape)];
    };

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("max_pool2d", x => Functional(x[0], (2, 2), (2, 2), (0, 0), (1, 1), false), Distinct([2, 3, 4, 6])),
        new("max_pool2d_pad_ceil", x => Functional(x[0], (3, 3), (2, 2), (1, 1), (1, 1), true), Distinct([1, 2, 6, 7])),
        new("max_pool2d_rect_dilation", x => Functional(x[0], (2, 3), (1, 2), (1, 0), (2, 1), false), Distinct([2, 5, 7])),
        new("max_pool2d_ceil_odd", x => Functional(x[0], (2, 2), (2, 2), (0, 0), (1, 1), true), Distinct([2, 1, 5, 5])),
    ];

    private static Tensor Functional(Tensor x, (int, int) k, (int, int) s, (int, int) p, (int, int) d, bool ceil) =>
        Apply(x, k, s, p, d, ceil).Output;
}
