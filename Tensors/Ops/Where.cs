using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>torch.where(cond, a, b): a where cond else b, all three broadcast together. The gradient goes to a
/// where cond holds and to b elsewhere (each summed back to its own shape).</summary>
internal sealed class WhereFunction : Function
{
    public override string Name => "where";

    public static Tensor Apply(Tensor cond, Tensor a, Tensor b)
    {
        if (cond.DType != DType.Bool)
        {
            throw new ArgumentException($"where: the condition must be a bool tensor, got {cond.DType.TorchName()} of shape {cond.Shape}.", nameof(cond));
        }

        if (a.DType != b.DType)
        {
            throw new ArgumentException($"where: a is {a.DType.TorchName()} (shape {a.Shape}) but b is {b.DType.TorchName()} (shape {b.Shape}); convert with To() first.");
        }

        var shape = Shape.Broadcast(Shape.Broadcast(cond.Shape, a.Shape, "where"), b.Shape, "where");
        var (c, tc) = Comparison.Prepare(cond, DType.Bool, shape);
        var (x, tx) = Comparison.Prepare(a, a.DType, shape);
        var (y, ty) = Comparison.Prepare(b, b.DType, shape);
        var r = Tensor.Empty(shape, a.DType);
        var cs = c.Span<bool>();
        switch (a.DType)
        {
            case DType.Float32: CompareKernel.Select(cs, x.Span<float>(), y.Span<float>(), r.Span<float>()); break;
            case DType.Int64: CompareKernel.Select(cs, x.Span<long>(), y.Span<long>(), r.Span<long>()); break;
            case DType.Int32: CompareKernel.Select(cs, x.Span<int>(), y.Span<int>(), r.Span<int>()); break;
            default: CompareKernel.Select(cs, x.Span<bool>(), y.Span<bool>(), r.Span<bool>()); break;
        }

        if (tx)
        {
            x.Dispose();
        }

        if (ty)
        {
            y.Dispose();
        }

        if (!GradMode.ShouldRecord(a, b))
        {
            if (tc)
            {
                c.Dispose();
            }

            return r;
        }

        var fn = new WhereFunction();
        fn.SaveForBackward(tc ? c : cond);
        return fn.Attach(r, a, b);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var c = Saved(0);
        var zeros = Tensor.Zeros(g.Shape);
        Tensor? ga = null, gb = null;
        if (NeedsInputGrad(0))
        {
            var t = Tensor.Empty(g.Shape);
            CompareKernel.Select(c.Span<bool>(), g.F, zeros.F, t.F);
            ga = BinaryOp.SumTo(t, Inputs[0].Shape);
        }

        if (NeedsInputGrad(1))
        {
            var t = Tensor.Empty(g.Shape);
            CompareKernel.Select(c.Span<bool>(), zeros.F, g.F, t.F);
            gb = BinaryOp.SumTo(t, Inputs[1].Shape);
        }

        return [ga, gb];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("where_broadcast", x => Tensor.Where(x[0].Gt(0f), x[0], x[1]), OpCase.AwayFromZero([3, 4], [4])),
        new("masked_fill", x => x[0].MaskedFill(Tensor.FromArray(new[] { true, false, true }), -2f), OpCase.Shapes([2, 3])),
    ];
}
