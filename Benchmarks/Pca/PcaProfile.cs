using System.Diagnostics;
using MlNetDl.Benchmarks.Knn;
using MlNetDl.Transforms.Pca;

namespace MlNetDl.Benchmarks.Pca;

/// <summary><c>pca-profile</c>: our PCA fit split into its parts (covariance, eigensolver and its parts), best of 3.</summary>
internal static class PcaProfile
{
    public static int Run(string[] args)
    {
        var train = ReferenceRun.Load("train");
        int n = train.N, d = 784;
        var cov = new double[d * d];
        var rng = new Random(1);
        var x = new double[d * 50];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble();
        for (int rep = 0; rep < 3; rep++)
        {
            var sw = Stopwatch.StartNew();
            PcaFit.Fit(train.X, n, d, 20, true);
            double fit20 = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var c = PcaFit.Covariance(train.X, n, d, true, out _);
            double covT = sw.Elapsed.TotalSeconds;
            sw.Restart();
            SymmetricEigen.Largest(c, d, 20);
            double e20 = sw.Elapsed.TotalSeconds;
            sw.Restart();
            SymmetricEigen.Largest(c, d, d);
            double eFull = sw.Elapsed.TotalSeconds;
            sw.Restart();
            SymmetricEigen.Largest(c, d, 100);
            double e100 = sw.Elapsed.TotalSeconds;
            // The full decomposition's parts: A = Q·T·Qᵀ, T = Z·Λ·Zᵀ (divide and conquer), Q·Z.
            var work = (double[])c.Clone();
            var (dd, ee, v, beta) = (new double[d], new double[d], new double[d * d], new double[d]);
            sw.Restart();
            SymmetricEigen.Tridiagonalize(work, d, dd, ee, v, beta);
            double tri = sw.Elapsed.TotalSeconds;
            var tri20 = (D: (double[])dd.Clone(), E: (double[])ee.Clone());
            sw.Restart();
            TridiagonalDivideConquer.Solve(dd, ee, work, d, d);
            double solve = sw.Elapsed.TotalSeconds;
            sw.Restart();
            BlockedReflectors.Apply(v, beta, d, work, 0, d, d);
            double back = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"tridiagonalize {tri:F3} s, tridiagonal D&C {solve:F3} s, back-transform {back:F3} s");
            // The few-vector path's choice: T's top 20 by QL values + inverse iteration, or by D&C forming only those.
            var (d2, e2) = ((double[])tri20.D.Clone(), (double[])tri20.E.Clone());
            sw.Restart();
            SymmetricEigen.TopByInverseIteration(d2, e2, d, 20, out _, out _);
            double inverse = sw.Elapsed.TotalSeconds;
            sw.Restart();
            TridiagonalDivideConquer.Solve(d2, e2, work, d, 20);
            double dc20 = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"T's top 20: QL values + inverse iteration {inverse:F3} s, D&C {dc20:F3} s");
            // The floor for the back-transform (2n³ flops in products): one n×n×n DGEMM of the same flops.
            sw.Restart();
            MlNetDl.Tensors.Kernels.Dgemm.Multiply(false, false, d, d, d, 1, c, d, v, d, 0, work, d);
            double gemm = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"DGEMM {d}³ {gemm:F3} s ({2.0 * d * d * d / gemm / 1e9:F0} GFLOP/s)");
            Console.WriteLine($"fit20 {fit20:F3} s: covariance {covT:F3} s, eigen top-20 {e20:F3} s, eigen top-100 {e100:F3} s, eigen full {eFull:F3} s; load {ReferenceRun.Load1()}");
        }
        return 0;
    }
}
