using System.Numerics.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;
using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors;

/// <summary>
/// In-place updates for optimizers and initialization (PyTorch's trailing-underscore methods). Each returns
/// this tensor and bumps its version counter, so a tensor saved for backward and then changed here makes that
/// backward throw. In-place ops are NOT recorded in the graph (not differentiable): on a tensor that requires
/// grad they are allowed only under <see cref="GradMode.NoGrad"/>; with grad mode on, a leaf that requires grad
/// throws as in PyTorch, and so does a graph tensor (PyTorch would record it; here it would silently break
/// its gradient). Operands broadcast to this tensor's shape.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>this += alpha · other.</summary>
    public Tensor AddInPlace(Tensor other, float alpha = 1f)
    {
        var d = BeginInPlace("add_");
        using var o = Operand(other, "add_");
        TensorPrimitives.MultiplyAdd(o.F, alpha, d, d);
        return this;
    }

    /// <summary>this += value (every element).</summary>
    public Tensor AddInPlace(float value)
    {
        var d = BeginInPlace("add_");
        TensorPrimitives.Add(d, value, d);
        return this;
    }

    public Tensor MulInPlace(float value)
    {
        var d = BeginInPlace("mul_");
        TensorPrimitives.Multiply(d, value, d);
        return this;
    }

    /// <summary>this *= other.</summary>
    public Tensor MulInPlace(Tensor other)
    {
        var d = BeginInPlace("mul_");
        using var o = Operand(other, "mul_");
        TensorPrimitives.Multiply(d, o.F, d);
        return this;
    }

    /// <summary>this += value · t1 · t2 (torch.addcmul_).</summary>
    public Tensor AddcmulInPlace(Tensor t1, Tensor t2, float value = 1f)
    {
        var d = BeginInPlace("addcmul_");
        using var a = Operand(t1, "addcmul_");
        using var b = Operand(t2, "addcmul_");
        using var tmp = Empty(Shape);
        TensorPrimitives.Multiply(a.F, b.F, tmp.F);
        TensorPrimitives.MultiplyAdd(tmp.F, value, d, d);
        return this;
    }

    /// <summary>this += value · t1 / t2 (torch.addcdiv_).</summary>
    public Tensor AddcdivInPlace(Tensor t1, Tensor t2, float value = 1f)
    {
        var d = BeginInPlace("addcdiv_");
        using var a = Operand(t1, "addcdiv_");
        using var b = Operand(t2, "addcdiv_");
        using var tmp = Empty(Shape);
        TensorPrimitives.Divide(a.F, b.F, tmp.F);
        TensorPrimitives.MultiplyAdd(tmp.F, value, d, d);
        return this;
    }

    /// <summary>Copies <paramref name="src"/> (broadcast to this shape, converted to this dtype) into this tensor.</summary>
    public Tensor CopyInPlace(Tensor src)
    {
        CheckInPlace("copy_");
        var shape = Shape.Broadcast(Shape, src.Shape, "copy_");
        if (shape != Shape)
        {
            throw new ArgumentException($"copy_: source of shape {src.Shape} cannot be broadcast to the destination's shape {Shape}.", nameof(src));
        }

        using var c = src.Converted(DType);
        MarkModified();
        if (c.Shape == Shape)
        {
            BlockCopy.Rows(c, Numel, 0, this, Numel, 0, 1, Numel);
        }
        else
        {
            BlockCopy.Expand(c, this);
        }

        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/> (converted to this dtype as by <see cref="To"/>).</summary>
    public Tensor FillInPlace(float value)
    {
        CheckInPlace("fill_");
        MarkModified();
        switch (DType)
        {
            case DType.Float32: F.Fill(value); break;
            case DType.Int64: Span<long>().Fill((long)value); break;
            case DType.Int32: Span<int>().Fill((int)value); break;
            default: Span<bool>().Fill(value != 0); break;
        }

        return this;
    }

    public Tensor ZeroInPlace() => FillInPlace(0f);

    /// <summary>Clamps in place (see <see cref="Clamp"/>).</summary>
    public Tensor ClampInPlace(float? min = null, float? max = null)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException($"clamp_: at least one of min or max must be given (input shape {Shape}).");
        }

        var d = BeginInPlace("clamp_");
        ClampFunction.Run(d, min, max, d);
        return this;
    }

    /// <summary>Checks the in-place rules, bumps the version and returns the float elements.</summary>
    private Span<float> BeginInPlace(string op)
    {
        CheckInPlace(op);
        BinaryOp.RequireFloat(this, op);
        return AsWritableSpan<float>();
    }

    private void CheckInPlace(string op)
    {
        ThrowIfDisposed();
        if (!RequiresGrad || !GradMode.IsEnabled)
        {
            return;
        }

        throw new InvalidOperationException(IsLeaf
            ? $"{op}: a leaf tensor that requires grad (shape {Shape}) is used in an in-place operation. Wrap the update in GradMode.NoGrad() (as optimizers do)."
            : $"{op}: in-place operations are not recorded by autograd, so they cannot change a tensor that is part of a graph (shape {Shape}, produced by '{GradFn!.Name}'). Use the out-of-place op, or NoGrad().");
    }

    /// <summary>A float operand with exactly this tensor's shape (broadcast when needed); always a new tensor
    /// object so callers can dispose it.</summary>
    private Tensor Operand(Tensor other, string op)
    {
        BinaryOp.RequireFloat(other, op);
        if (other.Shape == Shape)
        {
            return other.Detach();
        }

        var shape = Shape.Broadcast(Shape, other.Shape, op);
        if (shape != Shape)
        {
            throw new ArgumentException($"{op}: operand of shape {other.Shape} cannot be broadcast to the destination's shape {Shape}.", nameof(other));
        }

        var e = Empty(Shape);
        Kernels.Expand.Run(other.F, other.Shape, e.F, Shape);
        return e;
    }
}
