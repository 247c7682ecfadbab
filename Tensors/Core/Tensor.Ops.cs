using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors;

/// <summary>PyTorch's tensor methods with .NET casing. Each forwards to its op in <c>Ops/</c>.</summary>
public sealed partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => AddFunction.Apply(a, b);
    public static Tensor operator -(Tensor a, Tensor b) => SubFunction.Apply(a, b);
    public static Tensor operator *(Tensor a, Tensor b) => MulFunction.Apply(a, b);
    public static Tensor operator /(Tensor a, Tensor b) => DivFunction.Apply(a, b);
    public static Tensor operator +(Tensor a, float b) => AffineFunction.Apply(a, 1f, b);
    public static Tensor operator +(float a, Tensor b) => AffineFunction.Apply(b, 1f, a);
    public static Tensor operator -(Tensor a, float b) => AffineFunction.Apply(a, 1f, -b);
    public static Tensor operator -(float a, Tensor b) => AffineFunction.Apply(b, -1f, a);
    public static Tensor operator *(Tensor a, float b) => AffineFunction.Apply(a, b, 0f);
    public static Tensor operator *(float a, Tensor b) => AffineFunction.Apply(b, a, 0f);
    public static Tensor operator /(Tensor a, float b) => AffineFunction.Apply(a, 1f / b, 0f);
    public static Tensor operator /(float a, Tensor b) => AffineFunction.Apply(b.Pow(-1f), a, 0f);
    public static Tensor operator -(Tensor a) => AffineFunction.Apply(a, -1f, 0f);

    public Tensor Add(Tensor other) => this + other;
    public Tensor Sub(Tensor other) => this - other;
    public Tensor Mul(Tensor other) => this * other;
    public Tensor Div(Tensor other) => this / other;
    public Tensor Neg() => -this;
    public Tensor Pow(float exponent) => PowScalarFunction.Apply(this, exponent);
    public Tensor Exp() => ExpFunction.Apply(this);
    public Tensor Log() => LogFunction.Apply(this);
    public Tensor Sqrt() => SqrtFunction.Apply(this);
    public Tensor Abs() => AbsFunction.Apply(this);
    public Tensor Sign() => SignFunction.Apply(this);

    /// <summary>Sum over <paramref name="dims"/> (all dimensions when empty). Integer and bool tensors sum to
    /// int64, as torch.sum.</summary>
    public Tensor Sum(int[]? dims = null, bool keepDim = false) =>
        DType == DType.Float32 ? SumFunction.Apply(this, dims ?? [], keepDim) : IntegerSum.Apply(this, dims ?? [], keepDim);

    public Tensor Sum(int dim, bool keepDim = false) => Sum([dim], keepDim);

    /// <summary>Mean over <paramref name="dims"/> (all dimensions when empty).</summary>
    public Tensor Mean(int[]? dims = null, bool keepDim = false) => Sum(dims, keepDim) * (1f / CountOver(dims));

    public Tensor Mean(int dim, bool keepDim = false) => Mean([dim], keepDim);

    /// <summary>Variance with Bessel's correction by default (<paramref name="correction"/> = 1), as torch.var.</summary>
    public Tensor Var(int[]? dims = null, bool keepDim = false, int correction = 1)
    {
        var centered = this - Mean(dims, keepDim: true);
        return (centered * centered).Sum(dims, keepDim) * (1f / Math.Max(CountOver(dims) - correction, 0));
    }

    public Tensor Std(int[]? dims = null, bool keepDim = false, int correction = 1) => Var(dims, keepDim, correction).Sqrt();

    private int CountOver(int[]? dims)
    {
        if (dims is null || dims.Length == 0)
        {
            return Numel;
        }

        int n = 1;
        foreach (var d in dims)
        {
            n *= Size(d);
        }

        return n;
    }

    /// <summary>Maximum along <paramref name="dim"/> with the index of its first occurrence.</summary>
    public (Tensor Values, Tensor Indices) Max(int dim, bool keepDim = false) => ArgExtremumFunction.Apply(this, dim, keepDim, max: true);

    /// <summary>Maximum of all elements (a 0-d tensor).</summary>
    public Tensor Max() => Reshape(-1).Max(0).Values;

    /// <summary>Index of the maximum along <paramref name="dim"/> (int64), or over all elements when null.</summary>
    public Tensor ArgMax(int? dim = null, bool keepDim = false)
    {
        using var _ = NoGrad();
        return dim is int d ? Max(d, keepDim).Indices : Reshape(-1).Max(0).Indices;
    }

    public Tensor MatMul(Tensor other) => MatMulFunction.Apply(this, other);

    /// <summary>A view with a new shape (one dimension may be -1). Shares storage.</summary>
    public Tensor Reshape(params int[] shape) => ReshapeFunction.Apply(this, shape);

    /// <summary>Same as <see cref="Reshape"/>; tensors here are always contiguous.</summary>
    public Tensor View(params int[] shape) => Reshape(shape);

    /// <summary>Flattens dimensions <paramref name="startDim"/>..<paramref name="endDim"/> into one.</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        if (Rank == 0)
        {
            return Reshape(1);
        }

        int s = Shape.Normalize(startDim), e = Shape.Normalize(endDim);
        var dims = new List<int>();
        for (int i = 0; i < s; i++)
        {
            dims.Add(Size(i));
        }

        int n = 1;
        for (int i = s; i <= e; i++)
        {
            n *= Size(i);
        }

        dims.Add(n);
        for (int i = e + 1; i < Rank; i++)
        {
            dims.Add(Size(i));
        }

        return Reshape([.. dims]);
    }

    public Tensor Permute(params int[] dims) => PermuteFunction.Apply(this, dims);

    public Tensor Transpose(int dim0, int dim1)
    {
        var p = new int[Rank];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = i;
        }

        int a = Shape.Normalize(dim0), b = Shape.Normalize(dim1);
        (p[a], p[b]) = (p[b], p[a]);
        return Permute(p);
    }

    /// <summary>Transpose of a 2-D tensor (PyTorch's <c>.T</c> for matrices).</summary>
    public Tensor T => Rank < 2 ? this : Transpose(0, 1);

    /// <summary>Broadcasts to <paramref name="shape"/> (materialized).</summary>
    public Tensor Expand(params int[] shape) => ExpandFunction.Apply(this, new Shape(shape));

    /// <summary>A copy that owns its storage (PyTorch's <c>clone()</c>; differentiable).</summary>
    public Tensor Clone() => AffineFunction.Apply(this, 1f, 0f);

    /// <summary>A view of the same storage with another shape, outside autograd.</summary>
    internal Tensor ViewAs(Shape shape)
    {
        ThrowIfDisposed();
        Storage.AddRef();
        return new Tensor(Storage, Offset, shape, DType);
    }
}
