using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels;

/// <summary>dtype conversion. Float to integer truncates toward zero (C#'s and PyTorch's cast); anything to bool
/// is "!= 0"; bool to numbers is 0/1.</summary>
internal static class ConvertKernel
{
    public static void Run(Tensor src, Tensor dst)
    {
        switch ((src.DType, dst.DType))
        {
            case (DType.Float32, DType.Int64): TensorPrimitives.ConvertTruncating<float, long>(src.Span<float>(), dst.Span<long>()); break;
            case (DType.Float32, DType.Int32): TensorPrimitives.ConvertTruncating<float, int>(src.Span<float>(), dst.Span<int>()); break;
            case (DType.Int64, DType.Float32): TensorPrimitives.ConvertTruncating<long, float>(src.Span<long>(), dst.Span<float>()); break;
            case (DType.Int32, DType.Float32): TensorPrimitives.ConvertTruncating<int, float>(src.Span<int>(), dst.Span<float>()); break;
            case (DType.Int64, DType.Int32): TensorPrimitives.ConvertTruncating<long, int>(src.Span<long>(), dst.Span<int>()); break;
            case (DType.Int32, DType.Int64): TensorPrimitives.ConvertTruncating<int, long>(src.Span<int>(), dst.Span<long>()); break;
            case (DType.Float32, DType.Bool): ToBool(src.Span<float>(), dst.Span<bool>()); break;
            case (DType.Int64, DType.Bool): ToBool(src.Span<long>(), dst.Span<bool>()); break;
            case (DType.Int32, DType.Bool): ToBool(src.Span<int>(), dst.Span<bool>()); break;
            case (DType.Bool, DType.Float32): FromBool(src.Span<bool>(), dst.Span<float>(), 1f); break;
            case (DType.Bool, DType.Int64): FromBool(src.Span<bool>(), dst.Span<long>(), 1L); break;
            case (DType.Bool, DType.Int32): FromBool(src.Span<bool>(), dst.Span<int>(), 1); break;
            default: BlockCopy.Rows(src, src.Numel, 0, dst, dst.Numel, 0, 1, src.Numel); break;
        }
    }

    private static void ToBool<T>(ReadOnlySpan<T> x, Span<bool> d)
        where T : System.Numerics.INumber<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = x[i] != T.Zero;
        }
    }

    private static void FromBool<T>(ReadOnlySpan<bool> x, Span<T> d, T one)
        where T : struct
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = x[i] ? one : default;
        }
    }
}
