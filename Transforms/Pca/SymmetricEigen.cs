using System.Numerics.Tensors;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// Eigen-decomposition of a real symmetric matrix in double, as LAPACK's dsyevd does it: A = Q·T·Qᵀ by
/// Householder reflections (<see cref="HouseholderTridiagonal"/>; T tridiagonal, Q = H₀·H₁·…·H_{n−3}), then
/// T = Z·Λ·Zᵀ by divide and conquer (<see cref="TridiagonalDivideConquer"/>), and the wanted eigenvectors of A
/// are Q·Z, applied in blocks (<see cref="BlockedReflectors"/>). Eigenvalues are accurate to ~ε·‖A‖ and vectors
/// orthonormal to ~ε·n. Cost: (4/3)n³ for T, at most (4/3)n³ of matrix products for Z (less as eigenvalues
/// deflate; for count &lt; n the last merge forms only the wanted vectors), 2n²·count for Q·Z. It replaced QL
/// with all rotations applied (~3n³ of level-1 work; 0.38 s against 0.1 s for n = 784), which remains the
/// solver of divide and conquer's small leaves.
/// For a few vectors (count ≤ n/8, e.g. PCA rank 20 of 784) QL gives the eigenvalues alone and
/// <see cref="TridiagonalInverseIteration"/> the vectors of T, checked, with divide and conquer as the fallback.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>The <paramref name="count"/> largest eigenvalues of the symmetric [n × n] row-major
    /// <paramref name="a"/> (only read), in decreasing order, and their unit eigenvectors as rows of a
    /// [count × n] array. Exactly repeated eigenvalues come out in an arbitrary order and basis of their space.</summary>
    /// <exception cref="ArgumentException">a is not n·n long, count is outside [0, n], or a holds a non-finite value.</exception>
    public static (double[] Values, double[] Vectors) Largest(ReadOnlySpan<double> a, int n, int count)
    {
        if (n < 0 || a.Length != (long)n * n)
        {
            throw new ArgumentException($"SymmetricEigen: {a.Length} values are not an {n}×{n} matrix.", nameof(a));
        }
        if (count < 0 || count > n)
        {
            throw new ArgumentException($"SymmetricEigen: count must be in [0, {n}]; got {count}.", nameof(count));
        }
        if (!TensorPrimitives.IsFiniteAll(a))
        {
            throw new ArgumentException("SymmetricEigen: the matrix holds NaN or infinite values.", nameof(a));
        }
        var work = a.ToArray();
        var d = new double[n];
        var e = new double[n];
        var reflectors = new double[(long)n * n];
        var beta = new double[n];
        Tridiagonalize(work, n, d, e, reflectors, beta);

        // The wanted eigenvectors of T go to columns of work (n×n, vectors as columns), then Q·Z in place.
        bool fewByInverseIteration = TopByInverseIteration(d, e, n, count, out var values, out var rows);
        int first = n - count; // D&C leaves the eigenvalues ascending: the largest count are the last columns
        if (fewByInverseIteration)
        {
            first = 0;
            for (int c = 0; c < count; c++)
                for (int r = 0; r < n; r++) work[r * n + c] = rows[c * n + r];
        }
        else
        {
            TridiagonalDivideConquer.Solve(d, e, work, n, count);
            values = new double[count];
            for (int c = 0; c < count; c++) values[c] = d[n - 1 - c];
        }
        BlockedReflectors.Apply(reflectors, beta, n, work, first, n, count);
        var vectors = GC.AllocateUninitializedArray<double>(count * n);
        // Vector c is column c (inverse iteration) or n−1−c (D&C, ascending) of work: a transpose in tiles, so
        // that both sides stay in cache (a plain column walk took 5 ms at n = 784).
        const int Tile = 32;
        for (int c0 = 0; c0 < count; c0 += Tile)
            for (int r0 = 0; r0 < n; r0 += Tile)
                for (int c = c0; c < Math.Min(count, c0 + Tile); c++)
                {
                    int column = fewByInverseIteration ? c : n - 1 - c;
                    for (int r = r0; r < Math.Min(n, r0 + Tile); r++) vectors[c * n + r] = work[r * n + column];
                }
        return (values, vectors);
    }

    /// <summary>For a few vectors (count ≤ n/8): eigenvalues by QL without vectors, eigenvectors of T by inverse
    /// iteration; false (nothing usable) when a vector fails its check.</summary>
    internal static bool TopByInverseIteration(double[] d, double[] e, int n, int count, out double[] values, out double[] vectors)
    {
        values = vectors = [];
        if (count == 0 || count > n / 8)
        {
            return false;
        }
        var dv = (double[])d.Clone();
        TridiagonalQl.Solve(dv, (double[])e.Clone(), null, n);
        values = dv.OrderDescending().Take(count).ToArray();
        vectors = new double[(long)count * n];
        return TridiagonalInverseIteration.TryVectors(d, e, n, values, vectors);
    }

    /// <summary>Reduces the symmetric <paramref name="a"/> (overwritten) to tridiagonal form: see
    /// <see cref="HouseholderTridiagonal.Reduce"/>.</summary>
    internal static void Tridiagonalize(double[] a, int n, double[] d, double[] e, double[] v, double[] beta) =>
        HouseholderTridiagonal.Reduce(a, n, d, e, v, beta);
}
