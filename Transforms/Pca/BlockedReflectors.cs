using System.Runtime.CompilerServices;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// Applies the tridiagonalization's Householder reflectors to a block of vectors, Z ← H₀·H₁·…·H_{n−3}·Z
/// (LAPACK dormtr/dlarfb): each run of <see cref="BlockSize"/> reflectors is the compact WY form
/// H_j⋯H_{j+b−1} = I − V·T·Vᵀ (Schreiber and Van Loan; T upper triangular, dlarft), applied as two matrix products
/// Z −= V·(T·(Vᵀ·Z)), with T from the Gram matrix VᵀV. Same 2n²·c flops as one reflector at a time, but in
/// <see cref="Dgemm"/> (on every core) instead of level-2 dot/axpy passes that reread Z for every reflector.
/// </summary>
internal static class BlockedReflectors
{
    internal const int BlockSize = 32; // 64 and 128 measured slower at n = 784

    /// <summary>The n×c block Z (row-major, leading dim ldz, from z[offset]) is multiplied by Q = H₀⋯H_{n−3} in place.
    /// Row j of <paramref name="v"/> (n×n) holds v_j on components j+1…n−1 and zeros before; H_j = I − β_j·v_j·v_jᵀ.</summary>
    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(double[] v, double[] beta, int n, double[] z, int offset, int ldz, int c)
    {
        int reflectors = n - 2;
        if (reflectors <= 0 || c == 0) return;
        var t = new double[BlockSize * BlockSize];
        var gram = new double[BlockSize * BlockSize];
        var w = new double[BlockSize * c];
        var tw = new double[BlockSize * c];
        // Q·Z = H₀(…(H_{n−3}·Z)): the last block first.
        for (int j0 = (reflectors - 1) / BlockSize * BlockSize; j0 >= 0; j0 -= BlockSize)
        {
            int b = Math.Min(BlockSize, reflectors - j0), rows = n - j0 - 1;
            var vt = v.AsSpan(j0 * n + j0 + 1); // b×rows, leading dim n: the reflectors as rows (Vᵀ), zero before each start
            Dgemm.Multiply(false, true, b, b, rows, 1, vt, n, vt, n, 0, gram, BlockSize);
            FormT(beta, j0, b, gram, t);
            var zb = z.AsSpan(offset + (j0 + 1) * ldz);
            // Z −= Vᵀᵀ·(T·(Vᵀ·Z)), every step a product (T as a full b×b with its zeros: b ≪ n, so that is cheap).
            Dgemm.Multiply(false, false, b, c, rows, 1, vt, n, zb, ldz, 0, w, c);
            Dgemm.Multiply(false, false, b, c, b, 1, t, BlockSize, w, c, 0, tw, c);
            Dgemm.Multiply(true, false, rows, c, b, -1, vt, n, tw, c, 1, zb, ldz);
        }
    }

    /// <summary>T (b×b upper triangular, leading dim BlockSize) of H_{j0}⋯H_{j0+b−1} = I − V·T·Vᵀ from the Gram
    /// matrix VᵀV: T_ii = β_i, T[0:i, i] = −β_i·T[0:i, 0:i]·(VᵀV)[0:i, i] (dlarft, forward).</summary>
    private static void FormT(double[] beta, int j0, int b, double[] gram, double[] t)
    {
        Array.Clear(t);
        for (int i = 0; i < b; i++)
        {
            double bi = beta[j0 + i];
            t[i * BlockSize + i] = bi;
            if (bi == 0) continue;
            for (int r = 0; r < i; r++)
            {
                double sum = 0;
                for (int s = r; s < i; s++) sum += t[r * BlockSize + s] * gram[s * BlockSize + i];
                t[r * BlockSize + i] = -bi * sum;
            }
        }
    }
}
