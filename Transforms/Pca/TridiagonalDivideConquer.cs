using System.Runtime.CompilerServices;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// All eigenvalues and eigenvectors of a symmetric tridiagonal matrix by Cuppen's divide and conquer, as LAPACK's
/// dstedc/dlaed0–dlaed3 organize it. T is torn at the middle by a rank-one term, T = diag(T₁, T₂) + ρ·v·vᵀ; the
/// halves are solved recursively (blocks of ≤ <see cref="LeafSize"/> by <see cref="TridiagonalQl"/>), and their
/// union D + ρ·z·zᵀ (z = diag(Q₁, Q₂)ᵀ·v) is solved by <see cref="RankOneUpdate"/>: deflation, secular roots,
/// eigenvectors, and the product diag(Q₁, Q₂)·U. Why this and not QL with vectors: QL applies ~3n³ flops of plane
/// rotations one row pair at a time; here the work is in matrix products (≤ (4/3)n³, less as eigenvalues
/// deflate): ~0.03 s for T of the 784×784 Fashion-MNIST covariance, where QL's rotations and the former
/// one-reflector-at-a-time back-transform took ~0.35 s.
/// </summary>
internal static class TridiagonalDivideConquer
{
    /// <summary>Blocks up to this size go to QL: below it the merge's bookkeeping costs more than QL's rotations.</summary>
    internal const int LeafSize = 32;

    /// <summary>On return d holds the eigenvalues in ascending order and column c of the row-major n×n
    /// <paramref name="q"/> the unit eigenvector of d[c], for the last <paramref name="wanted"/> columns at least
    /// (the rest may be left unset: the top-level merge forms only those); e (e[i] couples i and i+1, e[n−1]
    /// ignored) is destroyed.</summary>
    /// <exception cref="InvalidOperationException">A leaf's QL did not converge (only for non-finite input).</exception>
    public static void Solve(double[] d, double[] e, double[] q, int n, int wanted)
    {
        Array.Clear(q, 0, n * n);
        if (n == 0) return;
        e[n - 1] = 0;
        // Scaled to max-norm 1 so the deflation tolerance and the secular equation work at unit scale (dstedc).
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.Max(scale, Math.Max(Math.Abs(d[i]), Math.Abs(e[i])));
        if (scale == 0)
        {
            for (int i = 0; i < n; i++) q[i * n + i] = 1;
            return;
        }
        for (int i = 0; i < n; i++) { d[i] /= scale; e[i] /= scale; }
        var work = new RankOneUpdate(n);
        int start = 0, blocks = 0;
        for (int i = 0; i < n; i++)
        {
            // An off-diagonal below ε·√|dᵢ·dᵢ₊₁| splits T into independent blocks, as in dstedc.
            if (i < n - 1 && Math.Abs(e[i]) > 2.2e-16 * Math.Sqrt(Math.Abs(d[i])) * Math.Sqrt(Math.Abs(d[i + 1]))) continue;
            int m = i + 1 - start;
            // Which of a split block's vectors are wanted is known only after sorting: then all of them.
            Recurse(d, e, q, n, start, m, m == n ? Math.Max(wanted, 0) : m, work);
            start = i + 1;
            blocks++;
        }
        for (int i = 0; i < n; i++) d[i] *= scale;
        if (blocks > 1) SortColumns(d, q, n);
    }

    /// <summary>Solves the unreduced block [lo, lo+m) into d[lo..] (ascending) and q's diagonal block (its last
    /// <paramref name="wanted"/> columns).</summary>
    private static void Recurse(double[] d, double[] e, double[] q, int n, int lo, int m, int wanted, RankOneUpdate work)
    {
        if (m <= LeafSize)
        {
            Leaf(d, e, q, n, lo, m);
            return;
        }
        int m1 = m / 2;
        double beta = e[lo + m1 - 1];
        d[lo + m1 - 1] -= Math.Abs(beta);
        d[lo + m1] -= Math.Abs(beta);
        Recurse(d, e, q, n, lo, m1, m1, work);
        Recurse(d, e, q, n, lo + m1, m - m1, m - m1, work);
        work.Merge(d, q, n, lo, m, m1, beta, wanted);
    }

    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Leaf(double[] d, double[] e, double[] q, int n, int lo, int m)
    {
        var dd = d.AsSpan(lo, m).ToArray();
        var ee = new double[m];
        e.AsSpan(lo, m - 1).CopyTo(ee);
        var zt = new double[m * m];
        for (int i = 0; i < m; i++) zt[i * m + i] = 1;
        TridiagonalQl.Solve(dd, ee, zt, m);
        var order = Enumerable.Range(0, m).OrderBy(i => dd[i]).ToArray();
        for (int c = 0; c < m; c++)
        {
            d[lo + c] = dd[order[c]];
            for (int r = 0; r < m; r++) q[(lo + r) * n + lo + c] = zt[order[c] * m + r];
        }
    }

    /// <summary>Sorts d ascending and permutes q's columns with it (blocks split off are solved unsorted).</summary>
    internal static void SortColumns(double[] d, double[] q, int n)
    {
        var order = Enumerable.Range(0, n).OrderBy(i => d[i]).ToArray();
        var copy = (double[])q.Clone();
        var dc = (double[])d.Clone();
        for (int c = 0; c < n; c++) d[c] = dc[order[c]];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) q[r * n + c] = copy[r * n + order[c]];
    }
}
