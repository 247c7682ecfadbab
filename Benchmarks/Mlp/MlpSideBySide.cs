using System.Diagnostics;
using System.Globalization;

namespace MlNetDl.Benchmarks.Mlp;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- mlp-sidebyside [steps]</c>: times the MLP step here and in
/// PyTorch (<c>sidebyside/mlp_step.py</c>, 2 threads) in the same run and prints the ratio, plus the bytes a
/// steady-state step allocates on this thread relative to its activations.
/// </summary>
internal static class MlpSideBySide
{
    public static int Run(string[] args)
    {
        int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var step = new MlpStep();
        for (int i = 0; i < 50; i++)
        {
            step.Run();
        }

        var times = new List<double>();
        long allocated = 0;
        for (int r = 0; r < 5; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++)
            {
                step.Run();
            }

            times.Add(sw.Elapsed.TotalMilliseconds / steps);
            allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;
        }

        times.Sort();
        double ours = times[times.Count / 2];
        var torch = RunPython("mlp_step.py", steps.ToString(CultureInfo.InvariantCulture));
        double theirs = double.Parse(torch["torch_ms_per_step"], CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| MLP step (batch 128, Adam) | MlNetDl {ours:F3} ms | PyTorch {theirs:F3} ms | PyTorch/MlNetDl {theirs / ours:F2}x |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated per step (main thread): {allocated:N0} B = {100.0 * allocated / MlpStep.ActivationBytes:F1}% of activations ({MlpStep.ActivationBytes:N0} B)"));
        Console.WriteLine($"PyTorch medians: 2 threads {torch["torch_2threads_ms"]} ms, 1 thread {torch["torch_1thread_ms"]} ms (ratio uses the faster); {torch.GetValueOrDefault("torch_version")}");
        return 0;
    }

    /// <summary>Runs a side-by-side script with Debian's python (never a runtime dependency) and parses its
    /// <c>key=value</c> lines (one implementation for every side-by-side: <see cref="Knn.ReferenceRun.Python"/>).</summary>
    internal static Dictionary<string, string> RunPython(string script, params string[] arguments) =>
        Knn.ReferenceRun.Python(script, arguments);
}
