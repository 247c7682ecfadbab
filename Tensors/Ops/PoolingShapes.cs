using MlNetDl.Tensors.Kernels.Pool;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// Validation and output shapes shared by the 2-D pooling and resampling ops. Inputs are [N, C, H, W] or unbatched
/// [C, H, W]; the kernels see them as P = N·C (or C) planes of H·W. Messages name the op (or the module, whose repr
/// the modules pass as <c>op</c>), the input shape and the offending value, as PyTorch's checks do.
/// </summary>
internal static class PoolingShapes
{
    /// <summary>Throws unless <paramref name="x"/> is a float 3-D or 4-D tensor; returns planes, H and W.</summary>
    public static (int Planes, int H, int W) Planes(Tensor x, string op)
    {
        BinaryOp.RequireFloat(x, op);
        if (x.Rank is not (3 or 4) || x.Size(-1) == 0 || x.Size(-2) == 0)
        {
            throw new ArgumentException(
                $"{op}: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input with non-zero H and W, got shape {x.Shape}.");
        }

        return (x.Numel / (x.Size(-1) * x.Size(-2)), x.Size(-2), x.Size(-1));
    }

    /// <summary>The input's shape with H and W replaced.</summary>
    public static Shape WithPlane(Tensor x, int h, int w)
    {
        var dims = x.Shape.ToArray();
        dims[^2] = h;
        dims[^1] = w;
        return new Shape(dims);
    }

    /// <summary>Checks kernel, stride, padding and dilation as PyTorch's pool2d_shape_check and computes the output
    /// size of a sliding-window pool.</summary>
    /// <exception cref="ArgumentException">A non-positive kernel, stride or dilation; padding over half the kernel; a
    /// bad input rank; an output smaller than 1×1.</exception>
    public static Window2d Window(Tensor x, string op, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding,
        (int H, int W) dilation, bool ceilMode)
    {
        if (kernel.H <= 0 || kernel.W <= 0)
        {
            throw new ArgumentException($"{op}: kernel_size must be greater than zero, got {Pair(kernel)}.");
        }

        if (stride.H <= 0 || stride.W <= 0)
        {
            throw new ArgumentException($"{op}: stride must be greater than zero, got {Pair(stride)}.");
        }

        if (dilation.H <= 0 || dilation.W <= 0)
        {
            throw new ArgumentException($"{op}: dilation must be greater than zero, got {Pair(dilation)}.");
        }

        if (padding.H < 0 || padding.W < 0 || padding.H > kernel.H / 2 || padding.W > kernel.W / 2)
        {
            throw new ArgumentException(
                $"{op}: pad should be at most half of kernel size, but got padding={Pair(padding)} and kernel_size={Pair(kernel)}.");
        }

        var (_, h, w) = Planes(x, op);
        long oh = Window2d.OutputSize(h, kernel.H, stride.H, padding.H, dilation.H, ceilMode);
        long ow = Window2d.OutputSize(w, kernel.W, stride.W, padding.W, dilation.W, ceilMode);
        if (oh < 1 || ow < 1)
        {
            throw new ArgumentException(
                $"{op}: input of shape {x.Shape} gives a calculated output size of {oh}x{ow} (kernel_size={Pair(kernel)}, " +
                $"stride={Pair(stride)}, padding={Pair(padding)}, dilation={Pair(dilation)}): the output size is too small.");
        }

        return new Window2d(h, w, (int)oh, (int)ow, kernel.H, kernel.W, stride.H, stride.W, padding.H, padding.W, dilation.H, dilation.W);
    }

    /// <summary>Adaptive output size: null keeps the input's size along that axis; negative sizes throw.</summary>
    public static (int H, int W) AdaptiveSize(Tensor x, string op, (int? H, int? W) outputSize)
    {
        var (_, h, w) = Planes(x, op);
        int oh = outputSize.H ?? h, ow = outputSize.W ?? w;
        if (oh < 0 || ow < 0)
        {
            throw new ArgumentException($"{op}: output_size must be non-negative, got ({oh}, {ow}) for input of shape {x.Shape}.");
        }

        return (oh, ow);
    }

    public static string Pair((int H, int W) p) => $"({p.H}, {p.W})";
}
