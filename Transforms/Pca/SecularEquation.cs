using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// One root of the secular equation of a rank-one update D + ρ·z·zᵀ (ρ > 0, poles δ strictly increasing, no
/// z_j zero): f(λ) = 1/ρ + Σ_j z_j²/(δ_j − λ) = 0. Root i lies in (δ_i, δ_{i+1}), the last in (δ_{k−1}, δ_{k−1} + ρ‖z‖²].
/// Everything is computed relative to the nearer pole δ_o (λ = δ_o + τ, found from the sign of f at the middle
/// of the interval) so that the differences δ_j − λ = (δ_j − δ_o) − τ keep full relative accuracy even when the
/// root sits next to a pole: the eigenvectors are built from them (LAPACK dlaed4 works the same way).
/// Iteration: the two nearest poles are kept exactly and the other terms fitted by their value and slope (Bunch,
/// Nielsen and Sorensen's rational model), which converges quadratically; a step leaving the bracket, or one in
/// the wrong direction, falls back to Newton, then to bisection, so the bracket always shrinks.
/// </summary>
internal static class SecularEquation
{
    private const double Eps = 1.1102230246251565e-16; // unit round-off, 2⁻⁵³
    private const int ModelSteps = 40; // rational steps converge in a handful; after this many, bisect only

    /// <summary>Root <paramref name="i"/> of k = δ.Length: returns λ and writes diff[j] = δ_j − λ for every pole.</summary>
    // Fully optimized from the first call: a PCA fit runs this once, so tier-0 code would be most of its time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Solve(ReadOnlySpan<double> delta, ReadOnlySpan<double> z, double rho, int i, Span<double> diff)
    {
        int k = delta.Length;
        if (k == 1)
        {
            diff[0] = -rho * z[0] * z[0];
            return delta[0] - diff[0];
        }
        double zz = 0;
        for (int j = 0; j < k; j++) zz += z[j] * z[j];
        bool last = i == k - 1;
        int origin, left = last ? k - 2 : i, right = last ? k - 1 : i + 1; // the two poles the model keeps
        double lo, hi, x;
        if (last)
        {
            origin = k - 1;
            lo = 0;
            hi = x = rho * zz;
        }
        else
        {
            double gap = delta[i + 1] - delta[i];
            Evaluate(delta, z, rho, i, left, gap / 2, out double gMid, out _, out _, out _, out _);
            // f increases between the poles: f(middle) ≥ 0 puts the root in the left half, next to δ_i.
            if (gMid >= 0) { origin = i; lo = 0; hi = x = gap / 2; }
            else { origin = i + 1; lo = x = -gap / 2; hi = 0; }
        }
        double dl = delta[left] - delta[origin], dr = delta[right] - delta[origin];
        for (int step = 0; step < 4 * 1100; step++)
        {
            Evaluate(delta, z, rho, origin, left, x, out double g, out double psi, out double phi, out double dpsi, out double dphi);
            if (g == 0) break;
            if (g < 0) lo = x; else hi = x;
            // f is known to within its rounding error (each term to ε, τ itself to ε|τ|): stop there.
            if (Math.Abs(g) <= Eps * (8 * (1 / rho + phi - psi) + Math.Abs(x) * (dpsi + dphi))) break;
            if (hi - lo <= 2 * Eps * Math.Max(Math.Abs(lo), Math.Abs(hi))) break;
            double next = double.NaN;
            if (step < ModelSteps)
            {
                double d1 = dl - x, d2 = dr - x;
                double c = g - d1 * dpsi - d2 * dphi;
                double a = (d1 + d2) * g - d1 * d2 * (dpsi + dphi);
                double b = d1 * d2 * g;
                double disc = Math.Sqrt(Math.Abs(a * a - 4 * b * c));
                double eta = c == 0 ? b / a
                    : last ? (a >= 0 ? (a + disc) / (2 * c) : 2 * b / (a - disc))
                    : (a <= 0 ? (a - disc) / (2 * c) : 2 * b / (a + disc));
                if (!(g * eta < 0)) eta = -g / (dpsi + dphi); // the model pointed the wrong way: Newton
                next = x + eta;
                if (next == x) break; // the step is below the resolution of τ
            }
            x = next > lo && next < hi ? next : lo + (hi - lo) / 2;
        }
        System.Numerics.Tensors.TensorPrimitives.Subtract(delta, delta[origin], diff);
        System.Numerics.Tensors.TensorPrimitives.Subtract(diff, x, diff);
        return delta[origin] + x;
    }

    /// <summary>g = f(δ_o + τ) split into ψ (poles up to <paramref name="left"/>, all left of the root) and φ (the
    /// rest), with their derivatives.</summary>
    private static void Evaluate(ReadOnlySpan<double> delta, ReadOnlySpan<double> z, double rho, int origin, int left, double tau,
        out double g, out double psi, out double phi, out double dpsi, out double dphi)
    {
        double o = delta[origin];
        Terms(delta, z, 0, left + 1, o, tau, out psi, out dpsi);
        Terms(delta, z, left + 1, delta.Length, o, tau, out phi, out dphi);
        g = 1 / rho + psi + phi;
    }

    /// <summary>Σ z_j²/((δ_j − o) − τ) and Σ z_j²/((δ_j − o) − τ)² over [from, to): a division per term, so SIMD.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Terms(ReadOnlySpan<double> delta, ReadOnlySpan<double> z, int from, int to, double o, double tau,
        out double sum, out double dsum)
    {
        sum = dsum = 0;
        int j = from;
        if (Vector512.IsHardwareAccelerated && to - from >= 8)
        {
            Vector512<double> vs = default, vd = default, vo = Vector512.Create(o), vt = Vector512.Create(tau);
            for (; j + 8 <= to; j += 8)
            {
                var zj = Vector512.Create(z.Slice(j, 8));
                var t = zj / (Vector512.Create(delta.Slice(j, 8)) - vo - vt);
                vs = Vector512.FusedMultiplyAdd(zj, t, vs);
                vd = Vector512.FusedMultiplyAdd(t, t, vd);
            }
            sum = Vector512.Sum(vs);
            dsum = Vector512.Sum(vd);
        }
        for (; j < to; j++)
        {
            double t = z[j] / ((delta[j] - o) - tau);
            sum += z[j] * t;
            dsum += t * t;
        }
    }
}
