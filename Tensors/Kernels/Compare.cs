using System.Numerics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>A comparison producing a bool per element; a struct so the JIT specializes each loop.</summary>
internal interface IComparison
{
    static abstract bool Test<T>(T a, T b) where T : INumber<T>;
}

internal readonly struct EqCmp : IComparison { public static bool Test<T>(T a, T b) where T : INumber<T> => a == b; }

internal readonly struct NeCmp : IComparison { public static bool Test<T>(T a, T b) where T : INumber<T> => a != b; }

internal readonly struct GtCmp : IComparison { public static bool Test<T>(T a, T b) where T : INumber<T> => a > b; }

internal readonly struct GeCmp : IComparison { public static bool Test<T>(T a, T b) where T : INumber<T> => a >= b; }

internal readonly struct LtCmp : IComparison { public static bool Test<T>(T a, T b) where T : INumber<T> => a < b; }

internal readonly struct LeCmp : IComparison { public static bool Test<T>(T a, T b) where T : INumber<T> => a <= b; }

/// <summary>Element-wise comparison and selection loops over same-length spans (callers materialize
/// broadcasts first). Bool outputs have no TensorPrimitives form; these loops are branch-free per element.</summary>
internal static class CompareKernel
{
    public static void Run<T, TCmp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<bool> d)
        where T : INumber<T>
        where TCmp : IComparison
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = TCmp.Test(a[i], b[i]);
        }
    }

    /// <summary>Compares against a scalar in double so an integer tensor against 0.5 behaves as PyTorch's
    /// promotion to floating point.</summary>
    public static void Run<T, TCmp>(ReadOnlySpan<T> a, double b, Span<bool> d)
        where T : INumber<T>
        where TCmp : IComparison
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = TCmp.Test(double.CreateTruncating(a[i]), b);
        }
    }

    /// <summary>d = cond ? a : b.</summary>
    public static void Select<T>(ReadOnlySpan<bool> cond, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = cond[i] ? a[i] : b[i];
        }
    }

    public static void Logical(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, bool and, Span<bool> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = and ? a[i] & b[i] : a[i] | b[i];
        }
    }

    public static long CountTrue(ReadOnlySpan<bool> x) => x.Length - x.Count(false);
}
