using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// y = x·Wᵀ + b for x [..., in], W [out, in], b [out] (torch.nn.functional.linear). The leading dims are folded
/// into rows, so forward is one SGEMM with transposed B accumulating onto the broadcast bias (beta = 1), and
/// backward is two SGEMMs plus a column sum: dx = g·W, dW = gᵀ·x, db = Σ_rows g.
/// </summary>
internal sealed class LinearFunction : Function
{
    private int _rows, _in, _out;

    public override string Name => "linear";

    /// <exception cref="ArgumentException">Non-float operands, W not 2-D, x's last dim ≠ in, or b not [out].</exception>
    public static Tensor Apply(Tensor x, Tensor weight, Tensor? bias)
    {
        Validate(x, weight, bias);
        int outF = weight.Size(0), inF = weight.Size(1);
        int rows = LeadingCount(x);

        var dims = x.Shape.ToArray();
        dims[^1] = outF;
        var y = Tensor.Empty(new Shape(dims));
        if (bias is not null)
        {
            RowKernels.BroadcastRow(bias.F, y.F, rows);
        }

        if (inF == 0 || rows == 0)
        {
            if (bias is null)
            {
                y.F.Clear();
            }
        }
        else
        {
            Sgemm.Multiply(false, true, rows, outF, inF, 1f, x.F, inF, weight.F, inF, bias is null ? 0f : 1f, y.F, outF);
        }

        Tensor[] inputs = bias is null ? [x, weight] : [x, weight, bias];
        if (!GradMode.ShouldRecord(inputs))
        {
            return y;
        }

        var fn = new LinearFunction { _rows = rows, _in = inF, _out = outF };
        fn.SaveForBackward(x, weight);
        return fn.Attach(y, inputs);
    }

    /// <summary>Product of all dims but the last (1 for a vector input).</summary>
    private static int LeadingCount(Tensor x)
    {
        int n = 1;
        for (int i = 0; i < x.Rank - 1; i++)
        {
            n *= x.Size(i);
        }

        return n;
    }

    private static void Validate(Tensor x, Tensor weight, Tensor? bias)
    {
        BinaryOp.RequireFloat(x, "linear");
        BinaryOp.RequireFloat(weight, "linear");
        if (bias is not null)
        {
            BinaryOp.RequireFloat(bias, "linear");
        }

        if (weight.Rank != 2)
        {
            throw new ArgumentException($"linear: weight must be 2-D [out_features, in_features]; got shape {weight.Shape}.");
        }

        if (x.Rank == 0 || x.Size(-1) != weight.Size(1))
        {
            throw new ArgumentException(
                $"linear: input shape {x.Shape} and weight shape {weight.Shape} cannot be multiplied (expected input [..., {weight.Size(1)}]).");
        }

        if (bias is not null && (bias.Rank != 1 || bias.Size(0) != weight.Size(0)))
        {
            throw new ArgumentException($"linear: bias must have shape [{weight.Size(0)}] to match weight {weight.Shape}; got {bias.Shape}.");
        }
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (x, w) = (Saved(0), Saved(1));
        int rows = _rows, inF = _in, outF = _out;
        Tensor? gx = null, gw = null, gb = null;
        if (NeedsInputGrad(0))
        {
            // dx = g·W : [rows, out]·[out, in]
            gx = Tensor.Empty(x.Shape);
            Product(false, rows, inF, outF, g.F, outF, w.F, inF, gx.F);
        }

        if (NeedsInputGrad(1))
        {
            // dW = gᵀ·x : [out, rows]·[rows, in]
            gw = Tensor.Empty(w.Shape);
            Product(true, outF, inF, rows, g.F, outF, x.F, inF, gw.F);
        }

        if (Inputs.Count == 3 && NeedsInputGrad(2))
        {
            gb = Tensor.Empty(Inputs[2].Shape);
            RowKernels.SumRows(g.F, gb.F, rows);
        }

        return Inputs.Count == 3 ? [gx, gw, gb] : [gx, gw];
    }

    /// <summary>C[m, n] = op(A)·B, with an empty reduction giving zeros.</summary>
    private static void Product(bool transA, int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c)
    {
        if (k == 0 || m == 0 || n == 0)
        {
            c.Clear();
            return;
        }

        Sgemm.Multiply(transA, false, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("linear", x => Apply(x[0], x[1], x[2]), OpCase.Shapes([4, 3], [5, 3], [5])),
        new("linear_no_bias", x => Apply(x[0], x[1], null), OpCase.Shapes([4, 3], [5, 3])),
        new("linear_3d", x => Apply(x[0], x[1], x[2]), OpCase.Shapes([2, 3, 4], [5, 4], [5])),
        new("linear_3d_no_bias", x => Apply(x[0], x[1], null), OpCase.Shapes([2, 3, 4], [2, 4])),
        new("linear_1d", x => Apply(x[0], x[1], x[2]), OpCase.Shapes([3], [2, 3], [2])),
    ];
}
