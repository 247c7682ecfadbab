namespace MlNetDl.Tensors;

/// <summary>Element type of a <see cref="Tensor"/>. Float32 carries data and gradients; Int64 and Int32
/// carry labels and indices; Bool carries masks produced by comparisons.</summary>
public enum DType
{
    Float32,
    Int64,
    Int32,
    Bool,
}

internal static class DTypeInfo
{
    public static Type ClrType(this DType dtype) => dtype switch
    {
        DType.Float32 => typeof(float),
        DType.Int64 => typeof(long),
        DType.Int32 => typeof(int),
        DType.Bool => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    public static DType Of<T>() =>
        typeof(T) == typeof(float) ? DType.Float32 :
        typeof(T) == typeof(long) ? DType.Int64 :
        typeof(T) == typeof(int) ? DType.Int32 :
        typeof(T) == typeof(bool) ? DType.Bool :
        throw new NotSupportedException($"Element type {typeof(T).Name} is not a tensor dtype; use float, long, int or bool.");

    /// <summary>PyTorch's spelling, used in ToString and error messages.</summary>
    public static string TorchName(this DType dtype) => dtype switch
    {
        DType.Float32 => "torch.float32",
        DType.Int64 => "torch.int64",
        DType.Int32 => "torch.int32",
        _ => "torch.bool",
    };
}
