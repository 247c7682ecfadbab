using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels.Pool;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// Adaptive average pooling (torch.nn.functional.adaptive_avg_pool2d) of [N, C, H, W] or [C, H, W] to [outH, outW]:
/// output i of an axis averages input [floor(i·in/out), ceil((i+1)·in/out)). Backward: dx[window] += g / |window|.
/// </summary>
internal sealed class AdaptiveAvgPool2dFunction : Function
{
    private int _planes, _inH, _inW, _outH, _outW;

    public override string Name => "adaptive_avg_pool2d";

    /// <exception cref="ArgumentException">A bad input rank or a negative output size.</exception>
    public static Tensor Apply(Tensor x, (int? H, int? W) outputSize, string op = "adaptive_avg_pool2d")
    {
        var (oh, ow) = PoolingShapes.AdaptiveSize(x, op, outputSize);
        var (planes, h, w) = PoolingShapes.Planes(x, op);
        var y = Tensor.Empty(PoolingShapes.WithPlane(x, oh, ow));
        AvgPoolKernels.AdaptiveForward(x.FMemory, y.FMemory, planes, h, w, oh, ow);
        if (!GradMode.ShouldRecord(x))
        {
            return y;
        }

        var fn = new AdaptiveAvgPool2dFunction { _planes = planes, _inH = h, _inW = w, _outH = oh, _outW = ow };
        return fn.Attach(y, x);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var gx = Tensor.Empty(Inputs[0].Shape);
        AvgPoolKernels.AdaptiveBackward(g.FMemory, gx.FMemory, _planes, _inH, _inW, _outH, _outW);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("adaptive_avg_pool2d_1", x => Apply(x[0], (1, 1)), OpCase.Shapes([2, 3, 4, 5])),
        new("adaptive_avg_pool2d_4", x => Apply(x[0], (4, 4)), OpCase.Shapes([1, 2, 7, 9])),
        new("adaptive_avg_pool2d_up", x => Apply(x[0], (5, null)), OpCase.Shapes([2, 3, 4])),
    ];
}

/// <summary>
/// Adaptive max pooling (torch.nn.functional.adaptive_max_pool2d): windows as <see cref="AdaptiveAvgPool2dFunction"/>,
/// maximum and argmax as <see cref="MaxPool2dFunction"/>; backward routes g to each window's argmax.
/// </summary>
internal sealed class AdaptiveMaxPool2dFunction : Function
{
    private int _planes, _inPlane, _outPlane;

    public override string Name => "adaptive_max_pool2d";

    public static (Tensor Output, Tensor Argmax) Apply(Tensor x, (int? H, int? W) outputSize, string op = "adaptive_max_pool2d")
    {
        var (oh, ow) = PoolingShapes.AdaptiveSize(x, op, outputSize);
        var (planes, h, w) = PoolingShapes.Planes(x, op);
        var shape = PoolingShapes.WithPlane(x, oh, ow);
        var y = Tensor.Empty(shape);
        var argmax = Tensor.Empty(shape);
        MaxPoolKernels.AdaptiveForward(x.FMemory, y.FMemory, argmax.FMemory, planes, h, w, oh, ow);
        if (GradMode.ShouldRecord(x))
        {
            var fn = new AdaptiveMaxPool2dFunction { _planes = planes, _inPlane = h * w, _outPlane = oh * ow };
            fn.SaveForBackward(argmax);
            fn.Attach(y, x);
        }

        return (y, argmax);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var gx = Tensor.Empty(Inputs[0].Shape);
        MaxPoolKernels.Backward(g.FMemory, Saved(0).FMemory, gx.FMemory, _planes, _inPlane, _outPlane);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("adaptive_max_pool2d", x => Apply(x[0], (3, 2)).Output, MaxPool2dFunction.Distinct([2, 2, 7, 5])),
        new("adaptive_max_pool2d_1_3d", x => Apply(x[0], (1, 1)).Output, MaxPool2dFunction.Distinct([3, 4, 4])),
    ];
}
