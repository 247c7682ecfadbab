using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>torch.cat: joins tensors of one dtype along an existing dimension; all other sizes must match.
/// Each input is one block copy per outer index. Backward hands each input its slice of the gradient.</summary>
internal sealed class CatFunction : Function
{
    private int _dim;

    public override string Name => "cat";

    public static Tensor Apply(IReadOnlyList<Tensor> tensors, int dim)
    {
        if (tensors.Count == 0)
        {
            throw new ArgumentException("cat: expected a non-empty list of tensors.", nameof(tensors));
        }

        var first = tensors[0];
        if (first.Rank == 0)
        {
            throw new ArgumentException($"cat: zero-dimensional tensor (at position 0) cannot be concatenated; use Stack.", nameof(tensors));
        }

        int d = first.Shape.Normalize(dim);
        int total = 0;
        for (int i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            if (t.DType != first.DType)
            {
                throw new ArgumentException(
                    $"cat: tensor {i} is {t.DType.TorchName()} but tensor 0 is {first.DType.TorchName()}; convert with To() first.", nameof(tensors));
            }

            if (!SameExcept(t.Shape, first.Shape, d))
            {
                throw new ArgumentException(
                    $"cat: tensor {i} has shape {t.Shape} but tensor 0 has shape {first.Shape}; sizes must match except in dimension {dim}.", nameof(tensors));
            }

            total += t.Shape.Dims[d];
        }

        var dims = first.Shape.ToArray();
        dims[d] = total;
        var y = Tensor.Empty(new Shape(dims), first.DType);
        var (outer, _, inner) = Reduce.Split(first.Shape, d);
        int at = 0;
        foreach (var t in tensors)
        {
            int len = t.Shape.Dims[d] * inner;
            BlockCopy.Rows(t, len, 0, y, total * inner, at, outer, len);
            at += len;
        }

        var inputs = tensors.ToArray();
        return GradMode.ShouldRecord(inputs) ? new CatFunction { _dim = d }.Attach(y, inputs) : y;
    }

    private static bool SameExcept(Shape a, Shape b, int d)
    {
        if (a.Rank != b.Rank)
        {
            return false;
        }

        for (int i = 0; i < a.Rank; i++)
        {
            if (i != d && a.Dims[i] != b.Dims[i])
            {
                return false;
            }
        }

        return true;
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (outer, total, inner) = Reduce.Split(g.Shape, _dim);
        var grads = new Tensor?[Inputs.Count];
        int at = 0;
        for (int i = 0; i < grads.Length; i++)
        {
            var x = Inputs[i];
            int len = x.Shape.Dims[_dim] * inner;
            if (NeedsInputGrad(i))
            {
                var gi = Tensor.Empty(x.Shape);
                BlockCopy.Rows(g.F, total * inner, at, gi.F, len, 0, outer, len);
                grads[i] = gi;
            }

            at += len;
        }

        return grads;
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("cat_dim1", x => Tensor.Cat([x[0], x[1], x[2]], 1), OpCase.Shapes([2, 1, 3], [2, 3, 3], [2, 2, 3])),
        new("cat_dim0", x => Tensor.Cat([x[0], x[1]], 0), OpCase.Shapes([1, 4], [2, 4])),
        new("stack_last", x => Tensor.Stack([x[0], x[1]], -1), OpCase.Shapes([2, 3], [2, 3])),
    ];
}
