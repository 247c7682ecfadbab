using System.Numerics.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>clamp(x, min, max) = min(max(x, min), max); either bound may be absent; NaN stays NaN. The gradient
/// passes where min &lt;= x &lt;= max (inclusive, as PyTorch).</summary>
internal sealed class ClampFunction : Function
{
    private float _lo;
    private float _hi;

    public override string Name => "clamp";

    public static Tensor Apply(Tensor x, float? min, float? max)
    {
        BinaryOp.RequireFloat(x, "clamp");
        if (min is null && max is null)
        {
            throw new ArgumentException($"clamp: at least one of min or max must be given (input shape {x.Shape}).");
        }

        var y = Tensor.Empty(x.Shape);
        Run(x.F, min, max, y.F);
        if (!GradMode.ShouldRecord(x))
        {
            return y;
        }

        var fn = new ClampFunction { _lo = min ?? float.NegativeInfinity, _hi = max ?? float.PositiveInfinity };
        fn.SaveForBackward(x);
        return fn.Attach(y, x);
    }

    /// <summary>The clamp itself (also used by the in-place form; <paramref name="y"/> may alias x).</summary>
    internal static void Run(ReadOnlySpan<float> x, float? min, float? max, Span<float> y)
    {
        if (min is float lo)
        {
            TensorPrimitives.Max(x, lo, y);
            x = y;
        }

        if (max is float hi)
        {
            TensorPrimitives.Min(x, hi, y);
        }
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var gx = Tensor.Empty(g.Shape);
        ExtremumGrad.Clamp(g.F, Saved(0).F, _lo, _hi, gx.F);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("clamp", x => x[0].Clamp(-0.5f, 0.4f), OpCase.Shapes([4, 5])) { Eps = 1e-4 },
        new("clamp_min", x => x[0].ClampMin(0.1f), OpCase.Shapes([7])) { Eps = 1e-4 },
        new("clamp_max", x => x[0].Clamp(max: -0.2f), OpCase.Shapes([7])) { Eps = 1e-4 },
    ];
}

/// <summary>torch.maximum / torch.minimum with broadcasting; NaN propagates. Ties split the gradient half and
/// half between the inputs, as PyTorch does.</summary>
internal sealed class ExtremumFunction : Function
{
    private bool _max;

    public override string Name => _max ? "maximum" : "minimum";

    public static Tensor Apply(Tensor a, Tensor b, bool max)
    {
        var r = max ? BinaryOp.Forward<MaxKernel>(a, b, "maximum") : BinaryOp.Forward<MinKernel>(a, b, "minimum");
        if (!GradMode.ShouldRecord(a, b))
        {
            return r;
        }

        var fn = new ExtremumFunction { _max = max };
        fn.SaveForBackward(a, b);
        return fn.Attach(r, a, b);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (a, b) = (Saved(0), Saved(1));
        var ae = a.Shape == g.Shape ? a : a.Expand(g.Shape.Dims);
        var be = b.Shape == g.Shape ? b : b.Expand(g.Shape.Dims);
        var ga = Tensor.Empty(g.Shape);
        var gb = Tensor.Empty(g.Shape);
        ExtremumGrad.Split(g.F, ae.F, be.F, _max, ga.F, gb.F);
        return [NeedsInputGrad(0) ? BinaryOp.SumTo(ga, a.Shape) : null, NeedsInputGrad(1) ? BinaryOp.SumTo(gb, b.Shape) : null];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("maximum_broadcast", x => Tensor.Maximum(x[0], x[1]), OpCase.Shapes([3, 4], [4])),
        new("minimum", x => Tensor.Minimum(x[0], x[1]), OpCase.Shapes([5], [5])),
        new("max_other", x => x[0].Max(x[1]) + x[0].Min(x[1]), OpCase.Shapes([2, 1], [1, 3])),
    ];
}
