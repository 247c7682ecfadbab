using MlNetDl.Tensors.Kernels;
using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors;

/// <summary>Comparisons (bool results, broadcasting, not differentiable), selection and bool reductions.
/// <c>==</c>/<c>!=</c> stay reference equality on tensors: use <see cref="Eq(Tensor)"/> and <see cref="Ne(Tensor)"/>.</summary>
public sealed partial class Tensor
{
    public Tensor Eq(Tensor other) => Comparison.Apply<EqCmp>(this, other, "eq");
    public Tensor Ne(Tensor other) => Comparison.Apply<NeCmp>(this, other, "ne");
    public Tensor Gt(Tensor other) => Comparison.Apply<GtCmp>(this, other, "gt");
    public Tensor Ge(Tensor other) => Comparison.Apply<GeCmp>(this, other, "ge");
    public Tensor Lt(Tensor other) => Comparison.Apply<LtCmp>(this, other, "lt");
    public Tensor Le(Tensor other) => Comparison.Apply<LeCmp>(this, other, "le");

    public Tensor Eq(double value) => Comparison.Apply<EqCmp>(this, value);
    public Tensor Ne(double value) => Comparison.Apply<NeCmp>(this, value);
    public Tensor Gt(double value) => Comparison.Apply<GtCmp>(this, value);
    public Tensor Ge(double value) => Comparison.Apply<GeCmp>(this, value);
    public Tensor Lt(double value) => Comparison.Apply<LtCmp>(this, value);
    public Tensor Le(double value) => Comparison.Apply<LeCmp>(this, value);

    public static Tensor operator >(Tensor a, Tensor b) => a.Gt(b);
    public static Tensor operator <(Tensor a, Tensor b) => a.Lt(b);
    public static Tensor operator >=(Tensor a, Tensor b) => a.Ge(b);
    public static Tensor operator <=(Tensor a, Tensor b) => a.Le(b);
    public static Tensor operator >(Tensor a, float b) => a.Gt(b);
    public static Tensor operator <(Tensor a, float b) => a.Lt(b);
    public static Tensor operator >=(Tensor a, float b) => a.Ge(b);
    public static Tensor operator <=(Tensor a, float b) => a.Le(b);
    public static Tensor operator >(float a, Tensor b) => b.Lt(a);
    public static Tensor operator <(float a, Tensor b) => b.Gt(a);
    public static Tensor operator >=(float a, Tensor b) => b.Le(a);
    public static Tensor operator <=(float a, Tensor b) => b.Ge(a);

    /// <summary>Element-wise AND / OR of two bool tensors (broadcasting); NOT of one.</summary>
    public Tensor LogicalAnd(Tensor other) => Comparison.Logical(this, other, and: true);

    public Tensor LogicalOr(Tensor other) => Comparison.Logical(this, other, and: false);

    public Tensor LogicalNot()
    {
        Comparison.RequireBool(this, "logical_not");
        return Eq(0);
    }

    /// <summary>torch.where: <paramref name="a"/> where <paramref name="condition"/> holds, else <paramref name="b"/>,
    /// all three broadcast. Differentiable in a and b.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => WhereFunction.Apply(condition, a, b);

    /// <summary>Copy with <paramref name="value"/> where the bool <paramref name="mask"/> (broadcastable to this
    /// shape) is true. The gradient flows only where the mask is false.</summary>
    public Tensor MaskedFill(Tensor mask, float value)
    {
        var shape = Shape.Broadcast(Shape, mask.Shape, "masked_fill");
        if (shape != Shape)
        {
            throw new ArgumentException($"masked_fill: mask of shape {mask.Shape} cannot be broadcast to the input's shape {Shape}.", nameof(mask));
        }

        return WhereFunction.Apply(mask, Full(new Shape(), value), this);
    }

    /// <summary>True (a 0-d bool tensor) if any element is non-zero.</summary>
    public Tensor Any() => FromBool(CountNonzero().Item<long>() > 0);

    /// <summary>True (a 0-d bool tensor) if every element is non-zero (true for an empty tensor).</summary>
    public Tensor All() => FromBool(CountNonzero().Item<long>() == Numel);

    private static Tensor FromBool(bool v) => From<bool>([v], new Shape());

    /// <summary>Number of non-zero elements, over all dims or along <paramref name="dim"/> (int64).</summary>
    public Tensor CountNonzero(int? dim = null)
    {
        using var b = Converted(DType.Bool);
        if (dim is null)
        {
            return From<long>([CompareKernel.CountTrue(b.Span<bool>())], new Shape());
        }

        return b.Sum(dim.Value);
    }
}
