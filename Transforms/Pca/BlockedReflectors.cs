using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// Applies the tridiagonalization's Householder reflectors to a block of vectors, Z ← H₀·H₁·…·H_{n−3}·Z
/// (LAPACK dormtr/dlarfb): each run of <see cref="BlockSize"/> reflectors is the compact WY form
/// H_j⋯H_{j+b−1} = I − V·T·Vᵀ (Schreiber and Van Loan; T upper triangular, dlarft), applied as two matrix products
/// Z −= V·(T·(Vᵀ·Z)). Same 2n²·c flops as one reflector at a time, but in <see cref="Dgemm"/> instead of
/// level-2 dot/axpy passes that reread Z for every reflector.
/// </summary>
internal static class BlockedReflectors
{
    internal const int BlockSize = 32;

    /// <summary>The n×c block Z (row-major, leading dim ldz, from z[offset]) is multiplied by Q = H₀⋯H_{n−3} in place.
    /// Row j of <paramref name="v"/> (n×n) holds v_j on components j+1…n−1 and zeros before; H_j = I − β_j·v_j·v_jᵀ.</summary>
    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(double[] v, double[] beta, int n, double[] z, int offset, int ldz, int c)
    {
        int reflectors = n - 2;
        if (reflectors <= 0 || c == 0) return;
        var t = new double[BlockSize * BlockSize];
        var w = new double[BlockSize * c];
        var tmp = new double[c];
        // Q·Z = H₀(…(H_{n−3}·Z)): the last block first.
        for (int j0 = (reflectors - 1) / BlockSize * BlockSize; j0 >= 0; j0 -= BlockSize)
        {
            int b = Math.Min(BlockSize, reflectors - j0), rows = n - j0 - 1;
            FormT(v, beta, n, j0, b, t);
            var vt = v.AsSpan(j0 * n + j0 + 1); // b×rows, leading dim n: the reflectors as rows (Vᵀ)
            var zb = z.AsSpan(offset + (j0 + 1) * ldz);
            Dgemm.Multiply(false, false, b, c, rows, 1, vt, n, zb, ldz, 0, w, c);
            // W ← T·W, top row first: row i needs only rows ≥ i, still unchanged.
            for (int i = 0; i < b; i++)
            {
                var wi = w.AsSpan(i * c, c);
                TensorPrimitives.Multiply(wi, t[i * BlockSize + i], tmp);
                for (int s = i + 1; s < b; s++) TensorPrimitives.MultiplyAdd(w.AsSpan(s * c, c), t[i * BlockSize + s], tmp, tmp);
                tmp.CopyTo(wi);
            }
            Dgemm.Multiply(true, false, rows, c, b, -1, vt, n, w, c, 1, zb, ldz);
        }
    }

    /// <summary>T (b×b upper triangular, leading dim BlockSize) of H_{j0}⋯H_{j0+b−1} = I − V·T·Vᵀ:
    /// T_ii = β_i, T[0:i, i] = −β_i·T[0:i, 0:i]·(Vᵀ·v_i)[0:i].</summary>
    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FormT(double[] v, double[] beta, int n, int j0, int b, double[] t)
    {
        Array.Clear(t);
        var g = new double[b];
        for (int i = 0; i < b; i++)
        {
            int j = j0 + i;
            double bi = beta[j];
            t[i * BlockSize + i] = bi;
            if (bi == 0) continue;
            // v_s·v_i for s < i: v_i starts at j+1, so only that range of v_s counts.
            var vi = v.AsSpan(j * n + j + 1, n - j - 1);
            for (int s = 0; s < i; s++) g[s] = -bi * TensorPrimitives.Dot(v.AsSpan((j0 + s) * n + j + 1, n - j - 1), vi);
            for (int r = 0; r < i; r++)
            {
                double sum = 0;
                for (int s = r; s < i; s++) sum += t[r * BlockSize + s] * g[s];
                t[r * BlockSize + i] = sum;
            }
        }
    }
}
