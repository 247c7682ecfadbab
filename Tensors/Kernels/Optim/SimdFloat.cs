using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels.Optim;

/// <summary>
/// The few float operations the fused optimizer kernels need, over a vector of <see cref="Count"/> lanes.
/// Each kernel is written once, generic over this interface, and run with <see cref="Simd512"/>, then
/// <see cref="Simd256"/>, then <see cref="Scalar1"/> for the tail. All three use the same IEEE operations
/// (no FMA), so an element gives the same bits whichever path handles it.
/// </summary>
internal interface ISimdFloat<TSelf> where TSelf : struct, ISimdFloat<TSelf>
{
    static abstract bool IsSupported { get; }

    static abstract int Count { get; }

    static abstract TSelf Load(ReadOnlySpan<float> s, int i);

    static abstract void Store(TSelf v, Span<float> s, int i);

    static abstract TSelf Splat(float x);

    static abstract TSelf operator +(TSelf a, TSelf b);

    static abstract TSelf operator *(TSelf a, TSelf b);

    static abstract TSelf operator /(TSelf a, TSelf b);

    static abstract TSelf Sqrt(TSelf a);

    /// <summary>Lane-wise maximum; NaN propagates (as torch.maximum).</summary>
    static abstract TSelf Max(TSelf a, TSelf b);
}

internal readonly struct Simd512(Vector512<float> v) : ISimdFloat<Simd512>
{
    private readonly Vector512<float> _v = v;

    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    public static int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Load(ReadOnlySpan<float> s, int i) => new(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd512 v, Span<float> s, int i) => v._v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);

    public static Simd512 Splat(float x) => new(Vector512.Create(x));

    public static Simd512 operator +(Simd512 a, Simd512 b) => new(a._v + b._v);

    public static Simd512 operator *(Simd512 a, Simd512 b) => new(a._v * b._v);

    public static Simd512 operator /(Simd512 a, Simd512 b) => new(a._v / b._v);

    public static Simd512 Sqrt(Simd512 a) => new(Vector512.Sqrt(a._v));

    public static Simd512 Max(Simd512 a, Simd512 b) => new(Vector512.Max(a._v, b._v));
}

internal readonly struct Simd256(Vector256<float> v) : ISimdFloat<Simd256>
{
    private readonly Vector256<float> _v = v;

    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    public static int Count => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Load(ReadOnlySpan<float> s, int i) => new(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd256 v, Span<float> s, int i) => v._v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);

    public static Simd256 Splat(float x) => new(Vector256.Create(x));

    public static Simd256 operator +(Simd256 a, Simd256 b) => new(a._v + b._v);

    public static Simd256 operator *(Simd256 a, Simd256 b) => new(a._v * b._v);

    public static Simd256 operator /(Simd256 a, Simd256 b) => new(a._v / b._v);

    public static Simd256 Sqrt(Simd256 a) => new(Vector256.Sqrt(a._v));

    public static Simd256 Max(Simd256 a, Simd256 b) => new(Vector256.Max(a._v, b._v));
}

/// <summary>One lane: the tail of every kernel, and the whole loop on machines without SIMD.</summary>
internal readonly struct Scalar1(float v) : ISimdFloat<Scalar1>
{
    private readonly float _v = v;

    public static bool IsSupported => true;

    public static int Count => 1;

    public static Scalar1 Load(ReadOnlySpan<float> s, int i) => new(s[i]);

    public static void Store(Scalar1 v, Span<float> s, int i) => s[i] = v._v;

    public static Scalar1 Splat(float x) => new(x);

    public static Scalar1 operator +(Scalar1 a, Scalar1 b) => new(a._v + b._v);

    public static Scalar1 operator *(Scalar1 a, Scalar1 b) => new(a._v * b._v);

    public static Scalar1 operator /(Scalar1 a, Scalar1 b) => new(a._v / b._v);

    public static Scalar1 Sqrt(Scalar1 a) => new(MathF.Sqrt(a._v));

    public static Scalar1 Max(Scalar1 a, Scalar1 b) => new(MathF.Max(a._v, b._v));
}
