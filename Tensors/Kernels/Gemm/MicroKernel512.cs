using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// AVX-512 micro-kernel: a 12×32 tile of C lives in 24 zmm accumulators (of 32 registers) while kc rank-1
/// updates stream a packed A sliver (one broadcast per row) and a packed B sliver (two zmm per step).
/// 24 independent FMA chains hide the 4-cycle FMA latency on Zen 4 with room to spare; loads are 2+12
/// per 24 FMAs, well under the two load ports.
/// </summary>
internal static unsafe class MicroKernel512
{
    public const int MR = 12;
    public const int NR = 32;

    /// <summary>C[0..MR, 0..NR] = alpha·Ap·Bp + beta·C; beta == 0 writes C without reading it.</summary>
    // Fully optimized from the first call: tier-0 code is several times slower (measured 33 vs 185 GFLOP/s at n=256).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default, c01 = default;
        Vector512<float> c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default;
        Vector512<float> c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default;
        Vector512<float> c70 = default, c71 = default;
        Vector512<float> c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default;
        Vector512<float> c100 = default, c101 = default;
        Vector512<float> c110 = default, c111 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 16);
            { var x = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01); }
            { var x = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11); }
            { var x = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21); }
            { var x = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31); }
            { var x = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41); }
            { var x = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51); }
            { var x = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61); }
            { var x = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71); }
            { var x = Vector512.Create(a[8]); c80 = Vector512.FusedMultiplyAdd(x, b0, c80); c81 = Vector512.FusedMultiplyAdd(x, b1, c81); }
            { var x = Vector512.Create(a[9]); c90 = Vector512.FusedMultiplyAdd(x, b0, c90); c91 = Vector512.FusedMultiplyAdd(x, b1, c91); }
            { var x = Vector512.Create(a[10]); c100 = Vector512.FusedMultiplyAdd(x, b0, c100); c101 = Vector512.FusedMultiplyAdd(x, b1, c101); }
            { var x = Vector512.Create(a[11]); c110 = Vector512.FusedMultiplyAdd(x, b0, c110); c111 = Vector512.FusedMultiplyAdd(x, b1, c111); }
            a += MR; b += NR;
        }
        var va = Vector512.Create(alpha);
        if (beta == 0f)
        {
            Vector512.Store(c00 * va, c + 0 * ldc); Vector512.Store(c01 * va, c + 0 * ldc + 16);
            Vector512.Store(c10 * va, c + 1 * ldc); Vector512.Store(c11 * va, c + 1 * ldc + 16);
            Vector512.Store(c20 * va, c + 2 * ldc); Vector512.Store(c21 * va, c + 2 * ldc + 16);
            Vector512.Store(c30 * va, c + 3 * ldc); Vector512.Store(c31 * va, c + 3 * ldc + 16);
            Vector512.Store(c40 * va, c + 4 * ldc); Vector512.Store(c41 * va, c + 4 * ldc + 16);
            Vector512.Store(c50 * va, c + 5 * ldc); Vector512.Store(c51 * va, c + 5 * ldc + 16);
            Vector512.Store(c60 * va, c + 6 * ldc); Vector512.Store(c61 * va, c + 6 * ldc + 16);
            Vector512.Store(c70 * va, c + 7 * ldc); Vector512.Store(c71 * va, c + 7 * ldc + 16);
            Vector512.Store(c80 * va, c + 8 * ldc); Vector512.Store(c81 * va, c + 8 * ldc + 16);
            Vector512.Store(c90 * va, c + 9 * ldc); Vector512.Store(c91 * va, c + 9 * ldc + 16);
            Vector512.Store(c100 * va, c + 10 * ldc); Vector512.Store(c101 * va, c + 10 * ldc + 16);
            Vector512.Store(c110 * va, c + 11 * ldc); Vector512.Store(c111 * va, c + 11 * ldc + 16);
            return;
        }
        var vb = Vector512.Create(beta);
        Merge(c + 0 * ldc, c00, c01, va, vb);
        Merge(c + 1 * ldc, c10, c11, va, vb);
        Merge(c + 2 * ldc, c20, c21, va, vb);
        Merge(c + 3 * ldc, c30, c31, va, vb);
        Merge(c + 4 * ldc, c40, c41, va, vb);
        Merge(c + 5 * ldc, c50, c51, va, vb);
        Merge(c + 6 * ldc, c60, c61, va, vb);
        Merge(c + 7 * ldc, c70, c71, va, vb);
        Merge(c + 8 * ldc, c80, c81, va, vb);
        Merge(c + 9 * ldc, c90, c91, va, vb);
        Merge(c + 10 * ldc, c100, c101, va, vb);
        Merge(c + 11 * ldc, c110, c111, va, vb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Merge(float* c, Vector512<float> x0, Vector512<float> x1, Vector512<float> va, Vector512<float> vb)
    {
        Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(c), vb, x0 * va), c);
        Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(c + 16), vb, x1 * va), c + 16);
    }
}
