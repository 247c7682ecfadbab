using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels.Pool;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// 2-D average pooling (torch.nn.functional.avg_pool2d) of [N, C, H, W] or [C, H, W]: y = Σ window / divisor with
/// divisor = divisorOverride, else the window's size within the padded input (countIncludePad) or within the input.
/// Backward spreads g / divisor over each window: dx[window] += g / divisor.
/// </summary>
internal sealed class AvgPool2dFunction : Function
{
    private int _planes, _divisorOverride;
    private bool _countIncludePad;
    private Window2d _window;

    public override string Name => "avg_pool2d";

    /// <exception cref="ArgumentException">Bad geometry (see <see cref="PoolingShapes.Window"/>) or a zero divisor.</exception>
    public static Tensor Apply(Tensor x, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding, bool ceilMode,
        bool countIncludePad, int? divisorOverride, string op = "avg_pool2d")
    {
        if (divisorOverride == 0)
        {
            throw new ArgumentException($"{op}: divisor_override must be non-zero, got 0.");
        }

        var w = PoolingShapes.Window(x, op, kernel, stride, padding, (1, 1), ceilMode);
        var (planes, _, _) = PoolingShapes.Planes(x, op);
        var y = Tensor.Empty(PoolingShapes.WithPlane(x, w.OutH, w.OutW));
        AvgPoolKernels.Forward(x.FMemory, y.FMemory, planes, w, countIncludePad, divisorOverride ?? 0);
        if (!GradMode.ShouldRecord(x))
        {
            return y;
        }

        var fn = new AvgPool2dFunction { _planes = planes, _window = w, _countIncludePad = countIncludePad, _divisorOverride = divisorOverride ?? 0 };
        return fn.Attach(y, x);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var gx = Tensor.Empty(Inputs[0].Shape);
        AvgPoolKernels.Backward(g.FMemory, gx.FMemory, _planes, _window, _countIncludePad, _divisorOverride);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("avg_pool2d", x => Apply(x[0], (2, 2), (2, 2), (0, 0), false, true, null), OpCase.Shapes([2, 3, 4, 6])),
        new("avg_pool2d_pad_exclude", x => Apply(x[0], (3, 3), (2, 2), (1, 1), false, false, null), OpCase.Shapes([1, 2, 5, 6])),
        new("avg_pool2d_pad_include_ceil", x => Apply(x[0], (3, 2), (2, 2), (1, 1), true, true, null), OpCase.Shapes([2, 5, 6])),
        new("avg_pool2d_divisor", x => Apply(x[0], (2, 3), (1, 2), (0, 1), true, true, 5), OpCase.Shapes([1, 2, 4, 6])),
    ];
}
