using System.Runtime.CompilerServices;
namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Portable 4×4 micro-kernel for hardware without 256-bit SIMD. Sixteen scalar accumulators still give the
/// compiler independent chains; the packed layout is the same as the SIMD kernels'.
/// </summary>
internal static unsafe class MicroKernelScalar
{
    public const int MR = 4;
    public const int NR = 4;

    /// <summary>C[0..MR, 0..NR] = alpha·Ap·Bp + beta·C; beta == 0 writes C without reading it.</summary>
    // Fully optimized from the first call: tier-0 code is several times slower (measured 33 vs 185 GFLOP/s at n=256).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta)
    {
        float* acc = stackalloc float[MR * NR];
        for (int i = 0; i < MR * NR; i++) acc[i] = 0f;
        for (int p = 0; p < kc; p++, a += MR, b += NR)
        {
            for (int i = 0; i < MR; i++)
            {
                float x = a[i];
                float* row = acc + i * NR;
                row[0] += x * b[0]; row[1] += x * b[1]; row[2] += x * b[2]; row[3] += x * b[3];
            }
        }
        for (int i = 0; i < MR; i++)
        {
            float* ci = c + i * ldc;
            for (int j = 0; j < NR; j++)
                ci[j] = beta == 0f ? alpha * acc[i * NR + j] : alpha * acc[i * NR + j] + beta * ci[j];
        }
    }
}
