using System.Diagnostics;
using MlNetDl.Tensors.Kernels;
using MlNetDl.Trainers.Knn;

namespace MlNetDl.Benchmarks.Knn;

/// <summary>
/// <c>knn-profile [test images]</c>: where the brute-force search's time goes on Fashion-MNIST: the float path
/// (<see cref="BruteForceSearch"/>) against the bare single-threaded SGEMM products of the same blocks on both
/// cores (its floor), and the 8-bit integer path (<see cref="ByteBruteForceSearch"/>, packing timed apart).
/// Both paths must give the same neighbours.
/// </summary>
internal static class KnnProfile
{
    public static int Run(string[] args)
    {
        int q = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1536;
        var train = ReferenceRun.Load("train");
        var test = ReferenceRun.Load("t10k");
        int n = train.N, d = 784, qb = BruteForceSearch.QueryBlock, tb = BruteForceSearch.TrainBlock;
        var queries = test.X[..(q * d)];
        var sw = Stopwatch.StartNew();
        var norms = BruteForceSearch.SquaredNorms(train.X, n, d);
        Console.WriteLine($"norms {sw.Elapsed.TotalMilliseconds:F1} ms");
        sw.Restart();
        var bytes = ByteBruteForceSearch.TryCreate(train.X, n, d) ?? throw new InvalidOperationException("no AVX-VNNI or not 8-bit data");
        Console.WriteLine($"integer path: detect + pack {sw.Elapsed.TotalSeconds:F3} s");
        var floatIndices = new int[q * 3];
        var byteIndices = new int[q * 3];
        for (int rep = 0; rep < 3; rep++)
        {
            sw.Restart();
            bytes.Search(train.X, queries, q, 3, byteIndices, new double[q * 3]);
            double integer = sw.Elapsed.TotalSeconds;
            sw.Restart();
            BruteForceSearch.Search(train.X, norms, n, d, queries, q, 3, floatIndices, new double[q * 3]);
            double floatPath = sw.Elapsed.TotalSeconds;
            sw.Restart();
            int blocks = q / qb;
            Parallel.For(0, 2, w =>
            {
                var c = new float[qb * tb];
                for (int b = w; b < blocks; b += 2)
                    for (int j0 = 0; j0 + tb <= n; j0 += tb)
                        Sgemm.MultiplyOnThisThread(false, true, qb, tb, d, -2f, queries.AsSpan(b * qb * d, qb * d), d, train.X.AsSpan(j0 * d, tb * d), d, 0f, c, tb);
            });
            double gemm = sw.Elapsed.TotalSeconds * q / (blocks * qb) * n / (n / tb * tb); // scaled to the whole problem
            double flops = 2.0 * q * n * d;
            Console.WriteLine($"{q} queries: integer path {integer:F3} s ({flops / integer / 1e9:F0} GFLOP/s-equivalent), float path {floatPath:F3} s ({flops / floatPath / 1e9:F0}), " +
                $"SGEMM floor {gemm:F3} s ({flops / gemm / 1e9:F0}); same neighbours {byteIndices.SequenceEqual(floatIndices)}; load {ReferenceRun.Load1()}");
        }
        return 0;
    }
}
