using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// torch.matmul for 1-D, 2-D and batched 3-D operands. Both sides are normalized to [batch, rows, cols]
/// (a vector becomes a 1-row or 1-column matrix, a 2-D side is broadcast over the batch), so forward and
/// backward are each one (batched) SGEMM; a broadcast side's gradient is summed by folding the batch into rows.
/// </summary>
internal sealed class MatMulFunction : Function
{
    private int _batch, _m, _n, _k;
    private bool _aBatched, _bBatched;

    public override string Name => "matmul";

    public static Tensor Apply(Tensor a, Tensor b)
    {
        BinaryOp.RequireFloat(a, "matmul");
        BinaryOp.RequireFloat(b, "matmul");
        if (a.Rank is 0 or > 3 || b.Rank is 0 or > 3)
        {
            throw new ArgumentException($"matmul: supports 1-D, 2-D and 3-D operands; got {a.Shape} and {b.Shape}.");
        }

        int m = a.Rank == 1 ? 1 : a.Size(-2);
        int k = a.Size(-1);
        int kb = b.Rank == 1 ? b.Size(0) : b.Size(-2);
        int n = b.Rank == 1 ? 1 : b.Size(-1);
        int ba = a.Rank == 3 ? a.Size(0) : 1, bb = b.Rank == 3 ? b.Size(0) : 1;
        if (k != kb || (a.Rank == 3 && b.Rank == 3 && ba != bb))
        {
            throw new ArgumentException($"matmul: shapes {a.Shape} and {b.Shape} cannot be multiplied ({m}x{k} and {kb}x{n}{(ba != bb ? $", batch {ba} vs {bb}" : "")}).");
        }

        int batch = Math.Max(ba, bb);
        var outDims = new List<int>();
        if (a.Rank == 3 || b.Rank == 3)
        {
            outDims.Add(batch);
        }

        if (a.Rank > 1)
        {
            outDims.Add(m);
        }

        if (b.Rank > 1)
        {
            outDims.Add(n);
        }

        var y = Tensor.Empty(new Shape([.. outDims]));
        bool aBatched = a.Rank == 3, bBatched = b.Rank == 3;
        Product(a.F, false, aBatched, b.F, false, bBatched, y.F, batch, m, n, k, accumulate: false);
        if (!GradMode.ShouldRecord(a, b))
        {
            return y;
        }

        var fn = new MatMulFunction { _batch = batch, _m = m, _n = n, _k = k, _aBatched = aBatched, _bBatched = bBatched };
        fn.SaveForBackward(a, b);
        return fn.Attach(y, a, b);
    }

    /// <summary>C[batch, rows, cols] = op(X)·op(Y) where X, Y are per-batch or shared matrices; a shared side
    /// with a batched other side folds the batch into rows of one GEMM.</summary>
    private static void Product(ReadOnlySpan<float> x, bool tx, bool xBatched, ReadOnlySpan<float> y, bool ty, bool yBatched,
        Span<float> c, int batch, int rows, int cols, int inner, bool accumulate)
    {
        int ldx = tx ? rows : inner, ldy = ty ? inner : cols;
        if (batch == 1 || (!yBatched && xBatched && !tx))
        {
            // X batched and not transposed: [batch*rows, inner] rows are contiguous.
            Sgemm.Multiply(tx, ty, batch * rows, cols, inner, 1f, x, ldx, y, ldy, 0f, c, cols);
            return;
        }

        Sgemm.MultiplyBatched(tx, ty, batch, rows, cols, inner, 1f,
            x, ldx, xBatched ? (long)rows * inner : 0, y, ldy, yBatched ? (long)inner * cols : 0, accumulate ? 1f : 0f, c, cols, (long)rows * cols);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (a, b) = (Saved(0), Saved(1));
        int batch = _batch, m = _m, n = _n, k = _k;
        Tensor? ga = null, gb = null;
        if (NeedsInputGrad(0))
        {
            // dA = g · Bᵀ : [m, n]·[n, k]
            ga = Tensor.Empty(a.Shape);
            if (_aBatched || batch == 1)
            {
                Product(g.F, false, true, b.F, true, _bBatched, ga.F, batch, m, k, n, accumulate: false);
            }
            else
            {
                SumOverBatch(g.F, b.F, ga.F, batch, m, n, k, _bBatched);
            }
        }

        if (NeedsInputGrad(1))
        {
            // dB = Aᵀ · g : [k, m]·[m, n]
            gb = Tensor.Empty(b.Shape);
            if (_bBatched || batch == 1)
            {
                Product(a.F, true, _aBatched, g.F, false, true, gb.F, batch, k, n, m, accumulate: false);
            }
            else if (_aBatched)
            {
                // Shared B: fold the batch into the reduction dimension, one GEMM over batch·m.
                Sgemm.Multiply(true, false, k, n, batch * m, 1f, a.F, k, g.F, n, 0f, gb.F, n);
            }
        }

        return [ga, gb];
    }

    /// <summary>dA for a shared A with a batched B: Σ_b g_b·B_bᵀ, accumulated with beta = 1.</summary>
    private static void SumOverBatch(ReadOnlySpan<float> g, ReadOnlySpan<float> b, Span<float> ga, int batch, int m, int n, int k, bool otherBatched)
    {
        for (int i = 0; i < batch; i++)
        {
            Sgemm.Multiply(false, true, m, k, n, 1f, g.Slice(i * m * n, m * n), n, otherBatched ? b.Slice(i * k * n, k * n) : b, n, i == 0 ? 0f : 1f, ga, k);
        }
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("mm", x => x[0].MatMul(x[1]), OpCase.Shapes([3, 4], [4, 5])),
        new("mv", x => x[0].MatMul(x[1]), OpCase.Shapes([3, 4], [4])),
        new("vm", x => x[0].MatMul(x[1]), OpCase.Shapes([4], [4, 2])),
        new("dot", x => x[0].MatMul(x[1]), OpCase.Shapes([5], [5])),
        new("bmm", x => x[0].MatMul(x[1]), OpCase.Shapes([2, 3, 4], [2, 4, 5])),
        new("bmm_shared_right", x => x[0].MatMul(x[1]), OpCase.Shapes([2, 3, 4], [4, 5])),
        new("bmm_shared_left", x => x[0].MatMul(x[1]), OpCase.Shapes([3, 4], [2, 4, 5])),
    ];
}
