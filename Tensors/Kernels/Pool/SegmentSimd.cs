using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>
/// Fused single-pass loops over one contiguous run (an (n, c) plane of H·W values) that TensorPrimitives would need
/// two or three passes or a temporary for: the per-channel reductions and affine maps of batch normalization.
/// 512-bit vectors where the hardware has them, 256-bit otherwise, then a scalar tail.
/// </summary>
internal static class SegmentSimd
{
    /// <summary>Σ (x − m)².</summary>
    public static double SumSquaredDeviation(ReadOnlySpan<float> x, float m)
    {
        int i = 0;
        float acc = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<float>.Count)
        {
            var vm = Vector512.Create(m);
            var s0 = Vector512<float>.Zero;
            ref float r = ref Unsafe.AsRef(in x[0]);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var d = Vector512.LoadUnsafe(ref r, (nuint)i) - vm;
                s0 = Vector512.FusedMultiplyAdd(d, d, s0);
            }

            acc = Vector512.Sum(s0);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<float>.Count)
        {
            var vm = Vector256.Create(m);
            var s0 = Vector256<float>.Zero;
            ref float r = ref Unsafe.AsRef(in x[0]);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var d = Vector256.LoadUnsafe(ref r, (nuint)i) - vm;
                s0 = Vector256.FusedMultiplyAdd(d, d, s0);
            }

            acc = Vector256.Sum(s0);
        }

        for (; i < x.Length; i++)
        {
            float d = x[i] - m;
            acc += d * d;
        }

        return acc;
    }

    /// <summary>Σ g and Σ g·(x − m) in one pass.</summary>
    public static (double SumG, double SumGx) SumAndCenteredDot(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float m)
    {
        int i = 0;
        float sg = 0, sgx = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<float>.Count)
        {
            var vm = Vector512.Create(m);
            Vector512<float> a = default, b = default;
            ref float rg = ref Unsafe.AsRef(in g[0]);
            ref float rx = ref Unsafe.AsRef(in x[0]);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var vg = Vector512.LoadUnsafe(ref rg, (nuint)i);
                a += vg;
                b = Vector512.FusedMultiplyAdd(vg, Vector512.LoadUnsafe(ref rx, (nuint)i) - vm, b);
            }

            (sg, sgx) = (Vector512.Sum(a), Vector512.Sum(b));
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<float>.Count)
        {
            var vm = Vector256.Create(m);
            Vector256<float> a = default, b = default;
            ref float rg = ref Unsafe.AsRef(in g[0]);
            ref float rx = ref Unsafe.AsRef(in x[0]);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var vg = Vector256.LoadUnsafe(ref rg, (nuint)i);
                a += vg;
                b = Vector256.FusedMultiplyAdd(vg, Vector256.LoadUnsafe(ref rx, (nuint)i) - vm, b);
            }

            (sg, sgx) = (Vector256.Sum(a), Vector256.Sum(b));
        }

        for (; i < x.Length; i++)
        {
            sg += g[i];
            sgx += g[i] * (x[i] - m);
        }

        return (sg, sgx);
    }

    /// <summary>y = x·a + b.</summary>
    public static void Affine(ReadOnlySpan<float> x, float a, float b, Span<float> y)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            TensorPrimitives.Multiply(x, a, y);
            TensorPrimitives.Add(y, b, y);
            return;
        }

        int i = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<float>.Count)
        {
            var va = Vector512.Create(a);
            var vb = Vector512.Create(b);
            ref float rx = ref Unsafe.AsRef(in x[0]);
            ref float ry = ref y[0];
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rx, (nuint)i), va, vb).StoreUnsafe(ref ry, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] = MathF.FusedMultiplyAdd(x[i], a, b);
        }
    }

    /// <summary>d = g·a + x·b + k.</summary>
    public static void Combine(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float a, float b, float k, Span<float> d)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            TensorPrimitives.Multiply(g, a, d);
            TensorPrimitives.FusedMultiplyAdd(x, b, d, d);
            TensorPrimitives.Add(d, k, d);
            return;
        }

        int i = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<float>.Count)
        {
            var va = Vector512.Create(a);
            var vb = Vector512.Create(b);
            var vk = Vector512.Create(k);
            ref float rg = ref Unsafe.AsRef(in g[0]);
            ref float rx = ref Unsafe.AsRef(in x[0]);
            ref float rd = ref d[0];
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var t = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rx, (nuint)i), vb, vk);
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rg, (nuint)i), va, t).StoreUnsafe(ref rd, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            d[i] = MathF.FusedMultiplyAdd(g[i], a, MathF.FusedMultiplyAdd(x[i], b, k));
        }
    }
}
