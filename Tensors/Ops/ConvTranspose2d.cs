using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels.Conv;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// 2-D transposed convolution (torch.nn.functional.conv_transpose2d), the adjoint of <see cref="Conv2dFunction"/>:
/// x [N, Ci, H, W] (or [Ci, H, W]), weight [Ci, O/groups, kH, kW], bias [O] → [N, O, OH, OW] with
/// OH = (H − 1)·s − 2·p + d·(kH − 1) + output_padding + 1.
/// </summary>
internal sealed class ConvTranspose2dFunction : Function
{
    private const string Layer = "ConvTranspose2d";
    private ConvGeometry _g;
    private int _groups;

    public override string Name => "conv_transpose2d";

    /// <exception cref="ArgumentException">As <see cref="Conv2dFunction.Apply"/> (input channels must equal
    /// weight[0], which groups must divide), plus output_padding not smaller than stride or dilation, 'same'
    /// padding, or a non-positive output size.</exception>
    public static Tensor Apply(Tensor x, Tensor weight, Tensor? bias, Conv2dArgs a)
    {
        a.Validate(Layer);
        if (a.Same) throw new ArgumentException($"{Layer}: padding='same' is not supported; give the padding as integers.");
        var (op, s, d) = (a.OutputPadding, a.Stride, a.Dilation);
        if ((op.H >= s.H && op.H >= d.H) || (op.W >= s.W && op.W >= d.W))
            throw new ArgumentException(
                $"{Layer}: output padding must be smaller than either stride or dilation; got output_padding {Conv2dArgs.Pair(op)}, " +
                $"stride {Conv2dArgs.Pair(s)}, dilation {Conv2dArgs.Pair(d)}.");
        if (weight.Rank == 4 && weight.Size(0) % a.Groups != 0)
            throw new ArgumentException($"{Layer}: in_channels {weight.Size(0)} (weight {weight.Shape}) must be divisible by groups={a.Groups}.");
        Conv2dArgs.CheckOperands(Layer, x, weight, bias, weight.Rank == 4 ? weight.Size(0) : -1,
            weight.Rank == 4 ? weight.Size(1) * a.Groups : -1, a.Groups);
        if (x.Rank == 3)
        {
            var y3 = Apply(x.Reshape(1, x.Size(0), x.Size(1), x.Size(2)), weight, bias, a);
            return y3.Reshape(y3.Size(1), y3.Size(2), y3.Size(3));
        }

        int n = x.Size(0), h = x.Size(2), w = x.Size(3), co = weight.Size(1), kh = weight.Size(2), kw = weight.Size(3);
        int oh = (h - 1) * s.H - 2 * a.Padding.H + d.H * (kh - 1) + op.H + 1;
        int ow = (w - 1) * s.W - 2 * a.Padding.W + d.W * (kw - 1) + op.W + 1;
        if (oh <= 0 || ow <= 0)
            throw new ArgumentException(
                $"{Layer}: input {x.Shape} gives a non-positive output size ({oh} x {ow}) with kernel ({kh} x {kw}), stride " +
                $"{Conv2dArgs.Pair(s)}, padding {Conv2dArgs.Pair(a.Padding)}, dilation {Conv2dArgs.Pair(d)}.");
        // The convolution that maps the output back to the input: its "image" is y, its window positions are x's pixels.
        var g = Conv2dArgs.Geometry(co, oh, ow, kh, kw, s, a.Padding.H, a.Padding.W, d, h, w);

        var y = Tensor.Empty(new Shape(n, co * a.Groups, oh, ow));
        ConvTranspose2dKernels.Forward(g, n, a.Groups, x.Size(1), x.F, weight.F, bias is null ? default : bias.F, y.F);

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        if (!GradMode.ShouldRecord(inputs)) return y;
        var fn = new ConvTranspose2dFunction { _g = g, _groups = a.Groups };
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
        ConvTranspose2dKernels.Backward(_g, x.Size(0), _groups, x.Size(1), x.F, w.F, gy.F,
            dx is null ? default : dx.F, needDx, dw is null ? default : dw.F, needDw, db is null ? default : db.F);
        return hasBias ? [dx, dw, db] : [dx, dw];
    }

    private static OpCase Case(string name, Conv2dArgs a, bool bias, params Shape[] shapes) =>
        new(name, t => Apply(t[0], t[1], bias ? t[2] : null, a), OpCase.Shapes(shapes));

    private static Conv2dArgs Args(int stride, int padding, int outputPadding, int dilation = 1, int groups = 1) =>
        new((stride, stride), (padding, padding), (dilation, dilation), groups, false, (outputPadding, outputPadding));

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        Case("conv_transpose2d", Args(1, 0, 0), true, [2, 3, 3, 3], [3, 2, 3, 3], [2]),
        Case("conv_transpose2d_stride_output_padding", Args(2, 1, 1), true, [1, 2, 3, 4], [2, 3, 3, 2], [3]),
        Case("conv_transpose2d_asymmetric", new((2, 1), (0, 1), (1, 1), 1, false, (1, 0)), true, [1, 2, 2, 3], [2, 2, 2, 3], [2]),
        Case("conv_transpose2d_dilation_groups", Args(1, 0, 0, dilation: 2, groups: 2), true, [1, 4, 3, 3], [4, 1, 2, 2], [2]),
        Case("conv_transpose2d_output_padding_dilation", Args(1, 0, 1, dilation: 2), false, [1, 1, 3, 3], [1, 2, 2, 2]),
        Case("conv_transpose2d_pointwise", Args(1, 0, 0), false, [2, 3, 3, 3], [3, 4, 1, 1]),
        Case("conv_transpose2d_unbatched", Args(2, 0, 0), true, [2, 2, 2], [2, 2, 2, 2], [2]),
    ];
}
