using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Register-blocked double micro-kernels: C[0..MR, 0..NR] = alpha·Ap·Bp + beta·C over kc packed rank-1 updates
/// (beta == 0 writes C without reading it). AVX-512: a 12×16 tile in 24 zmm accumulators, 2 loads and 12
/// broadcasts per 24 FMAs; AVX2: 6×8 in 12 ymm; scalar: 4×4 for machines without 256-bit SIMD.
/// </summary>
internal static unsafe class DgemmMicroKernels
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Run512(int kc, double* a, double* b, double* c, nint ldc, double alpha, double beta)
    {
        Vector512<double> c00 = default, c01 = default;
        Vector512<double> c10 = default, c11 = default;
        Vector512<double> c20 = default, c21 = default;
        Vector512<double> c30 = default, c31 = default;
        Vector512<double> c40 = default, c41 = default;
        Vector512<double> c50 = default, c51 = default;
        Vector512<double> c60 = default, c61 = default;
        Vector512<double> c70 = default, c71 = default;
        Vector512<double> c80 = default, c81 = default;
        Vector512<double> c90 = default, c91 = default;
        Vector512<double> c100 = default, c101 = default;
        Vector512<double> c110 = default, c111 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<double> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 8);
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
            a += 12; b += 16;
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        Merge512(c + 0 * ldc, c00, c01, va, vb, beta);
        Merge512(c + 1 * ldc, c10, c11, va, vb, beta);
        Merge512(c + 2 * ldc, c20, c21, va, vb, beta);
        Merge512(c + 3 * ldc, c30, c31, va, vb, beta);
        Merge512(c + 4 * ldc, c40, c41, va, vb, beta);
        Merge512(c + 5 * ldc, c50, c51, va, vb, beta);
        Merge512(c + 6 * ldc, c60, c61, va, vb, beta);
        Merge512(c + 7 * ldc, c70, c71, va, vb, beta);
        Merge512(c + 8 * ldc, c80, c81, va, vb, beta);
        Merge512(c + 9 * ldc, c90, c91, va, vb, beta);
        Merge512(c + 10 * ldc, c100, c101, va, vb, beta);
        Merge512(c + 11 * ldc, c110, c111, va, vb, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Merge512(double* c, Vector512<double> x0, Vector512<double> x1, Vector512<double> va, Vector512<double> vb, double beta)
    {
        if (beta == 0)
        {
            Vector512.Store(x0 * va, c);
            Vector512.Store(x1 * va, c + 8);
            return;
        }
        Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(c), vb, x0 * va), c);
        Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Load(c + 8), vb, x1 * va), c + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Run256(int kc, double* a, double* b, double* c, nint ldc, double alpha, double beta)
    {
        Vector256<double> c00 = default, c01 = default;
        Vector256<double> c10 = default, c11 = default;
        Vector256<double> c20 = default, c21 = default;
        Vector256<double> c30 = default, c31 = default;
        Vector256<double> c40 = default, c41 = default;
        Vector256<double> c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<double> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 4);
            { var x = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01); }
            { var x = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11); }
            { var x = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21); }
            { var x = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31); }
            { var x = Vector256.Create(a[4]); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41); }
            { var x = Vector256.Create(a[5]); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51); }
            a += 6; b += 8;
        }
        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(beta);
        Merge256(c + 0 * ldc, c00, c01, va, vb, beta);
        Merge256(c + 1 * ldc, c10, c11, va, vb, beta);
        Merge256(c + 2 * ldc, c20, c21, va, vb, beta);
        Merge256(c + 3 * ldc, c30, c31, va, vb, beta);
        Merge256(c + 4 * ldc, c40, c41, va, vb, beta);
        Merge256(c + 5 * ldc, c50, c51, va, vb, beta);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Merge256(double* c, Vector256<double> x0, Vector256<double> x1, Vector256<double> va, Vector256<double> vb, double beta)
    {
        if (beta == 0)
        {
            Vector256.Store(x0 * va, c);
            Vector256.Store(x1 * va, c + 4);
            return;
        }
        Vector256.Store(Vector256.FusedMultiplyAdd(Vector256.Load(c), vb, x0 * va), c);
        Vector256.Store(Vector256.FusedMultiplyAdd(Vector256.Load(c + 4), vb, x1 * va), c + 4);
    }

    public static void RunScalar(int kc, double* a, double* b, double* c, nint ldc, double alpha, double beta)
    {
        double* acc = stackalloc double[16];
        for (int t = 0; t < 16; t++) acc[t] = 0;
        for (int p = 0; p < kc; p++, a += 4, b += 4)
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++) acc[i * 4 + j] += a[i] * b[j];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                c[i * ldc + j] = beta == 0 ? alpha * acc[i * 4 + j] : alpha * acc[i * 4 + j] + beta * c[i * ldc + j];
    }
}
