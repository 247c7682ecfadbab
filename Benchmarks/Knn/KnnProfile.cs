using System.Diagnostics;
using MlNetDl.Tensors.Kernels;
using MlNetDl.Trainers;
using MlNetDl.Trainers.Knn;

namespace MlNetDl.Benchmarks.Knn;

internal static class KnnProfile
{
    public static int Run(string[] args)
    {
        int q = int.Parse(args[0]);
        var train = ReferenceRun.Load("train");
        var test = ReferenceRun.Load("t10k");
        int n = train.N, d = 784;
        var sw = Stopwatch.StartNew();
        var norms = BruteForceSearch.SquaredNorms(train.X, n, d);
        Console.WriteLine($"norms {sw.Elapsed.TotalMilliseconds:F1} ms");
        var queries = test.X[..(q * d)];
        var idx = new int[q * 3]; var dist = new double[q * 3];
        var view = new MlNetDl.Pipelines.DataViewBuilder().AddVector("Features", train.X, 784).AddKey("Label", train.Y, 10).Build();
        var model = new MlNetDl.Pipelines.MLContext(1).MulticlassClassification.Trainers.Knn(3).Fit(view);
        for (int rep = 0; rep < 2; rep++)
        {
            sw.Restart();
            model.FindNeighbors(queries, q);
            Console.WriteLine($"model search {q}: {sw.Elapsed.TotalSeconds:F3} s");
        }
        sw.Restart();
        var bytes = ByteBruteForceSearch.TryCreate(train.X, n, d)!;
        Console.WriteLine($"byte pack {sw.Elapsed.TotalSeconds:F3} s");
        for (int rep = 0; rep < 2; rep++)
        {
            sw.Restart();
            var bi = new int[q * 3]; var bd = new double[q * 3];
            bytes.Search(train.X, queries, q, 3, bi, bd);
            Console.WriteLine($"byte search {q}: {sw.Elapsed.TotalSeconds:F3} s");
            BruteForceSearch.Search(train.X, norms, n, d, queries, q, 3, idx, dist);
            Console.WriteLine($"same as float: {bi.SequenceEqual(idx)}");
        }
        for (int rep = 0; rep < 3; rep++)
        {
            sw.Restart();
            BruteForceSearch.Search(train.X, norms, n, d, queries, q, 3, idx, dist);
            double s = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"search {q}: {s:F3} s = {2.0 * q * n * d / s / 1e9:F1} GFLOP/s-equivalent; load {ReferenceRun.Load1()}");
            var c = new float[384 * 2048];
            sw.Restart();
            Parallel.For(0, 2, w =>
            {
                var cc = new float[384 * 2048];
                for (int b = w; b < q / 384; b += 2)
                    for (int j0 = 0; j0 + 2048 <= n; j0 += 2048)
                        Sgemm.MultiplyOnThisThread(false, true, 384, 2048, d, -2f, queries.AsSpan(b * 384 * d, 384 * d), d, train.X.AsSpan(j0 * d, 2048 * d), d, 0f, cc, 2048);
            });
            s = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"gemm only (whole blocks): {s:F3} s = {2.0 * (q / 384 * 384) * (n / 2048 * 2048) * d / s / 1e9:F1} GFLOP/s");
        }
        return 0;
    }
}
