using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors;

/// <summary>dtype conversion (PyTorch's <c>.to(dtype)</c>, <c>.float()</c>, <c>.long()</c>).</summary>
public sealed partial class Tensor
{
    /// <summary>A copy converted to <paramref name="dtype"/>, or this tensor itself when it already has it (as
    /// PyTorch). Float to integer truncates toward zero; to bool is "!= 0"; bool to numbers is 0/1. A float
    /// result of a non-float input does not require grad; float to integer cuts the graph (not differentiable).</summary>
    public Tensor To(DType dtype)
    {
        ThrowIfDisposed();
        if (dtype == DType)
        {
            return this;
        }

        var r = Empty(Shape, dtype);
        ConvertKernel.Run(this, r);
        return r;
    }

    public Tensor Float() => To(DType.Float32);

    public Tensor Long() => To(DType.Int64);

    public Tensor Int() => To(DType.Int32);

    public Tensor Bool() => To(DType.Bool);

    /// <summary>Like <see cref="To"/> but always a new tensor object (a view when the dtype already matches),
    /// so internal callers can dispose the result unconditionally.</summary>
    internal Tensor Converted(DType dtype) => dtype == DType ? Detach() : To(dtype);
}
