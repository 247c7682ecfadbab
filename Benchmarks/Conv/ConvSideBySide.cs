using System.Diagnostics;
using System.Globalization;
using MlNetDl.Benchmarks.Mlp;
using MlNetDl.Tensors.Kernels.Conv;

namespace MlNetDl.Benchmarks.Conv;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- conv-sidebyside [case]</c>: times each <see cref="ConvCase"/>
/// forward and forward + backward here, then in PyTorch (<c>sidebyside/conv.py</c>, 1 and 2 threads) in the same
/// run, ours also with one thread (<c>OneThreadRun</c>), and prints PyTorch's faster time over our faster time (above
/// 1: MlNetDl faster).
/// </summary>
internal static class ConvSideBySide
{
    public static int Run(string[] args)
    {
        var cases = ConvCase.All.Select(c => c.Name).Where(n => args.Length == 0 || args.Contains(n)).ToArray();
        var ours = new Dictionary<string, (double Fwd, double Step, long Bytes)>();
        foreach (var name in cases)
        {
            var c = new ConvCase(name);
            double fwd = Median(c.Forward, out _), step = Median(c.ForwardBackward, out long bytes);
            ours[name] = (fwd, step, bytes);
            if (OneThreadRun.IsChild)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}_fwd={fwd}\n{name}_step={step}"));
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: forward {fwd:F3} ms ({c.Flops / fwd / 1e6:F1} GFLOP/s), fwd+bwd {step:F3} ms, {bytes:N0} B allocated per fwd+bwd"));
            if (c.Channels <= DirectConv.MaxChannels)
            {
                // The same case through im2col + SGEMM, to show the direct kernel's gain (or loss).
                int saved = DirectConv.MaxChannels;
                DirectConv.MaxChannels = 0;
                double f2 = Median(c.Forward, out _), s2 = Median(c.ForwardBackward, out _);
                DirectConv.MaxChannels = saved;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: im2col+SGEMM instead of direct: forward {f2:F3} ms, fwd+bwd {s2:F3} ms"));
            }
        }

        if (OneThreadRun.IsChild) return 0;
        var one = OneThreadRun.Run(["conv-sidebyside", .. cases]);
        foreach (var name in cases)
        {
            // The Winograd cases again through im2col + SGEMM (the path they would otherwise take).
            var c = new ConvCase(name);
            if (!c.UsesWinograd) continue;
            Winograd.Enabled = false;
            double f2 = Median(c.Forward, out _), s2 = Median(c.ForwardBackward, out _);
            Winograd.Enabled = true;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: im2col+SGEMM instead of Winograd: forward {f2:F3} ms, fwd+bwd {s2:F3} ms"));
        }

        var torch = MlpSideBySide.RunPython("conv.py", [.. cases]);
        Console.WriteLine(torch["torch_version"]);
        Console.WriteLine("| case | pass | MlNetDl 1 thread ms | MlNetDl 2 threads ms | PyTorch 1 thread ms | PyTorch 2 threads ms | best / best |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var name in cases)
        {
            foreach (var (pass, mine) in new[] { ("fwd", ours[name].Fwd), ("fwd+bwd", ours[name].Step) })
            {
                string key = pass == "fwd" ? "fwd" : "step";
                double t1 = Parse(torch[$"{name}_{key}_1"]), t2 = Parse(torch[$"{name}_{key}_2"]), mine1 = one[$"{name}_{key}"];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {pass} | {mine1:F3} | {mine:F3} | {t1:F3} | {t2:F3} | {Math.Min(t1, t2) / Math.Min(mine, mine1):F2}x |"));
            }
        }

        return 0;
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Median ms of 7 timed batches after at least <paramref name="warmMs"/> ms of warm-up, each batch about
    /// <paramref name="batchMs"/> ms; the bytes this thread allocated per call in the last batch. Shared by the
    /// convolution and CNN-step side-by-side modes (<c>sidebyside/timing.py</c> is the PyTorch twin).</summary>
    internal static double Median(Action run, out long bytesPerCall, int warmMs = 300, int batchMs = 300)
    {
        var sw = Stopwatch.StartNew();
        int warm = 0;
        while (warm < 3 || sw.ElapsedMilliseconds < warmMs)
        {
            run();
            warm++;
        }

        int reps = Math.Max(3, (int)(warm * (double)batchMs / Math.Max(1, sw.ElapsedMilliseconds)));
        var times = new List<double>();
        bytesPerCall = 0;
        for (int r = 0; r < 7; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            sw.Restart();
            for (int i = 0; i < reps; i++) run();
            times.Add(sw.Elapsed.TotalMilliseconds / reps);
            bytesPerCall = (GC.GetAllocatedBytesForCurrentThread() - before) / reps;
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
