using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>a^b element-wise with broadcasting. d/da = b·a^(b−1); d/db = a^b·ln a, taken as 0 where a = 0 and
/// b ≥ 0 (PyTorch's convention, which keeps 0^b finite).</summary>
internal sealed class PowFunction : Function
{
    public override string Name => "pow_tensor";

    public static Tensor Apply(Tensor a, Tensor b)
    {
        var y = BinaryOp.Forward<PowKernel>(a, b, "pow");
        if (!GradMode.ShouldRecord(a, b))
        {
            return y;
        }

        var fn = new PowFunction();
        fn.SaveForBackward(a, b, y);
        return fn.Attach(y, a, b);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (a, b, y) = (Saved(0), Saved(1), Saved(2));
        Tensor? ga = null, gb = null;
        if (NeedsInputGrad(0))
        {
            ga = BinaryOp.SumTo(g * b * Apply(a, b - 1f), a.Shape);
        }

        if (NeedsInputGrad(1))
        {
            var raw = g * y * a.Log();
            var zero = a.Eq(0f).LogicalAnd(b.Ge(0f));
            gb = BinaryOp.SumTo(Tensor.Where(zero, Tensor.Scalar(0f), raw), b.Shape);
        }

        return [ga, gb];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("pow_tensor_broadcast", x => x[0].Pow(x[1]), g => [Tensor.Uniform([2, 3], 0.5f, 2f, g), Tensor.Uniform([3], -1.5f, 1.5f, g)]),
    ];
}
