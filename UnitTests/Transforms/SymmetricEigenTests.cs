using MathNet.Numerics.LinearAlgebra;
using MlNetDl.Transforms.Pca;

namespace MlNetDl.UnitTests.Transforms;

public class SymmetricEigenTests
{
    public enum Spectrum { Random, Repeated, RankDeficientCovariance, Diagonal, Graded, TinyCluster, Wilkinson, AllEqual, Zero, BlockDiagonal }

    public static TheoryData<int, Spectrum> Cases()
    {
        var data = new TheoryData<int, Spectrum>();
        foreach (int n in new[] { 1, 2, 3, 5, 17, 64, 129, 300 })
        {
            foreach (var s in Enum.GetValues<Spectrum>())
            {
                data.Add(n, s);
            }
        }
        // The PCA size, for the two spectra that stress divide and conquer most (deflation, grading).
        data.Add(784, Spectrum.TinyCluster);
        data.Add(784, Spectrum.Graded);
        return data;
    }

    /// <summary>A symmetric matrix and, where known by construction, its eigenvalues.</summary>
    private static (double[] A, double[]? Known) Make(int n, Spectrum spectrum)
    {
        var rng = new Random(n * 7 + (int)spectrum);
        var a = new double[n * n];
        switch (spectrum)
        {
            case Spectrum.Random:
                for (int i = 0; i < n; i++)
                    for (int j = 0; j <= i; j++)
                        a[i * n + j] = a[j * n + i] = rng.NextDouble() * 2 - 1;
                return (a, null);
            case Spectrum.Diagonal:
                var diag = Enumerable.Range(0, n).Select(i => (double)(i % 3)).ToArray(); // repeated, already tridiagonal
                for (int i = 0; i < n; i++) a[i * n + i] = diag[i];
                return (a, diag);
            case Spectrum.Repeated:
                // λ ∈ {3, 3, 3, 1, 1, 0, …}: eigenspaces of dimension 3, 2 and n − 5.
                return Rotated(rng, n, Enumerable.Range(0, n).Select(i => i < 3 ? 3.0 : i < 5 ? 1.0 : 0.0).ToArray());
            case Spectrum.Graded:
                // 10^0 … 10^−16 spread geometrically: most roots sit within ε‖A‖ of each other or of a pole.
                return Rotated(rng, n, Enumerable.Range(0, n).Select(i => Math.Pow(10, -16.0 * i / Math.Max(1, n - 1))).ToArray());
            case Spectrum.TinyCluster:
                // PCA-like: a few large values, the rest log-uniform in [1e−12, 1e−6].
                return Rotated(rng, n, Enumerable.Range(0, n).Select(i => i < 5 ? 5.0 - i : Math.Pow(10, -12 + 6 * rng.NextDouble())).ToArray());
            case Spectrum.Wilkinson:
                // W⁺ (dᵢ = |i − (n−1)/2|, off-diagonals 1): already tridiagonal, eigenvalues in pairs closer than ε for n ≳ 40.
                for (int i = 0; i < n; i++)
                {
                    a[i * n + i] = Math.Abs(i - (n - 1) / 2.0);
                    if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = 1;
                }
                return (a, null);
            case Spectrum.AllEqual:
                for (int i = 0; i < n; i++) a[i * n + i] = 2.5;
                return (a, Enumerable.Repeat(2.5, n).ToArray());
            case Spectrum.Zero:
                return (a, new double[n]);
            case Spectrum.BlockDiagonal:
                // Two uncoupled random blocks (the second scaled by 3): T splits exactly where they meet, so divide
                // and conquer solves the blocks apart and sorts their eigenpairs together.
                int half = n / 2;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j <= i; j++)
                        if ((i < half) == (j < half))
                            a[i * n + j] = a[j * n + i] = (rng.NextDouble() * 2 - 1) * (i < half ? 1 : 3);
                return (a, null);
            default:
                // XᵀX/(r − 1) of r = n/2 + 1 centred rows: rank ≤ n/2, so about half the eigenvalues are 0.
                int rows = n / 2 + 1;
                var x = Matrix<double>.Build.Dense(rows, n, (_, _) => rng.Next(4));
                var mean = x.ColumnSums() / rows;
                for (int r = 0; r < rows; r++) x.SetRow(r, x.Row(r) - mean);
                var cov = x.TransposeThisAndMultiply(x) / Math.Max(1, rows - 1);
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                        a[i * n + j] = (cov[i, j] + cov[j, i]) / 2;
                return (a, null);
        }
    }

    /// <summary>Q·diag(λ)·Qᵀ for a random orthogonal Q (symmetrized), with λ as the known eigenvalues.</summary>
    private static (double[] A, double[]? Known) Rotated(Random rng, int n, double[] lambda)
    {
        var q = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5).QR().Q;
        var m = q * Matrix<double>.Build.DenseOfDiagonalArray(lambda) * q.Transpose();
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i * n + j] = (m[i, j] + m[j, i]) / 2;
        return (a, lambda);
    }

    /// <summary>LAPACK-grade accuracy with c = 4: |λᵢ − reference| and ‖A·vᵢ − λᵢ·vᵢ‖ at most c·n·ε·‖A‖_F, and
    /// max|VVᵀ − I| at most c·n·ε, also inside repeated eigenspaces. The reference is the constructed spectrum where
    /// known (itself off by rounding of order n·ε·‖A‖ when A = QΛQᵀ is formed), MathNet's EVD otherwise.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void DecomposesToWorkingAccuracy(int n, Spectrum spectrum)
    {
        const double C = 4, Eps = 2.220446049250313e-16;
        var (a, known) = Make(n, spectrum);
        var am = Matrix<double>.Build.DenseOfRowMajor(n, n, a);
        double norm = Math.Max(double.Epsilon, am.FrobeniusNorm());
        double tol = C * n * Eps * norm;
        var reference = (known ?? am.Evd(Symmetricity.Symmetric).EigenValues.Select(v => v.Real).ToArray()).OrderDescending().ToArray();
        // All of them (divide and conquer), a third (D&C, partial back-transform), a few (count ≤ n/8: inverse iteration).
        foreach (int count in new[] { n, Math.Max(1, n / 3), Math.Max(1, n / 8) }.Distinct())
        {
            var (values, vectors) = SymmetricEigen.Largest(a, n, count);
            Assert.Equal(count, values.Length);
            for (int i = 0; i < count; i++)
            {
                Assert.True(i == 0 || values[i] <= values[i - 1], $"eigenvalue {i} out of order");
                Assert.True(Math.Abs(values[i] - reference[i]) <= tol, $"λ{i} = {values[i]} vs reference {reference[i]} (n = {n}, {spectrum}, count = {count})");
            }
            var v = Matrix<double>.Build.DenseOfRowMajor(count, n, vectors); // rows are eigenvectors
            var residual = am * v.Transpose() - v.Transpose() * Matrix<double>.Build.DenseOfDiagonalArray(values);
            double worst = residual.ColumnNorms(2).Maximum();
            Assert.True(worst <= tol, $"max ‖Avᵢ − λᵢvᵢ‖ = {worst:E2} > {tol:E2} (n = {n}, {spectrum}, count = {count})");
            var gram = v * v.Transpose() - Matrix<double>.Build.DenseIdentity(count);
            double off = gram.Enumerate().Max(Math.Abs);
            Assert.True(off <= C * n * Eps, $"max|VVᵀ − I| = {off:E2} (n = {n}, {spectrum}, count = {count})");
        }
    }

    [Theory]
    [InlineData(40, 1)]
    [InlineData(200, 20)]
    public void FewVectorsEqualTheFullDecompositionUpToSign(int n, int count)
    {
        var (a, _) = Make(n, Spectrum.Random); // distinct eigenvalues: each vector is unique up to sign
        var (all, allVectors) = SymmetricEigen.Largest(a, n, n);
        var (top, topVectors) = SymmetricEigen.Largest(a, n, count);
        for (int c = 0; c < count; c++)
        {
            Assert.Equal(all[c], top[c], 1e-12 * n);
            double sign = Math.Sign(System.Numerics.Tensors.TensorPrimitives.Dot(allVectors.AsSpan(c * n, n), topVectors.AsSpan(c * n, n)));
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(allVectors[c * n + j], sign * topVectors[c * n + j], 1e-8);
            }
        }
    }

    [Theory]
    [InlineData(Spectrum.Random)]
    [InlineData(Spectrum.Repeated)]
    [InlineData(Spectrum.RankDeficientCovariance)]
    public void InverseIterationPassesItsOwnCheckWithoutFallingBack(Spectrum spectrum)
    {
        int n = 300;
        var (a, _) = Make(n, spectrum);
        var (d, e) = (new double[n], new double[n]);
        SymmetricEigen.Tridiagonalize(a, n, d, e, new double[n * n], new double[n]);
        Assert.True(SymmetricEigen.TopByInverseIteration(d, e, n, 20, out var values, out var vectors));
        Assert.Equal(20, values.Length);
        Assert.Equal(20 * n, vectors.Length);
    }

    [Fact]
    public void BadInputIsRejectedWithItsShape()
    {
        Assert.Contains("3 values are not an 2×2 matrix", Assert.Throws<ArgumentException>(() => SymmetricEigen.Largest(new double[3], 2, 1)).Message);
        Assert.Contains("count must be in [0, 2]; got 3", Assert.Throws<ArgumentException>(() => SymmetricEigen.Largest(new double[4], 2, 3)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => SymmetricEigen.Largest([1, double.NaN, double.NaN, 1], 2, 2)).Message);
    }
}
