using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// Householder reduction A = Q·T·Qᵀ of a symmetric matrix (LAPACK dsytd2, upper triangle), reorganized so that
/// each step reads the trailing matrix once: step j's rank-two update A −= v·wᵀ + w·vᵀ is not applied when it is
/// formed but fused into step j+1's pass, which updates each row of the upper triangle and at once accumulates
/// the symmetric product p = A·v from it (row i gives p_i its dot product and scatters A_ib·v_i into p_b).
/// Only row j+1, the next column to annihilate, is brought up to date ahead of the pass. Against full-matrix
/// passes (a product, then two updates) this halves the flops, to (4/3)n³, and cuts the memory traffic by ~3×;
/// the pass is split by area over the cores, each with its own p. LAPACK's blocked dsytrd would move half the
/// flops into GEMM; at n ≈ 800 the fused level-2 pass is already bounded by L2 bandwidth, not by flops.
/// </summary>
internal static class HouseholderTridiagonal
{
    private const int ParallelRows = 96; // trailing blocks smaller than this stay on the calling thread

    /// <summary>Reduces the symmetric <paramref name="a"/> (only its upper triangle is read; overwritten) to
    /// tridiagonal form: diagonal d, off-diagonal e (e[j] between j and j+1, e[n−1] = 0); row j of
    /// <paramref name="v"/> (n×n, zero on entry) holds the reflector H_j on components j+1…n−1, H_j = I − β_j·v·vᵀ.</summary>
    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Reduce(double[] a, int n, double[] d, double[] e, double[] v, double[] beta)
    {
        if (n == 0) return;
        int parts = n - 1 >= ParallelRows ? Math.Min(Environment.ProcessorCount, 8) : 1;
        var w = new double[n];      // w of the pending update (global indices)
        var none = new double[n];   // the "reflector" before step 0: no pending update
        var p = new double[parts * n];
        var bounds = new int[parts + 1];
        for (int j = 0; j < n - 2; j++)
        {
            // The pending update's v is the previous reflector (none before step 0).
            var (vp, vpOff) = j == 0 ? (none, 0) : (v, (j - 1) * n);
            var x = a.AsSpan(j * n + j, n - j);
            UpdateRow(x, vp.AsSpan(vpOff + j, n - j), w.AsSpan(j), vp[vpOff + j], w[j]);
            d[j] = x[0];
            x = x[1..];
            double sigma = TensorPrimitives.Dot(x[1..], x[1..]);
            double b = 0;
            var vj = v.AsSpan(j * n + j + 1, n - j - 1);
            if (sigma == 0)
            {
                e[j] = x[0]; // already reduced in this column: H_j = I, v_j = 0, the pass only applies the pending update
            }
            else
            {
                double mu = Math.Sqrt(x[0] * x[0] + sigma);
                double alpha = x[0] > 0 ? -mu : mu; // the sign that avoids cancellation in v₀ = x₀ − α
                x.CopyTo(vj);
                vj[0] = x[0] - alpha;
                b = 2 / (vj[0] * vj[0] + sigma);
                e[j] = alpha;
            }
            beta[j] = b;
            int used = Pass(a, n, j + 1, vp, vpOff, w, v, j * n, p, parts, bounds);
            // p = β·A·v, w = p − (β/2)(pᵀv)·v: the update of step j, applied during step j+1's pass.
            var pj = p.AsSpan(j + 1, n - j - 1);
            for (int q = 1; q < used; q++) TensorPrimitives.Add(pj, p.AsSpan(q * n + j + 1, n - j - 1), pj);
            TensorPrimitives.Multiply(pj, b, pj);
            var wj = w.AsSpan(j + 1, n - j - 1);
            TensorPrimitives.MultiplyAdd(vj, -b / 2 * TensorPrimitives.Dot(pj, vj), pj, wj);
        }
        // The last two rows still owe the final step's update.
        var (vl, vlOff) = n >= 3 ? (v, (n - 3) * n) : (none, 0);
        for (int i = Math.Max(0, n - 2); i < n; i++) UpdateRow(a.AsSpan(i * n + i, n - i), vl.AsSpan(vlOff + i, n - i), w.AsSpan(i), vl[vlOff + i], w[i]);
        if (n >= 2)
        {
            d[n - 2] = a[(n - 2) * n + n - 2];
            e[n - 2] = a[(n - 2) * n + n - 1];
        }
        d[n - 1] = a[(n - 1) * n + n - 1];
        e[n - 1] = 0;
    }

