using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>An element-wise op of one float in the three widths the <see cref="SimdMap"/> driver uses.
/// Implementations are structs so the JIT specializes and inlines the loop body (no per-element calls).</summary>
internal interface IMap1
{
    float Invoke(float x);
    Vector256<float> Invoke(Vector256<float> x);
    Vector512<float> Invoke(Vector512<float> x);
}

/// <summary>An element-wise op of two floats (e.g. a backward rule of gradient and saved output).</summary>
internal interface IMap2
{
    float Invoke(float a, float b);
    Vector256<float> Invoke(Vector256<float> a, Vector256<float> b);
    Vector512<float> Invoke(Vector512<float> a, Vector512<float> b);
}

/// <summary>An element-wise op of three floats.</summary>
internal interface IMap3
{
    float Invoke(float a, float b, float c);
    Vector256<float> Invoke(Vector256<float> a, Vector256<float> b, Vector256<float> c);
    Vector512<float> Invoke(Vector512<float> a, Vector512<float> b, Vector512<float> c);
}

/// <summary>Loop drivers for fused element-wise kernels that TensorPrimitives has no single call for: 512-bit
/// lanes where AVX-512 is available, 256-bit otherwise, and a scalar tail handled once here.</summary>
internal static class SimdMap
{
    public static void Run<T>(T op, ReadOnlySpan<float> x, Span<float> y)
        where T : struct, IMap1
    {
        int n = Check(x.Length, y.Length);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; (int)i <= n - 16; i += 16)
            {
                op.Invoke(Vector512.LoadUnsafe(ref xr, i)).StoreUnsafe(ref yr, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; (int)i <= n - 8; i += 8)
            {
                op.Invoke(Vector256.LoadUnsafe(ref xr, i)).StoreUnsafe(ref yr, i);
            }
        }

        for (; (int)i < n; i++)
        {
            Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref xr, i));
        }
    }

    public static void Run<T>(T op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
        where T : struct, IMap2
    {
        int n = Check(a.Length, y.Length);
        Check(b.Length, y.Length);
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float yr = ref MemoryMarshal.GetReference(y);
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; (int)i <= n - 16; i += 16)
            {
                op.Invoke(Vector512.LoadUnsafe(ref ar, i), Vector512.LoadUnsafe(ref br, i)).StoreUnsafe(ref yr, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; (int)i <= n - 8; i += 8)
            {
                op.Invoke(Vector256.LoadUnsafe(ref ar, i), Vector256.LoadUnsafe(ref br, i)).StoreUnsafe(ref yr, i);
            }
        }

        for (; (int)i < n; i++)
        {
            Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i));
        }
    }

    public static void Run<T>(T op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, Span<float> y)
        where T : struct, IMap3
    {
        int n = Check(a.Length, y.Length);
        Check(b.Length, y.Length);
        Check(c.Length, y.Length);
        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float cr = ref MemoryMarshal.GetReference(c);
        ref float yr = ref MemoryMarshal.GetReference(y);
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; (int)i <= n - 16; i += 16)
            {
                op.Invoke(Vector512.LoadUnsafe(ref ar, i), Vector512.LoadUnsafe(ref br, i), Vector512.LoadUnsafe(ref cr, i)).StoreUnsafe(ref yr, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; (int)i <= n - 8; i += 8)
            {
                op.Invoke(Vector256.LoadUnsafe(ref ar, i), Vector256.LoadUnsafe(ref br, i), Vector256.LoadUnsafe(ref cr, i)).StoreUnsafe(ref yr, i);
            }
        }

        for (; (int)i < n; i++)
        {
            Unsafe.Add(ref yr, i) = op.Invoke(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i), Unsafe.Add(ref cr, i));
        }
    }

    private static int Check(int length, int expected)
    {
        if (length != expected)
        {
            throw new ArgumentException($"Kernel spans differ in length: {length} vs {expected}.");
        }

        return length;
    }
}
