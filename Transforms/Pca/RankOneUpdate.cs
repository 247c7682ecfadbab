using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// The merge step of <see cref="TridiagonalDivideConquer"/> (LAPACK dlaed2 + dlaed3 in spirit): the eigenpairs of
/// diag(Q₁,Q₂)·(D + ρ·z·zᵀ)·diag(Q₁,Q₂)ᵀ from those of the two halves.
/// 1. Deflation. A pole with ρ|z_j| ≤ tol is already an eigenvalue (its vector unchanged); two poles closer than
///    tol/(c·s) are rotated so that one z component vanishes and that pole deflates too. tol = 8ε·max(|D|, |z|)
///    at unit scale, so deflation perturbs T by O(ε‖T‖). Spectra with clusters of tiny or repeated eigenvalues
///    deflate heavily; the Fashion-MNIST covariance less than hoped (3496 of 3920 poles kept over all merges).
/// 2. The k remaining roots by <see cref="SecularEquation"/>, then Gu and Eisenstat's ẑ: the exact z of a nearby
///    problem whose eigenvalues are the computed roots, ẑ_j² = Π_i(λ_i − δ_j) / (ρ·Π_{i≠j}(δ_i − δ_j)). Vectors
///    built from ẑ and the accurate differences δ_j − λ_i are orthogonal to working precision, whatever the gaps.
/// 3. Q = diag(Q₁,Q₂)·U by <see cref="Dgemm"/>. Kept columns are grouped as top-only, mixed (rotated across the
///    halves), bottom-only, so each half of Q multiplies only the columns that are non-zero in it.
/// Workspace for an n×n problem is allocated once and reused by every merge.
/// </summary>
internal sealed class RankOneUpdate
{
    private const double Eps = 1.1102230246251565e-16; // 2⁻⁵³, LAPACK's dlamch('E')

    private readonly double[] _z, _keys, _poles, _w, _values, _acc, _diff, _qk, _out;
    private readonly int[] _order, _type, _kept, _deflated, _pos, _perm;

    public RankOneUpdate(int n)
    {
        _z = new double[n]; _keys = new double[n]; _poles = new double[n]; _w = new double[n];
        _values = new double[n]; _acc = new double[n];
        _diff = new double[n * n]; _qk = new double[n * n]; _out = new double[n * n];
        _order = new int[n]; _type = new int[n]; _kept = new int[n]; _deflated = new int[n]; _pos = new int[n]; _perm = new int[n];
    }

