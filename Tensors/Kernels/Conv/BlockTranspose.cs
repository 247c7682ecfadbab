using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// dst[j, i] = src[i, j] for a rows × cols block, 8×8 tiles at a time with AVX shuffles (scalar edges and a scalar
/// fallback without AVX). Used to hand the weight-gradient GEMM its column matrix untransposed: SGEMM packs a
/// transposed operand one float at a time, which for the MNIST CNN's second layer cost about as much as the product.
/// </summary>
internal static unsafe class BlockTranspose
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(float* src, long lds, int rows, int cols, float* dst, long ldd)
    {
        int r8 = Avx.IsSupported ? rows & ~7 : 0, c8 = Avx.IsSupported ? cols & ~7 : 0;
        for (int i = 0; i < r8; i += 8)
        {
            for (int j = 0; j < c8; j += 8) Tile(src + i * lds + j, lds, dst + j * ldd + i, ldd);
        }

        for (int i = 0; i < rows; i++)
        {
            int j0 = i < r8 ? c8 : 0;
            for (int j = j0; j < cols; j++) dst[j * ldd + i] = src[i * lds + j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(float* s, long lds, float* d, long ldd)
    {
        Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + lds), r2 = Avx.LoadVector256(s + 2 * lds),
            r3 = Avx.LoadVector256(s + 3 * lds), r4 = Avx.LoadVector256(s + 4 * lds), r5 = Avx.LoadVector256(s + 5 * lds),
            r6 = Avx.LoadVector256(s + 6 * lds), r7 = Avx.LoadVector256(s + 7 * lds);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3),
            t3 = Avx.UnpackHigh(r2, r3), t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5),
            t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44),
            u3 = Avx.Shuffle(t1, t3, 0xEE), u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE),
            u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(d + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(d + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }
}
