using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by the implicit QL method (EISPACK tql2, as in
/// JAMA): each sweep chases a shifted bulge up the unreduced block [l, m]; off-diagonals below ε·max(|d|+|e|)
/// split the matrix. The sweep's plane rotations are recorded, then applied to rows of Zᵀ (the eigenvectors as
/// rows), split into column ranges over the cores.
/// </summary>
internal static class TridiagonalQl
{
    private const int MaxSweepsPerValue = 60;
    private const int Chunk = 256; // components per pass: two rows of this many doubles stay in L1

    /// <summary>On return d holds the eigenvalues (unsorted), e is destroyed, and row i of
    /// <paramref name="zt"/> (n × n, row-major, the accumulated basis on entry) is the eigenvector of d[i];
    /// with zt null only the eigenvalues are computed (O(n²)).</summary>
    /// <exception cref="InvalidOperationException">QL did not converge (only for non-finite input).</exception>
    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Solve(double[] d, double[] e, double[]? zt, int n)
    {
        var cs = new double[n];
        var sn = new double[n];
        double f = 0, tst1 = 0, eps = Math.Pow(2, -52);
        for (int l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.Abs(e[m]) > eps * tst1)
            {
                m++;
            }
            int sweeps = 0;
            while (m > l)
            {
                if (++sweeps > MaxSweepsPerValue)
                {
                    throw new InvalidOperationException($"SymmetricEigen: QL did not converge for eigenvalue {l} of {n}.");
                }
                // Shift from the leading 2×2 block, then one QL sweep from m up to l.
                double g = d[l];
                double p = (d[l + 1] - g) / (2 * e[l]);
                double r = Hypot(p, 1);
                if (p < 0) r = -r;
                d[l] = e[l] / (p + r);
                d[l + 1] = e[l] * (p + r);
                double dl1 = d[l + 1];
                double h = g - d[l];
                for (int i = l + 2; i < n; i++) d[i] -= h;
                f += h;

                p = d[m];
                double c = 1, c2 = 1, c3 = 1, el1 = e[l + 1], s = 0, s2 = 0;
                for (int i = m - 1; i >= l; i--)
                {
                    c3 = c2; c2 = c; s2 = s;
                    g = c * e[i];
                    h = c * p;
                    r = Hypot(p, e[i]);
                    e[i + 1] = s * r;
                    s = e[i] / r;
                    c = p / r;
                    p = c * d[i] - s * g;
                    d[i + 1] = h + s * (c * g + s * d[i]);
                    cs[i] = c;
                    sn[i] = s;
                }
                p = -s * s2 * c3 * el1 * e[l] / dl1;
                e[l] = s * p;
                d[l] = c * p;
                if (zt is not null) Rotate(zt, n, l, m, cs, sn);
                // Converged when the off-diagonal is negligible; otherwise sweep again on the same block.
                if (!(Math.Abs(e[l]) > eps * tst1)) break;
            }
            d[l] += f;
            e[l] = 0;
        }
    }

    /// <summary>For i = m−1 down to l: (row i, row i+1) ← (c·zᵢ − s·zᵢ₊₁, s·zᵢ + c·zᵢ₊₁).</summary>
    private static void Rotate(double[] zt, int n, int l, int m, double[] cs, double[] sn)
    {
        int chunks = (n + Chunk - 1) / Chunk;
        if (chunks == 1 || (long)(m - l) * n < 1 << 15)
        {
            for (int k = 0; k < chunks; k++) RotateChunk(zt, n, l, m, cs, sn, k * Chunk, Math.Min(n, (k + 1) * Chunk));
            return;
        }
        Parallel.For(0, chunks, k => RotateChunk(zt, n, l, m, cs, sn, k * Chunk, Math.Min(n, (k + 1) * Chunk)));
    }

    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotateChunk(double[] zt, int n, int l, int m, double[] cs, double[] sn, int k0, int k1)
    {
        for (int i = m - 1; i >= l; i--)
        {
            double c = cs[i], s = sn[i];
            var zi = zt.AsSpan(i * n + k0, k1 - k0);
            var zi1 = zt.AsSpan((i + 1) * n + k0, k1 - k0);
            int k = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                var vc = Vector512.Create(c);
                var vs = Vector512.Create(s);
                for (; k + 8 <= zi.Length; k += 8)
                {
                    var a = Vector512.Create(zi.Slice(k, 8));
                    var b = Vector512.Create(zi1.Slice(k, 8));
                    (vc * a - vs * b).CopyTo(zi.Slice(k, 8));
                    (vs * a + vc * b).CopyTo(zi1.Slice(k, 8));
                }
            }
            for (; k < zi.Length; k++)
            {
                double a = zi[k], b = zi1[k];
                zi[k] = c * a - s * b;
                zi1[k] = s * a + c * b;
            }
        }
    }

    /// <summary>√(a² + b²) without overflow or underflow.</summary>
    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        if (x < y) (x, y) = (y, x);
        if (x == 0) return 0;
        double t = y / x;
        return x * Math.Sqrt(1 + t * t);
    }
}
