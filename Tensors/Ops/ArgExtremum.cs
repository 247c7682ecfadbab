using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>Maximum or minimum along one dimension with the index of its first occurrence (torch.max(dim) /
/// torch.min(dim)); NaN wins. The gradient flows to the chosen element only.</summary>
internal sealed class ArgExtremumFunction : Function
{
    private Tensor _indices = null!;
    private int _dim;
    private bool _max;

    public override string Name => _max ? "max" : "min";

    public static (Tensor Values, Tensor Indices) Apply(Tensor x, int dim, bool keepDim, bool max)
    {
        string name = max ? "max" : "min";
        BinaryOp.RequireFloat(x, name);
        int d = x.Shape.Normalize(dim);
        var (outer, n, inner) = Reduce.Split(x.Shape, d);
        var kept = x.Shape.ToArray();
        if (kept.Length > 0)
        {
            kept[d] = 1;
        }

        var values = Tensor.Empty(new Shape(kept));
        var indices = Tensor.Empty(new Shape(kept), DType.Int64);
        if (max)
        {
            Reduce.Extremum<Reduce.Greater>(x.F, values.F, indices.Span<long>(), outer, n, inner, name);
        }
        else
        {
            Reduce.Extremum<Reduce.Less>(x.F, values.F, indices.Span<long>(), outer, n, inner, name);
        }

        if (!keepDim && kept.Length > 0)
        {
            var sq = SumFunction.ReduceShapes(x.Shape, [d]).Final;
            values = values.ViewAs(sq);
            indices = indices.ViewAs(sq);
        }

        if (GradMode.ShouldRecord(x))
        {
            new ArgExtremumFunction { _indices = indices, _dim = d, _max = max }.Attach(values, x);
        }

        return (values, indices);
    }

    /// <summary>g scattered to the chosen index along the reduced dimension.</summary>
    protected internal override Tensor?[] Backward(Tensor g)
    {
        var inputShape = Inputs[0].Shape;
        var gx = Tensor.Zeros(inputShape);
        var idxShape = inputShape.ToArray();
        if (idxShape.Length > 0)
        {
            idxShape[_dim] = 1;
        }

        GatherKernel.ScatterAdd(g.F, inputShape.Rank == 0 ? new Shape() : new Shape(idxShape), _indices.Span<long>(), gx.F, inputShape, _dim);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("max_dim", x => x[0].Max(1).Values, OpCase.Shapes([3, 4, 2])),
        new("max_dim_keepdim", x => x[0].Max(-1, keepDim: true).Values, OpCase.Shapes([3, 5])),
        new("max_all", x => x[0].Max(), OpCase.Shapes([6])),
        new("min_dim", x => x[0].Min(0).Values, OpCase.Shapes([3, 4])),
        new("min_dim_keepdim", x => x[0].Min(-1, keepDim: true).Values, OpCase.Shapes([2, 3, 5])),
        new("min_all", x => x[0].Min(), OpCase.Shapes([6])),
    ];
}
