using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>Minimum along one dimension; the gradient flows to the first minimal element (torch.min(dim)).</summary>
internal sealed class MinDimFunction : Function
{
    private Tensor _indices = null!;
    private int _dim;

    public override string Name => "min";

    public static (Tensor Values, Tensor Indices) Apply(Tensor x, int dim, bool keepDim)
    {
        BinaryOp.RequireFloat(x, "min");
        int d = x.Shape.Normalize(dim);
        var (outer, n, inner) = Reduce.Split(x.Shape, d);
        var kept = x.Shape.ToArray();
        if (kept.Length > 0)
        {
            kept[d] = 1;
        }

        var values = Tensor.Empty(new Shape(kept));
        var indices = Tensor.Empty(new Shape(kept), DType.Int64);
        Reduce.Min(x.F, values.F, indices.Span<long>(), outer, n, inner);
        if (!keepDim && kept.Length > 0)
        {
            var sq = SumFunction.ReduceShapes(x.Shape, [d]).Final;
            values = values.ViewAs(sq);
            indices = indices.ViewAs(sq);
        }

        if (GradMode.ShouldRecord(x))
        {
            new MinDimFunction { _indices = indices, _dim = d }.Attach(values, x);
        }

        return (values, indices);
    }

    /// <summary>The gradient of an arg-reduction: g scattered to the chosen index (shared with max).</summary>
    internal static Tensor ScatterToIndices(Tensor g, Tensor indices, Shape inputShape, int dim)
    {
        var gx = Tensor.Zeros(inputShape);
        var idxShape = inputShape.ToArray();
        if (idxShape.Length > 0)
        {
            idxShape[dim] = 1;
        }

        var s = new Shape(idxShape);
        GatherKernel.ScatterAdd(g.F, inputShape.Rank == 0 ? new Shape() : s, indices.Span<long>(), gx.F, inputShape, dim);
        return gx;
    }

    protected internal override Tensor?[] Backward(Tensor g) => [ScatterToIndices(g, _indices, Inputs[0].Shape, _dim)];

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("min_dim", x => x[0].Min(0).Values, OpCase.Shapes([3, 4])),
        new("min_dim_keepdim", x => x[0].Min(-1, keepDim: true).Values, OpCase.Shapes([2, 3, 5])),
        new("min_all", x => x[0].Min(), OpCase.Shapes([6])),
    ];
}
