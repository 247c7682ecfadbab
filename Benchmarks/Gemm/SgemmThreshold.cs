using System.Diagnostics;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Benchmarks.Gemm;

/// <summary>
/// `dotnet run -c Release --project Benchmarks -- sgemm-threshold`: times products on one thread and split over
/// all cores, to place <see cref="Sgemm.ParallelThreshold"/> (m·n·k) where the split starts to pay.
/// </summary>
internal static unsafe class SgemmThreshold
{
    private static readonly (int M, int N, int K)[] Shapes =
    {
        (32, 32, 32), (48, 48, 48), (64, 64, 64), (64, 64, 128), (96, 96, 96), (128, 128, 128), (128, 128, 256),
        (128, 784, 64), (128, 64, 784), (784, 128, 64), (256, 256, 256),
    };

    public static int Run()
    {
        var kind = GemmDriver.DefaultKind;
        int threads = Environment.ProcessorCount;
        Console.WriteLine($"threshold now {Sgemm.ParallelThreshold} (m·n·k); {threads} threads; median µs over ~0.3 s");
        Console.WriteLine("|    m |    n |    k |     m·n·k | 1 thread µs | split µs | speedup | GFLOP/s best |");
        Console.WriteLine("|-----:|-----:|-----:|----------:|------------:|---------:|--------:|-------------:|");
        foreach (var (m, n, k) in Shapes)
        {
            var a = new float[m * k]; var b = new float[k * n]; var c = new float[m * n];
            Array.Fill(a, 0.5f); Array.Fill(b, 0.25f);
            double one, split;
            fixed (float* pa = a, pb = b, pc = c)
            {
                var g = new GemmProblem(false, false, m, n, k, 1f, pa, k, pb, n, 0f, pc, n);
                one = Median(() => GemmDriver.Run(g, kind));
                split = Median(() => GemmParallel.RunProduct(g, kind, threads));
            }
            double best = Math.Min(one, split);
            Console.WriteLine($"| {m,4} | {n,4} | {k,4} | {(long)m * n * k,9} | {one * 1e6,11:F1} | {split * 1e6,8:F1} | {one / split,7:F2} | {2.0 * m * n * k / best / 1e9,12:F1} |");
        }
        return 0;
    }

    private static double Median(Action once)
    {
        for (int i = 0; i < 20; i++) once();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 11 || (total.Elapsed.TotalSeconds < 0.3 && times.Count < 5000))
        {
            long t0 = Stopwatch.GetTimestamp();
            once();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
