using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// AVX2/FMA micro-kernel for machines without AVX-512: the classic 6×16 tile in 12 of the 16 ymm registers,
/// leaving two for the B sliver and one for the A broadcast.
/// </summary>
internal static unsafe class MicroKernel256
{
    public const int MR = 6;
    public const int NR = 16;

    /// <summary>C[0..MR, 0..NR] = alpha·Ap·Bp + beta·C; beta == 0 writes C without reading it.</summary>
    // Fully optimized from the first call: tier-0 code is several times slower (measured 33 vs 185 GFLOP/s at n=256).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default;
        Vector256<float> c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 8);
            { var x = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01); }
            { var x = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11); }
            { var x = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21); }
            { var x = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31); }
            { var x = Vector256.Create(a[4]); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41); }
            { var x = Vector256.Create(a[5]); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51); }
            a += MR; b += NR;
        }
        var va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            Vector256.Store(c00 * va, c + 0 * ldc); Vector256.Store(c01 * va, c + 0 * ldc + 8);
            Vector256.Store(c10 * va, c + 1 * ldc); Vector256.Store(c11 * va, c + 1 * ldc + 8);
            Vector256.Store(c20 * va, c + 2 * ldc); Vector256.Store(c21 * va, c + 2 * ldc + 8);
            Vector256.Store(c30 * va, c + 3 * ldc); Vector256.Store(c31 * va, c + 3 * ldc + 8);
            Vector256.Store(c40 * va, c + 4 * ldc); Vector256.Store(c41 * va, c + 4 * ldc + 8);
            Vector256.Store(c50 * va, c + 5 * ldc); Vector256.Store(c51 * va, c + 5 * ldc + 8);
            return;
        }
        var vb = Vector256.Create(beta);
        Merge(c + 0 * ldc, c00, c01, va, vb);
        Merge(c + 1 * ldc, c10, c11, va, vb);
        Merge(c + 2 * ldc, c20, c21, va, vb);
        Merge(c + 3 * ldc, c30, c31, va, vb);
        Merge(c + 4 * ldc, c40, c41, va, vb);
        Merge(c + 5 * ldc, c50, c51, va, vb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Merge(float* c, Vector256<float> x0, Vector256<float> x1, Vector256<float> va, Vector256<float> vb)
    {
        Vector256.Store(Vector256.FusedMultiplyAdd(Vector256.Load(c), vb, x0 * va), c);
        Vector256.Store(Vector256.FusedMultiplyAdd(Vector256.Load(c + 8), vb, x1 * va), c + 8);
    }
}
