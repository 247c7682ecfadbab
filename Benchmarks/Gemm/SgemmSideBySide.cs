using System.Diagnostics;
using System.Text.Json;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Benchmarks.Gemm;

/// <summary>
/// `dotnet run -c Release --project Benchmarks -- sgemm-sidebyside [n ...]`: times our Sgemm on square float
/// products (2 warm-ups, then best and median of up to 1 s of runs, GFLOP/s = 2n³/best), then runs
/// sidebyside/sgemm.py (NumPy np.dot, torch.mm with 2 threads) the same way and prints a ratio table.
/// OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the Python child's environment only, so OpenBLAS
/// picks its own Zen kernel as it would on a user's machine.
/// </summary>
internal static class SgemmSideBySide
{
    public static int Run(string[] args)
    {
        int[] sizes = args.Length > 0 ? Array.ConvertAll(args, int.Parse) : new[] { 256, 512, 1024, 2048 };
        Console.WriteLine($"Sgemm side by side: {Environment.ProcessorCount} threads, .NET {Environment.Version}, kernel {GemmDriver.DefaultKind}");
        var ours = new Dictionary<int, (double Best, double Median)>();
        foreach (int n in sizes)
        {
            ours[n] = TimeOurs(n);
            Console.WriteLine($"  ours  n={n,5}: best {ours[n].Best * 1e3,8:F3} ms  median {ours[n].Median * 1e3,8:F3} ms  {Gflops(n, ours[n].Best),6:F1} GFLOP/s");
        }
        var (theirs, numpyBlas, torchBlas) = RunPython(sizes);
        Console.WriteLine();
        Console.WriteLine($"NumPy BLAS: {numpyBlas}");
        Console.WriteLine($"PyTorch:    {torchBlas}");
        Console.WriteLine();
        Console.WriteLine("|    n | ours GFLOP/s | NumPy GFLOP/s | torch GFLOP/s | ours/NumPy | ours/torch |");
        Console.WriteLine("|-----:|-------------:|--------------:|--------------:|-----------:|-----------:|");
        foreach (int n in sizes)
        {
            double g = Gflops(n, ours[n].Best);
            double np = theirs.GetValueOrDefault(("numpy", n)), th = theirs.GetValueOrDefault(("torch", n));
            Console.WriteLine($"| {n,4} | {g,12:F1} | {np,13:F1} | {th,13:F1} | {Ratio(g, np),10} | {Ratio(g, th),10} |");
        }
        return 0;
    }

    private static double Gflops(int n, double seconds) => 2.0 * n * n * n / seconds / 1e9;

    private static string Ratio(double ours, double theirs) => theirs > 0 ? $"{ours / theirs:P0}" : "n/a";

    /// <summary>Same protocol as the Python script: 2 warm-ups, then at least 3 and up to 1 s (max 50) of runs.</summary>
    internal static (double Best, double Median) TimeOurs(int n, int m = 0, int k = 0)
    {
        m = m == 0 ? n : m; k = k == 0 ? n : k;
        var rng = new Random(0);
        var a = new float[m * k]; var b = new float[k * n]; var c = new float[m * n];
        for (int i = 0; i < a.Length; i++) a[i] = (float)rng.NextDouble() - 0.5f;
        for (int i = 0; i < b.Length; i++) b[i] = (float)rng.NextDouble() - 0.5f;
        void Once() => Sgemm.Multiply(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
        Once(); Once();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 3 || (total.Elapsed.TotalSeconds < 1.0 && times.Count < 50))
        {
            long t0 = Stopwatch.GetTimestamp();
            Once();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        times.Sort();
        return (times[0], times[times.Count / 2]);
    }

    private static (Dictionary<(string, int), double>, string, string) RunPython(int[] sizes)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "sidebyside", "sgemm.py");
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (int n in sizes) psi.ArgumentList.Add(n.ToString());
        // Let OpenBLAS detect the CPU itself (see the class comment); only the child's environment changes.
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
        var results = new Dictionary<(string, int), double>();
        try
        {
            using var process = Process.Start(psi)!;
            string json = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) return (results, $"python exited with {process.ExitCode}", "n/a");
            using var doc = JsonDocument.Parse(json);
            foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
                results[(r.GetProperty("lib").GetString()!, r.GetProperty("n").GetInt32())] = r.GetProperty("gflops").GetDouble();
            return (results, doc.RootElement.GetProperty("numpy_blas").GetString()!, doc.RootElement.GetProperty("torch_blas").GetString()!);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or JsonException or KeyNotFoundException)
        {
            return (results, $"not run: {e.Message}", "n/a");
        }
    }
}