    /// <summary>row −= vp_i·wp + wp_i·vp (row i's upper part, vectors from index i).</summary>
    private static void UpdateRow(Span<double> row, ReadOnlySpan<double> vp, ReadOnlySpan<double> wp, double vpi, double wpi)
    {
        TensorPrimitives.MultiplyAdd(wp, -vpi, row, row);
        TensorPrimitives.MultiplyAdd(vp, -wpi, row, row);
    }

    /// <summary>Rows [r0, n) of the upper triangle: apply the pending update (vp, wp) and accumulate A·v_j into
    /// p (one n-slice per part; returns how many were used). Vectors are indexed by global component from vp[vpOff], v[vOff].</summary>
    private static int Pass(double[] a, int n, int r0, double[] vp, int vpOff, double[] wp, double[] v, int vOff, double[] p, int parts, int[] bounds)
    {
        int m = n - r0;
        if (m < ParallelRows) parts = 1;
        // Equal areas of the triangle: the part ending at row s covers (n−r0)² − (n−s)² ∝ its share.
        bounds[0] = r0;
        for (int q = 1; q < parts; q++) bounds[q] = n - (int)Math.Round(m * Math.Sqrt(1 - (double)q / parts));
        bounds[parts] = n;
        WorkerParts.Run(parts, q =>
        {
            var pq = p.AsSpan(q * n, n);
            pq[r0..].Clear();
            for (int i = bounds[q]; i < bounds[q + 1]; i++) FusedRow(a, n, i, vp, vpOff, wp, v, vOff, pq);
        });
        return parts;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void FusedRow(double[] a, int n, int i, double[] vp, int vpOff, double[] wp, double[] v, int vOff, Span<double> p)
    {
        int len = n - i;
        fixed (double* rowBase = &a[i * n + i], vpb = &vp[vpOff + i], wpb = &wp[i], vb = &v[vOff + i], pb = &p[i])
        {
            double svp = vpb[0], swp = wpb[0], svi = vb[0];
            // Diagonal first: it counts once, in the dot product only.
            double x0 = rowBase[0] - svp * wpb[0] - swp * vpb[0];
            rowBase[0] = x0;
            double acc = x0 * vb[0];
            int t = 1;
            if (Vector512.IsHardwareAccelerated && len - 1 >= 8)
            {
                var cvp = Vector512.Create(-svp);
                var cwp = Vector512.Create(-swp);
                var cvi = Vector512.Create(svi);
                var vacc = Vector512<double>.Zero;
                for (; t + 8 <= len; t += 8)
                {
                    var xr = Vector512.Load(rowBase + t);
                    xr = Vector512.FusedMultiplyAdd(cvp, Vector512.Load(wpb + t), xr);
                    xr = Vector512.FusedMultiplyAdd(cwp, Vector512.Load(vpb + t), xr);
                    Vector512.Store(xr, rowBase + t);
                    vacc = Vector512.FusedMultiplyAdd(xr, Vector512.Load(vb + t), vacc);
                    Vector512.Store(Vector512.FusedMultiplyAdd(xr, cvi, Vector512.Load(pb + t)), pb + t);
                }
                acc += Vector512.Sum(vacc);
            }
            for (; t < len; t++)
            {
                double xr = rowBase[t] - svp * wpb[t] - swp * vpb[t];
                rowBase[t] = xr;
                acc += xr * vb[t];
                pb[t] += xr * svi;
            }
            pb[0] += acc;
        }
    }
}
