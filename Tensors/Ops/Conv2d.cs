using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels.Conv;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// 2-D cross-correlation (torch.nn.functional.conv2d): x [N, C, H, W] (or unbatched [C, H, W]), weight
/// [O, C/groups, kH, kW], bias [O] → [N, O, OH, OW] with OH = ⌊(H + pads − d·(kH − 1) − 1) / s⌋ + 1.
/// Forward and backward run im2col + SGEMM (<see cref="Conv2dKernels"/>).
/// </summary>
internal sealed class Conv2dFunction : Function
{
    private const string Layer = "Conv2d";
    private ConvGeometry _g;
    private int _groups;

    public override string Name => "conv2d";

    /// <exception cref="ArgumentException">Non-float operands; a weight that is not 4-D; input channels ≠
    /// weight[1]·groups; out channels not divisible by groups; a bias that is not [O]; non-positive stride,
    /// dilation or groups; negative padding; 'same' with a stride; an input smaller than the dilated kernel.</exception>
    public static Tensor Apply(Tensor x, Tensor weight, Tensor? bias, Conv2dArgs a)
    {
        a.Validate(Layer);
        if (weight.Rank == 4 && weight.Size(0) % a.Groups != 0)
            throw new ArgumentException($"{Layer}: out_channels {weight.Size(0)} (weight {weight.Shape}) must be divisible by groups={a.Groups}.");
        Conv2dArgs.CheckOperands(Layer, x, weight, bias, weight.Rank == 4 ? weight.Size(1) * a.Groups : -1,
            weight.Rank == 4 ? weight.Size(0) : -1, a.Groups);
        if (x.Rank == 3)
        {
            var y3 = Apply(x.Reshape(1, x.Size(0), x.Size(1), x.Size(2)), weight, bias, a);
            return y3.Reshape(y3.Size(1), y3.Size(2), y3.Size(3));
        }

        int n = x.Size(0), h = x.Size(2), w = x.Size(3), outC = weight.Size(0), kh = weight.Size(2), kw = weight.Size(3);
        var (pt, pl, pb, pr) = a.Pads(kh, kw);
        (int, int) padded = (h + pt + pb, w + pl + pr), kernel = (kh, kw);
        int oh = Conv2dArgs.ConvOut(Layer, x, h, pt, pb, kh, a.Dilation.H, a.Stride.H, padded, kernel);
        int ow = Conv2dArgs.ConvOut(Layer, x, w, pl, pr, kw, a.Dilation.W, a.Stride.W, padded, kernel);
        var g = Conv2dArgs.Geometry(weight.Size(1), h, w, kh, kw, a.Stride, pt, pl, a.Dilation, oh, ow);

        var y = Tensor.Empty(new Shape(n, outC, oh, ow));
        Conv2dKernels.Forward(g, n, a.Groups, outC, x.F, weight.F, bias is null ? default : bias.F, y.F);

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        if (!GradMode.ShouldRecord(inputs)) return y;
        var fn = new Conv2dFunction { _g = g, _groups = a.Groups };
        fn.SaveForBackward(x, weight);
        return fn.Attach(y, inputs);
    }

    protected internal override Tensor?[] Backward(Tensor gy)
    {
        var (x, w) = (Saved(0), Saved(1));
        bool needDx = NeedsInputGrad(0), needDw = NeedsInputGrad(1), hasBias = Inputs.Count == 3;
        var dx = needDx ? Tensor.Empty(x.Shape) : null;
        var dw = needDw ? Tensor.Empty(w.Shape) : null;
        var db = hasBias && NeedsInputGrad(2) ? Tensor.Empty(Inputs[2].Shape) : null;
        Conv2dKernels.Backward(_g, x.Size(0), _groups, w.Size(0), x.F, w.F, gy.F,
            dx is null ? default : dx.F, needDx, dw is null ? default : dw.F, needDw, db is null ? default : db.F);
        return hasBias ? [dx, dw, db] : [dx, dw];
    }

    private static OpCase Case(string name, Conv2dArgs a, bool bias, params Shape[] shapes) =>
        new(name, t => Apply(t[0], t[1], bias ? t[2] : null, a), OpCase.Shapes(shapes));

    private static Conv2dArgs Args((int, int) stride, (int, int) padding, (int, int) dilation, int groups = 1, bool same = false) =>
        new(stride, padding, dilation, groups, same);

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        Case("conv2d", Conv2dArgs.Of(), true, [2, 3, 5, 5], [4, 3, 3, 3], [4]),
        Case("conv2d_stride_padding", Args((2, 1), (1, 2), (1, 1)), true, [1, 2, 6, 5], [3, 2, 3, 2], [3]),
        Case("conv2d_stride3", Args((3, 3), (0, 1), (1, 1)), true, [1, 1, 7, 8], [2, 1, 2, 3], [2]),
        Case("conv2d_dilation", Args((1, 1), (1, 1), (2, 2)), true, [1, 2, 7, 7], [2, 2, 3, 3], [2]),
        Case("conv2d_groups", Conv2dArgs.Of(groups: 2), true, [2, 4, 5, 5], [6, 2, 3, 3], [6]),
        Case("conv2d_no_bias", Conv2dArgs.Of(), false, [2, 2, 4, 4], [3, 2, 2, 2]),
        Case("conv2d_same", Args((1, 1), (0, 0), (1, 1), same: true), true, [1, 2, 5, 6], [3, 2, 4, 3], [3]),
        Case("conv2d_same_dilation", Args((1, 1), (0, 0), (2, 1), same: true), false, [1, 1, 6, 6], [2, 1, 2, 2]),
        Case("conv2d_pointwise", Conv2dArgs.Of(), true, [2, 3, 4, 4], [5, 3, 1, 1], [5]),
        Case("conv2d_pointwise_groups", Conv2dArgs.Of(groups: 2), false, [2, 4, 3, 3], [6, 2, 1, 1]),
        Case("conv2d_unbatched", Conv2dArgs.Of(padding: 1), true, [2, 4, 4], [3, 2, 3, 3], [3]),
        // 16 channels, 3×3, stride 1: the Winograd path (odd width, so the last tile column is partial).
        Case("conv2d_winograd", Conv2dArgs.Of(padding: 1), true, [2, 16, 4, 5], [16, 16, 3, 3], [16]),
    ];
}
