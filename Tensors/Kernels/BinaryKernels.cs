using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels;

/// <summary>An element-wise binary float op in the three forms the broadcast driver needs; implementations
/// call TensorPrimitives so every row is vectorized.</summary>
internal interface IBinaryKernel
{
    static abstract void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d);
    static abstract void Run(ReadOnlySpan<float> x, float y, Span<float> d);
    static abstract void Run(float x, ReadOnlySpan<float> y, Span<float> d);
}

internal readonly struct AddKernel : IBinaryKernel
{
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Add(x, y, d);
    public static void Run(ReadOnlySpan<float> x, float y, Span<float> d) => TensorPrimitives.Add(x, y, d);
    public static void Run(float x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Add(y, x, d);
}

internal readonly struct SubKernel : IBinaryKernel
{
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Run(ReadOnlySpan<float> x, float y, Span<float> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Run(float x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Subtract(x, y, d);
}

internal readonly struct MulKernel : IBinaryKernel
{
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Run(ReadOnlySpan<float> x, float y, Span<float> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Run(float x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Multiply(y, x, d);
}

internal readonly struct DivKernel : IBinaryKernel
{
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Divide(x, y, d);
    public static void Run(ReadOnlySpan<float> x, float y, Span<float> d) => TensorPrimitives.Divide(x, y, d);
    public static void Run(float x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Divide(x, y, d);
}

internal readonly struct PowKernel : IBinaryKernel
{
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Pow(x, y, d);
    public static void Run(ReadOnlySpan<float> x, float y, Span<float> d) => TensorPrimitives.Pow(x, y, d);
    public static void Run(float x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Pow(x, y, d);
}

/// <summary>torch.maximum: NaN propagates (TensorPrimitives.Max does the same).</summary>
internal readonly struct MaxKernel : IBinaryKernel
{
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Max(x, y, d);
    public static void Run(ReadOnlySpan<float> x, float y, Span<float> d) => TensorPrimitives.Max(x, y, d);
    public static void Run(float x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Max(y, x, d);
}

internal readonly struct MinKernel : IBinaryKernel
{
    public static void Run(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Min(x, y, d);
    public static void Run(ReadOnlySpan<float> x, float y, Span<float> d) => TensorPrimitives.Min(x, y, d);
    public static void Run(float x, ReadOnlySpan<float> y, Span<float> d) => TensorPrimitives.Min(y, x, d);
}
