using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>Element-wise comparisons with broadcasting, producing bool tensors (not differentiable, as in
/// PyTorch). Mixed dtypes are promoted as PyTorch does: to float32 when either side is float, else to int64.</summary>
internal static class Comparison
{
    public static Tensor Apply<TCmp>(Tensor a, Tensor b, string op)
        where TCmp : IComparison
    {
        var shape = a.Shape == b.Shape ? a.Shape : Shape.Broadcast(a.Shape, b.Shape, op);
        var common = Promote(a.DType, b.DType);
        var (x, disposeX) = Prepare(a, common, shape);
        var (y, disposeY) = Prepare(b, common, shape);
        var r = Tensor.Empty(shape, DType.Bool);
        var d = r.Span<bool>();
        switch (common)
        {
            case DType.Float32: CompareKernel.Run<float, TCmp>(x.Span<float>(), y.Span<float>(), d); break;
            case DType.Int64: CompareKernel.Run<long, TCmp>(x.Span<long>(), y.Span<long>(), d); break;
            default: CompareKernel.Run<int, TCmp>(x.Span<int>(), y.Span<int>(), d); break;
        }

        if (disposeX)
        {
            x.Dispose();
        }

        if (disposeY)
        {
            y.Dispose();
        }

        return r;
    }

    public static Tensor Apply<TCmp>(Tensor a, double b)
        where TCmp : IComparison
    {
        var r = Tensor.Empty(a.Shape, DType.Bool);
        var d = r.Span<bool>();
        switch (a.DType)
        {
            case DType.Float32: CompareKernel.Run<float, TCmp>(a.Span<float>(), b, d); break;
            case DType.Int64: CompareKernel.Run<long, TCmp>(a.Span<long>(), b, d); break;
            case DType.Int32: CompareKernel.Run<int, TCmp>(a.Span<int>(), b, d); break;
            default:
                using (var i = a.Converted(DType.Int32))
                {
                    CompareKernel.Run<int, TCmp>(i.Span<int>(), b, d);
                }

                break;
        }

        return r;
    }

    /// <summary>Element-wise AND (or OR) of two bool tensors with broadcasting.</summary>
    public static Tensor Logical(Tensor a, Tensor b, bool and)
    {
        string op = and ? "logical_and" : "logical_or";
        RequireBool(a, op);
        RequireBool(b, op);
        var shape = a.Shape == b.Shape ? a.Shape : Shape.Broadcast(a.Shape, b.Shape, op);
        var (x, tx) = Prepare(a, DType.Bool, shape);
        var (y, ty) = Prepare(b, DType.Bool, shape);
        var r = Tensor.Empty(shape, DType.Bool);
        CompareKernel.Logical(x.Span<bool>(), y.Span<bool>(), and, r.Span<bool>());
        if (tx)
        {
            x.Dispose();
        }

        if (ty)
        {
            y.Dispose();
        }

        return r;
    }

    public static void RequireBool(Tensor t, string op)
    {
        if (t.DType != DType.Bool)
        {
            throw new ArgumentException($"{op}: expected a bool tensor, got {t.DType.TorchName()} of shape {t.Shape}.");
        }
    }

    /// <summary>The dtype both operands are compared in (bool compares as int32 0/1).</summary>
    internal static DType Promote(DType a, DType b) =>
        a == DType.Float32 || b == DType.Float32 ? DType.Float32
        : a == DType.Int64 || b == DType.Int64 ? DType.Int64
        : DType.Int32;

    /// <summary>The operand in <paramref name="dtype"/> broadcast to <paramref name="shape"/>; true when it is a
    /// temporary the caller disposes.</summary>
    internal static (Tensor T, bool Temporary) Prepare(Tensor t, DType dtype, Shape shape)
    {
        var c = t.DType == dtype ? t : t.To(dtype);
        if (c.Shape == shape)
        {
            return (c, !ReferenceEquals(c, t));
        }

        var e = Tensor.Empty(shape, dtype);
        BlockCopy.Expand(c, e);
        if (!ReferenceEquals(c, t))
        {
            c.Dispose();
        }

        return (e, true);
    }
}
