using System.Numerics.Tensors;
using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Tensors.Ops;

/// <summary>Forward helper for one-input element-wise ops: allocate, run the span kernel, record.</summary>
internal static class Pointwise
{
    public delegate void Kernel(ReadOnlySpan<float> x, Span<float> y);

    public static Tensor Map(Tensor x, string name, Kernel kernel)
    {
        BinaryOp.RequireFloat(x, name);
        var y = Tensor.Empty(x.Shape);
        kernel(x.F, y.F);
        return y;
    }

    /// <summary>Runs the kernel and, when recording, attaches <paramref name="fn"/> saving x and y.</summary>
    public static Tensor Apply(Tensor x, string name, Kernel kernel, Func<PointwiseFunction>? fn)
    {
        var y = Map(x, name, kernel);
        return fn is not null && GradMode.ShouldRecord(x) ? fn().AttachUnary(y, x) : y;
    }
}

/// <summary>Base of one-input element-wise ops: saves input and output; subclasses give dL/dx from g, x, y.</summary>
internal abstract class PointwiseFunction : Function
{
    internal Tensor AttachUnary(Tensor y, Tensor x)
    {
        SaveForBackward(x, y);
        return Attach(y, x);
    }

    protected abstract Tensor Grad(Tensor g, Tensor x, Tensor y);

    protected internal sealed override Tensor?[] Backward(Tensor g) => [Grad(g, Saved(0), Saved(1))];
}

internal sealed class ExpFunction : PointwiseFunction
{
    public override string Name => "exp";

    public static Tensor Apply(Tensor x) => Pointwise.Apply(x, "exp", TensorPrimitives.Exp, () => new ExpFunction());

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) => g * y;

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("exp", x => x[0].Exp(), OpCase.Shapes([3, 4]))];
}

internal sealed class LogFunction : PointwiseFunction
{
    public override string Name => "log";

    public static Tensor Apply(Tensor x) => Pointwise.Apply(x, "log", TensorPrimitives.Log, () => new LogFunction());

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) => g / x;

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("log", x => x[0].Log(), OpCase.Uniform(0.5f, 2f, [3, 4]))];
}

internal sealed class SqrtFunction : PointwiseFunction
{
    public override string Name => "sqrt";

    public static Tensor Apply(Tensor x) => Pointwise.Apply(x, "sqrt", TensorPrimitives.Sqrt, () => new SqrtFunction());

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) => g * 0.5f / y;

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("sqrt", x => x[0].Sqrt(), OpCase.Uniform(0.5f, 2f, [6]))];
}

internal sealed class AbsFunction : PointwiseFunction
{
    public override string Name => "abs";

    public static Tensor Apply(Tensor x) => Pointwise.Apply(x, "abs", TensorPrimitives.Abs, () => new AbsFunction());

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) => g * x.Sign();

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("abs", x => x[0].Abs(), OpCase.AwayFromZero([4]))];

}

/// <summary>sign(x): gradient zero everywhere (PyTorch's convention), still recorded so graphs stay connected.</summary>
internal sealed class SignFunction : PointwiseFunction
{
    public override string Name => "sign";

    public static Tensor Apply(Tensor x) => Pointwise.Apply(x, "sign", SignKernel, () => new SignFunction());

    private static void SignKernel(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i];
            y[i] = v > 0 ? 1f : v < 0 ? -1f : v; // keeps ±0 and NaN as PyTorch does
        }
    }

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) => Tensor.ZerosLike(g);

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("sign", x => x[0].Sign(), OpCase.AwayFromZero([4]))];
}

/// <summary>y = x·scale + shift: one op for adding, subtracting, multiplying and dividing by scalars.</summary>
internal sealed class AffineFunction : Function
{
    private float _scale;

    public override string Name => "affine";

    public static Tensor Apply(Tensor x, float scale, float shift)
    {
        var y = Pointwise.Map(x, "affine", (s, d) =>
        {
            if (shift == 0)
            {
                TensorPrimitives.Multiply(s, scale, d);
            }
            else
            {
                TensorPrimitives.Multiply(s, scale, d);
                TensorPrimitives.Add(d, shift, d);
            }
        });
        return GradMode.ShouldRecord(x) ? new AffineFunction { _scale = scale }.Attach(y, x) : y;
    }

    protected internal override Tensor?[] Backward(Tensor g) => [_scale == 1 ? g : Apply(g, _scale, 0)];

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("affine", x => x[0] * 3f + 0.5f, OpCase.Shapes([2, 3])),
        new("neg", x => -x[0], OpCase.Shapes([3])),
        new("rsub_scalar", x => 1f - x[0] / 4f, OpCase.Shapes([3])),
    ];
}

/// <summary>x^p for a scalar exponent p.</summary>
internal sealed class PowScalarFunction : PointwiseFunction
{
    private float _p;

    public override string Name => "pow";

    public static Tensor Apply(Tensor x, float p) =>
        Pointwise.Apply(x, "pow", (s, d) => TensorPrimitives.Pow(s, p, d), () => new PowScalarFunction { _p = p });

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) => g * (x.Pow(_p - 1) * _p);

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("pow_scalar", x => x[0].Pow(3f), OpCase.Shapes([5])),
        new("pow_fractional", x => x[0].Pow(1.5f), OpCase.Uniform(0.5f, 2f, [5])),
    ];
}
