using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// x.narrow(dim, start, length): elements start..start+length-1 along one dimension. When every dimension
/// before <c>dim</c> has size 1 the slice is one contiguous run, so the result is a view sharing storage (as
/// PyTorch's); otherwise it is a contiguous copy made of one block copy per outer index. Slice, Select and
/// batch indexing are built on it. Backward writes the gradient into zeros at the slice.
/// </summary>
internal sealed class NarrowFunction : Function
{
    private int _dim;
    private int _start;

    public override string Name => "narrow";

    public static Tensor Apply(Tensor x, int dim, int start, int length)
    {
        if (x.Rank == 0)
        {
            throw new ArgumentException("narrow: cannot be applied to a 0-dim tensor.");
        }

        int d = x.Shape.Normalize(dim);
        int size = x.Shape.Dims[d];
        if (start < -size || start > size)
        {
            throw new ArgumentOutOfRangeException(nameof(start),
                $"narrow: start {start} is out of range for dimension {dim} of size {size} (shape {x.Shape}).");
        }

        if (start < 0)
        {
            start += size;
        }

        if (length < 0 || start + length > size)
        {
            throw new ArgumentOutOfRangeException(nameof(length),
                $"narrow: start ({start}) + length ({length}) exceeds dimension {dim} of size {size} (shape {x.Shape}).");
        }

        var (outer, n, inner) = Reduce.Split(x.Shape, d);
        var dims = x.Shape.ToArray();
        dims[d] = length;
        var shape = new Shape(dims);
        Tensor y;
        if (outer == 1)
        {
            x.ThrowIfDisposed();
            x.Storage.AddRef();
            y = new Tensor(x.Storage, x.Offset + start * inner, shape, x.DType);
        }
        else
        {
            y = Tensor.Empty(shape, x.DType);
            BlockCopy.Rows(x, n * inner, start * inner, y, length * inner, 0, outer, length * inner);
        }

        return GradMode.ShouldRecord(x) ? new NarrowFunction { _dim = d, _start = start }.Attach(y, x) : y;
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var shape = Inputs[0].Shape;
        var (outer, n, inner) = Reduce.Split(shape, _dim);
        int length = g.Shape.Dims[_dim];
        var gx = Tensor.Zeros(shape);
        BlockCopy.Rows(g.F, length * inner, 0, gx.F, n * inner, _start * inner, outer, length * inner);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("narrow_dim0_view", x => x[0].Narrow(0, 1, 2) * 2f, OpCase.Shapes([4, 3])),
        new("narrow_inner_copy", x => x[0].Narrow(-1, 1, 2), OpCase.Shapes([2, 3, 4])),
        new("slice_batch", x => x[0].Slice(-3, 100), OpCase.Shapes([5, 2])),
        new("select", x => x[0].Select(1, -1), OpCase.Shapes([2, 3, 2])),
        new("squeeze_unsqueeze", x => x[0].Squeeze().Unsqueeze(-1) * x[1], OpCase.Shapes([2, 1, 3], [2, 3, 1])),
    ];
}
