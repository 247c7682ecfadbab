using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>Shared forward for broadcasting binary ops and the reduction of gradients back to input shapes.</summary>
internal static class BinaryOp
{
    public static Tensor Forward<TKernel>(Tensor a, Tensor b, string name)
        where TKernel : IBinaryKernel
    {
        RequireFloat(a, name);
        RequireFloat(b, name);
        var shape = a.Shape == b.Shape ? a.Shape : Shape.Broadcast(a.Shape, b.Shape, name);
        var r = Tensor.Empty(shape);
        Broadcast.Binary<TKernel>(a.F, a.Shape, b.F, b.Shape, r.F, shape);
        return r;
    }

    public static void RequireFloat(Tensor t, string op)
    {
        if (t.DType != DType.Float32)
        {
            throw new ArgumentException($"{op}: expected a float32 tensor, got {t.DType.TorchName()} of shape {t.Shape}.");
        }
    }

    /// <summary>Sums a broadcast gradient down to <paramref name="shape"/> (inverse of broadcasting).</summary>
    public static Tensor SumTo(Tensor g, Shape shape)
    {
        if (g.Shape == shape)
        {
            return g;
        }

        int lead = g.Rank - shape.Rank;
        var dims = new List<int>();
        for (int i = 0; i < g.Rank; i++)
        {
            if (i < lead || (shape.Dims[i - lead] == 1 && g.Shape.Dims[i] != 1))
            {
                dims.Add(i);
            }
        }

        return SumFunction.Apply(g, [.. dims], keepDim: true).Reshape(shape.Dims);
    }
}

internal sealed class AddFunction : Function
{
    public override string Name => "add";

    public static Tensor Apply(Tensor a, Tensor b)
    {
        var r = BinaryOp.Forward<AddKernel>(a, b, "add");
        return GradMode.ShouldRecord(a, b) ? new AddFunction().Attach(r, a, b) : r;
    }

    protected internal override Tensor?[] Backward(Tensor g) =>
        [NeedsInputGrad(0) ? BinaryOp.SumTo(g, Inputs[0].Shape) : null, NeedsInputGrad(1) ? BinaryOp.SumTo(g, Inputs[1].Shape) : null];

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("add", x => x[0] + x[1], OpCase.Shapes([3, 4], [3, 4])),
        new("add_broadcast", x => x[0] + x[1], OpCase.Shapes([2, 3, 4], [3, 1])),
    ];
}

internal sealed class SubFunction : Function
{
    public override string Name => "sub";

    public static Tensor Apply(Tensor a, Tensor b)
    {
        var r = BinaryOp.Forward<SubKernel>(a, b, "sub");
        return GradMode.ShouldRecord(a, b) ? new SubFunction().Attach(r, a, b) : r;
    }

    protected internal override Tensor?[] Backward(Tensor g) =>
        [NeedsInputGrad(0) ? BinaryOp.SumTo(g, Inputs[0].Shape) : null, NeedsInputGrad(1) ? BinaryOp.SumTo(-g, Inputs[1].Shape) : null];

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("sub_broadcast", x => x[0] - x[1], OpCase.Shapes([4], [3, 4]))];
}

internal sealed class MulFunction : Function
{
    public override string Name => "mul";

    public static Tensor Apply(Tensor a, Tensor b)
    {
        var r = BinaryOp.Forward<MulKernel>(a, b, "mul");
        if (!GradMode.ShouldRecord(a, b))
        {
            return r;
        }

        var fn = new MulFunction();
        fn.SaveForBackward(a, b);
        return fn.Attach(r, a, b);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (a, b) = (Saved(0), Saved(1));
        return [NeedsInputGrad(0) ? BinaryOp.SumTo(g * b, a.Shape) : null, NeedsInputGrad(1) ? BinaryOp.SumTo(g * a, b.Shape) : null];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("mul", x => x[0] * x[1], OpCase.Shapes([5], [5])),
        new("mul_broadcast", x => x[0] * x[1], OpCase.Shapes([2, 1, 4], [3, 1])),
    ];
}

internal sealed class DivFunction : Function
{
    public override string Name => "div";

    public static Tensor Apply(Tensor a, Tensor b)
    {
        var r = BinaryOp.Forward<DivKernel>(a, b, "div");
        if (!GradMode.ShouldRecord(a, b))
        {
            return r;
        }

        var fn = new DivFunction();
        fn.SaveForBackward(a, b);
        return fn.Attach(r, a, b);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (a, b) = (Saved(0), Saved(1));
        var gb = g / b;
        return [NeedsInputGrad(0) ? BinaryOp.SumTo(gb, a.Shape) : null, NeedsInputGrad(1) ? BinaryOp.SumTo(-(gb * a / b), b.Shape) : null];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("div_broadcast", x => x[0] / x[1], g => [Tensor.Uniform([2, 3], -1, 1, g), Tensor.Uniform([3], 0.5f, 2f, g)]),
    ];
}