    /// <summary>Merges the solved halves [lo, lo+m1) and [lo+m1, lo+m) of q (row-major, leading dim n, vectors as
    /// columns; d ascending within each half), torn at the off-diagonal <paramref name="beta"/>. All m eigenvalues
    /// come out in d, ascending; only the last <paramref name="wanted"/> columns of the block are set.</summary>
    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Merge(double[] d, double[] q, int n, int lo, int m, int m1, double beta, int wanted)
    {
        // z = diag(Q₁,Q₂)ᵀ·(e_last, sign(β)·e_first)/√2 has unit norm; ρ = 2|β| > 0.
        double sign = beta < 0 ? -1 : 1, rho = 2 * Math.Abs(beta), half = Math.Sqrt(0.5);
        var z = _z;
        double dmax = 0, zmax = 0;
        for (int j = 0; j < m; j++)
        {
            z[j] = j < m1 ? q[(lo + m1 - 1) * n + lo + j] * half : sign * q[(lo + m1) * n + lo + j] * half;
            _keys[j] = d[lo + j];
            _order[j] = j;
            _type[j] = j < m1 ? 0 : 2;
            dmax = Math.Max(dmax, Math.Abs(d[lo + j]));
            zmax = Math.Max(zmax, Math.Abs(z[j]));
        }
        Array.Sort(_keys, _order, 0, m);
        double tol = 8 * Eps * Math.Max(dmax, zmax);
        int k = 0, deflated = 0, prev = -1;
        for (int t = 0; t < m; t++)
        {
            int j = _order[t];
            if (rho * Math.Abs(z[j]) <= tol)
            {
                _deflated[deflated++] = j;
                continue;
            }
            if (prev >= 0)
            {
                double s = z[prev], c = z[j], tau = Math.Sqrt(s * s + c * c), gap = d[lo + j] - d[lo + prev];
                c /= tau;
                s = -s / tau;
                if (Math.Abs(gap * c * s) <= tol)
                {
                    // Rotate so that z[prev] = 0: prev deflates, j carries the combined weight.
                    z[j] = tau;
                    z[prev] = 0;
                    if (_type[j] != _type[prev]) _type[j] = 1;
                    Rotate(q, n, lo, m, lo + prev, lo + j, c, s);
                    double dp = d[lo + prev], dj = d[lo + j];
                    d[lo + prev] = dp * c * c + dj * s * s;
                    d[lo + j] = dp * s * s + dj * c * c;
                    _deflated[deflated++] = prev;
                }
                else
                {
                    _kept[k++] = prev;
                }
            }
            prev = j;
        }
        if (prev >= 0) _kept[k++] = prev;

        if (k > 0) SolveRoots(d, lo, k, rho);
        for (int c = 0; c < deflated; c++) _values[k + c] = d[lo + _deflated[c]];
        // The block's eigenpairs in ascending order; only the largest `wanted` vectors are formed. Roots ascend,
        // so the wanted ones are those from the first root that lands among the last `wanted` places.
        for (int c = 0; c < m; c++) { _perm[c] = c; _keys[c] = _values[c]; }
        Array.Sort(_keys, _perm, 0, m);
        int firstRoot = k;
        for (int c = m - wanted; c < m; c++) if (_perm[c] < k) firstRoot = Math.Min(firstRoot, _perm[c]);
        if (firstRoot < k) FormVectors(q, n, lo, m, m1, k, firstRoot);
        for (int c = 0; c < deflated; c++)
            for (int r = 0; r < m; r++) _out[r * m + k + c] = q[(lo + r) * n + lo + _deflated[c]];
        for (int c = 0; c < m; c++) d[lo + c] = _keys[c];
        double[] output = _out;
        int[] perm = _perm;
        Split(m, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            for (int r = r0; r < r1; r++)
            {
                var row = q.AsSpan((lo + r) * n + lo, m);
                for (int c = m - wanted; c < m; c++) row[c] = output[r * m + perm[c]];
            }
        });
    }

    /// <summary>body(i0, i1) over [0, count) in ranges claimed by this thread and the GEMM helpers (the O(k²)
    /// loops of a merge are as long as its products once deflation has shrunk those).</summary>
    private static void Split(int count, Action<int, int> body)
    {
        int parts = count < 64 || Environment.ProcessorCount == 1 ? 1 : Math.Min(4 * Environment.ProcessorCount, count / 16);
        WorkerParts.Run(parts, p => body((int)((long)count * p / parts), (int)((long)count * (p + 1) / parts)));
    }

    /// <summary>The k kept poles' roots into _values[0..k), their differences δ_j − λ_i into _diff (row i), and
    /// Gu–Eisenstat's ẑ into _acc.</summary>
    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SolveRoots(double[] d, int lo, int k, double rho)
    {
        var poles = _poles.AsSpan(0, k);
        for (int t = 0; t < k; t++) { poles[t] = d[lo + _kept[t]]; _w[t] = _z[_kept[t]]; }
        double[] diff = _diff, values = _values, polesArr = _poles, w = _w, partial = _out; // _out is free until FormVectors
        Split(k, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i0, i1) =>
        {
            for (int i = i0; i < i1; i++)
                values[i] = SecularEquation.Solve(polesArr.AsSpan(0, k), w.AsSpan(0, k), rho, i, diff.AsSpan(i * k, k));
        });

        // Gu–Eisenstat: every factor (λ_i − δ_j)/(δ_i − δ_j) is positive by interlacing. Each range of roots
        // multiplies its own partial product (one k-row of _out each); they are combined in one pass after.
        int ranges = 0;
        Split(k, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i0, i1) =>
        {
            int slot = Interlocked.Increment(ref ranges) - 1;
            var acc = partial.AsSpan(slot * k, k);
            acc.Fill(1);
            for (int i = i0; i < i1; i++)
            {
                var row = diff.AsSpan(i * k, k);
                MultiplyRatios(acc, row, polesArr.AsSpan(0, k), polesArr[i], 0, i);
                acc[i] *= -row[i] / rho;
                MultiplyRatios(acc, row, polesArr.AsSpan(0, k), polesArr[i], i + 1, k);
            }
        });
        var zhat = _acc.AsSpan(0, k);
        partial.AsSpan(0, k).CopyTo(zhat);
        for (int slot = 1; slot < ranges; slot++) TensorPrimitives.Multiply(zhat, partial.AsSpan(slot * k, k), zhat);
        for (int j = 0; j < k; j++) zhat[j] = Math.CopySign(Math.Sqrt(zhat[j]), _w[j]);
    }

    /// <summary>The vectors of roots [first, k) into columns [first, k) of _out (ld m): u_i ∝ ẑ/(δ − λ_i),
    /// then diag(Q₁,Q₂)·U.</summary>
    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FormVectors(double[] q, int n, int lo, int m, int m1, int k, int first)
    {
        // Row i of U overwrites row i of the differences it is made from (through a copy): Ut lives in _diff.
        double[] diff = _diff, acc = _acc, ut = _diff, qk = _qk;
        int[] pos = _pos, kept = _kept;
        // Column groups: top-only (type 0), mixed (1), bottom-only (2).
        int n0 = 0, n1 = 0;
        for (int t = 0; t < k; t++) { if (_type[_kept[t]] == 0) n0++; else if (_type[_kept[t]] == 1) n1++; }
        int g0 = 0, g1 = n0, g2 = n0 + n1;
        for (int t = 0; t < k; t++) _pos[t] = _type[_kept[t]] switch { 0 => g0++, 1 => g1++, _ => g2++ };
        Split(k - first, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (i0, i1) =>
        {
            var ratio = new double[k];
            for (int i = first + i0; i < first + i1; i++)
            {
                var row = diff.AsSpan(i * k, k);
                var u = ut.AsSpan(i * k, k);
                TensorPrimitives.Divide(acc.AsSpan(0, k), row, ratio);
                double scale = 1 / Math.Sqrt(TensorPrimitives.SumOfSquares(ratio));
                for (int t = 0; t < k; t++) u[pos[t]] = ratio[t] * scale;
            }
        });
        Split(m, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (r0, r1) =>
        {
            for (int r = r0; r < r1; r++)
            {
                var src = q.AsSpan((lo + r) * n + lo, m);
                var dst = qk.AsSpan(r * k, k);
                for (int t = 0; t < k; t++) dst[pos[t]] = src[kept[t]];
            }
        });
        // Out[top, first:k] = Qk[top, groups 0+1]·Ut[first:k]ᵀ; Out[bottom, first:k] = Qk[bottom, groups 1+2]·Ut[first:k]ᵀ.
        int cols = k - first;
        Dgemm.Multiply(false, true, m1, cols, n0 + n1, 1, _qk, k, _diff.AsSpan(first * k), k, 0, _out.AsSpan(first), m);
        Dgemm.Multiply(false, true, m - m1, cols, k - n0, 1, _qk.AsSpan(m1 * k + n0), k, _diff.AsSpan(first * k + n0), k, 0,
            _out.AsSpan(m1 * m + first), m);
    }

    /// <summary>acc[j] ·= (λ_i − δ_j)/(δ_i − δ_j) = diff[j]/(δ_j − δ_i) for j in [from, to): a division each, so SIMD.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRatios(Span<double> acc, ReadOnlySpan<double> diff, ReadOnlySpan<double> poles, double pi, int from, int to)
    {
        int j = from;
        if (Vector512.IsHardwareAccelerated)
        {
            var vp = Vector512.Create(pi);
            for (; j + 8 <= to; j += 8)
            {
                var r = Vector512.Create(diff.Slice(j, 8)) / (Vector512.Create(poles.Slice(j, 8)) - vp);
                (Vector512.Create(acc.Slice(j, 8)) * r).CopyTo(acc.Slice(j, 8));
            }
        }
        for (; j < to; j++) acc[j] *= diff[j] / (poles[j] - pi);
    }

    /// <summary>(column a, column b) ← (c·a + s·b, c·b − s·a) over rows [lo, lo+m): LAPACK's drot.</summary>
    private static void Rotate(double[] q, int n, int lo, int m, int a, int b, double c, double s)
    {
        for (int r = lo; r < lo + m; r++)
        {
            double x = q[r * n + a], y = q[r * n + b];
            q[r * n + a] = c * x + s * y;
            q[r * n + b] = c * y - s * x;
        }
    }
}
