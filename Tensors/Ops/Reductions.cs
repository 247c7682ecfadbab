using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>Sum over a set of dimensions (all when empty), optionally keeping them as size 1.</summary>
internal sealed class SumFunction : Function
{
    private Shape _keptShape;

    public override string Name => "sum";

    public static Tensor Apply(Tensor x, int[] dims, bool keepDim)
    {
        BinaryOp.RequireFloat(x, "sum");
        var (reduce, kept, final) = ReduceShapes(x.Shape, dims);
        Tensor cur = x;
        var curShape = x.Shape.ToArray();
        for (int d = 0; d < reduce.Length; d++)
        {
            if (!reduce[d] || x.Shape.Dims[d] == 1)
            {
                continue;
            }

            var (outer, n, inner) = Reduce.Split(new Shape(curShape), d);
            curShape[d] = 1;
            var next = Tensor.Empty(new Shape(curShape));
            Reduce.Sum(cur.F, next.F, outer, n, inner);
            if (!ReferenceEquals(cur, x))
            {
                cur.Dispose();
            }

            cur = next;
        }

        var result = ReferenceEquals(cur, x) ? Copy(x) : cur;
        result = result.ViewAs(keepDim ? kept : final);
        return GradMode.ShouldRecord(x) ? new SumFunction { _keptShape = kept }.Attach(result, x) : result;
    }

    private static Tensor Copy(Tensor x)
    {
        var c = Tensor.Empty(x.Shape);
        x.F.CopyTo(c.F);
        return c;
    }

    /// <summary>Which dims are reduced, the keepdim shape and the squeezed shape.</summary>
    internal static (bool[] Reduce, Shape Kept, Shape Final) ReduceShapes(Shape s, int[] dims)
    {
        var reduce = new bool[s.Rank];
        if (dims.Length == 0)
        {
            Array.Fill(reduce, true);
        }

        foreach (var d in dims)
        {
            int n = s.Normalize(d);
            if (reduce[n] && dims.Length > 0)
            {
                throw new ArgumentException($"Dimension {d} appears more than once in the reduction dims [{string.Join(", ", dims)}].");
            }

            reduce[n] = true;
        }

        var kept = s.ToArray();
        var final = new List<int>();
        for (int i = 0; i < kept.Length; i++)
        {
            if (reduce[i])
            {
                kept[i] = 1;
            }
            else
            {
                final.Add(kept[i]);
            }
        }

        return (reduce, new Shape(kept), new Shape([.. final]));
    }

    protected internal override Tensor?[] Backward(Tensor g) => [ExpandFunction.Apply(g.Reshape(_keptShape.Dims), Inputs[0].Shape)];

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("sum_all", x => x[0].Sum(), OpCase.Shapes([3, 4])),
        new("sum_dim_keepdim", x => x[0].Sum([1], keepDim: true), OpCase.Shapes([2, 3, 4])),
        new("sum_dims", x => x[0].Sum([0, 2]), OpCase.Shapes([2, 3, 4])),
        new("mean_dim", x => x[0].Mean([-1]), OpCase.Shapes([3, 5])),
        new("var_dim", x => x[0].Var([1]), OpCase.Shapes([3, 5])),
        new("std_all", x => x[0].Std(), OpCase.Shapes([7])),
    ];
}

/// <summary>Broadcasts to a larger shape (a materialized <c>expand</c>); backward sums back.</summary>
internal sealed class ExpandFunction : Function
{
    public override string Name => "expand";

    public static Tensor Apply(Tensor x, Shape shape)
    {
        BinaryOp.RequireFloat(x, "expand");
        var target = Shape.Broadcast(x.Shape, shape, "expand");
        if (target != shape)
        {
            throw new ArgumentException($"expand: shape {x.Shape} cannot be expanded to {shape}.");
        }

        var y = Tensor.Empty(shape);
        Expand.Run(x.F, x.Shape, y.F, shape);
        return GradMode.ShouldRecord(x) ? new ExpandFunction().Attach(y, x) : y;
    }

    protected internal override Tensor?[] Backward(Tensor g) => [BinaryOp.SumTo(g, Inputs[0].Shape)];

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("expand", x => x[0].Expand([2, 3, 4]), OpCase.Shapes([3, 1]))];
}
