namespace MlNetDl.Transforms.Pca;

/// <summary>
/// Eigenvectors of a symmetric tridiagonal T for a few known eigenvalues by inverse iteration (as LAPACK's
/// dstein): T − λI is factored once by Gaussian elimination with partial pivoting (tiny pivots replaced by
/// ε·‖T‖), three solves from a fixed pseudo-random start, each followed by Gram–Schmidt against the vectors
/// already found for eigenvalues within 10⁻³·‖T‖ (so repeated eigenvalues get an orthonormal basis of their
/// space). O(n) per vector instead of the O(n²) per vector of accumulating every QL rotation. Every vector's
/// residual is checked (‖Tz − λz‖ ≤ 10⁻¹⁰·‖T‖): on failure the caller falls back to QL with vectors.
/// </summary>
internal static class TridiagonalInverseIteration
{
    private const int Iterations = 3;

    /// <summary>Rows of <paramref name="z"/> ([values.Length × n]) become the unit eigenvectors of T (diagonal d,
    /// off-diagonal e[i] between i and i+1) for <paramref name="values"/>; false when a check fails.</summary>
    public static bool TryVectors(double[] d, double[] e, int n, double[] values, double[] z)
    {
        double norm = 0;
        for (int i = 0; i < n; i++)
        {
            norm = Math.Max(norm, Math.Abs(d[i]) + (i < n - 1 ? Math.Abs(e[i]) : 0) + (i > 0 ? Math.Abs(e[i - 1]) : 0));
        }
        if (norm == 0)
        {
            return false; // T = 0: any basis is right; QL gives the identity
        }
        double tiny = norm * Math.Pow(2, -52);
        var u0 = new double[n]; var u1 = new double[n]; var u2 = new double[n];
        var mult = new double[n]; var swap = new bool[n];
        var x = new double[n];
        var rng = new Random(12345);
        for (int c = 0; c < values.Length; c++)
        {
            double lambda = values[c];
            Factor(d, e, n, lambda, tiny, u0, u1, u2, mult, swap);
            for (int i = 0; i < n; i++) x[i] = rng.NextDouble() - 0.5;
            var zc = z.AsSpan(c * n, n);
            for (int it = 0; it < Iterations; it++)
            {
                Solve(n, u0, u1, u2, mult, swap, x);
                for (int p = 0; p < c; p++)
                {
                    if (Math.Abs(values[p] - lambda) <= 1e-3 * norm)
                    {
                        var zp = z.AsSpan(p * n, n);
                        double dot = System.Numerics.Tensors.TensorPrimitives.Dot(zp, x);
                        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(zp, -dot, x, x);
                    }
                }
                double length = System.Numerics.Tensors.TensorPrimitives.Norm(x);
                if (!(length > 0) || !double.IsFinite(length)) return false;
                System.Numerics.Tensors.TensorPrimitives.Divide(x, length, x);
            }
            x.CopyTo(zc);
            if (Residual(d, e, n, lambda, zc) > 1e-10 * norm) return false;
        }
        return true;
    }

    /// <summary>LU of T − λI with row swaps between neighbours: U has two super-diagonals (u1, u2).</summary>
    private static void Factor(double[] d, double[] e, int n, double lambda, double tiny,
        double[] u0, double[] u1, double[] u2, double[] mult, bool[] swap)
    {
        double p = d[0] - lambda, q = n > 1 ? e[0] : 0, r = 0; // current row at columns i, i+1, i+2
        for (int i = 0; i < n - 1; i++)
        {
            double sub = e[i], nd = d[i + 1] - lambda, nq = i + 1 < n - 1 ? e[i + 1] : 0;
            if (Math.Abs(p) >= Math.Abs(sub))
            {
                if (Math.Abs(p) < tiny) p = p < 0 ? -tiny : tiny;
                double m = sub / p;
                u0[i] = p; u1[i] = q; u2[i] = r; mult[i] = m; swap[i] = false;
                (p, q, r) = (nd - m * q, nq - m * r, 0);
            }
            else
            {
                double m = p / sub;
                u0[i] = sub; u1[i] = nd; u2[i] = nq; mult[i] = m; swap[i] = true;
                (p, q, r) = (q - m * nd, r - m * nq, 0);
            }
        }
        u0[n - 1] = Math.Abs(p) < tiny ? (p < 0 ? -tiny : tiny) : p;
    }

    /// <summary>x ← (T − λI)⁻¹x from the factors.</summary>
    private static void Solve(int n, double[] u0, double[] u1, double[] u2, double[] mult, bool[] swap, double[] x)
    {
        double current = x[0];
        for (int i = 0; i < n - 1; i++)
        {
            double next = x[i + 1];
            if (swap[i])
            {
                x[i] = next;
                current -= mult[i] * next;
            }
            else
            {
                x[i] = current;
                current = next - mult[i] * current;
            }
        }
        x[n - 1] = current;
        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            if (i + 1 < n) s -= u1[i] * x[i + 1];
            if (i + 2 < n) s -= u2[i] * x[i + 2];
            x[i] = s / u0[i];
        }
    }

    private static double Residual(double[] d, double[] e, int n, double lambda, ReadOnlySpan<double> z)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = (d[i] - lambda) * z[i];
            if (i > 0) t += e[i - 1] * z[i - 1];
            if (i < n - 1) t += e[i] * z[i + 1];
            sum += t * t;
        }
        return Math.Sqrt(sum);
    }
}
