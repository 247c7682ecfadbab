using System.Globalization;
using MlNetDl.Benchmarks.Conv;
using MlNetDl.Benchmarks.Mlp;

namespace MlNetDl.Benchmarks.CnnStep;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- cnn-sidebyside [model…]</c>: times each <see cref="CnnStep"/>
/// model here (median of 7 batches of ~0.5 s), then in PyTorch (<c>sidebyside/cnn_step.py</c>, 1 and 2 threads) in
/// the same run, ours also with one thread (<see cref="OneThreadRun"/>), and prints PyTorch's faster time over our
/// faster time (above 1: MlNetDl faster) with the bytes a steady-state step allocates on this thread.
/// </summary>
internal static class CnnSideBySide
{
    public static int Run(string[] args)
    {
        var models = CnnStep.Models.Where(m => args.Length == 0 || args.Contains(m)).ToArray();
        var ours = new Dictionary<string, (double Ms, long Bytes)>();
        foreach (var name in models)
        {
            var step = new CnnStep(name);
            ours[name] = (ConvSideBySide.Median(() => step.Run(), out long bytes, warmMs: 1000, batchMs: 500), bytes);
            Console.WriteLine(OneThreadRun.IsChild ? string.Create(CultureInfo.InvariantCulture, $"{name}={ours[name].Ms}")
                : string.Create(CultureInfo.InvariantCulture, $"{name}: {ours[name].Ms:F2} ms per step, {bytes:N0} B allocated per step"));
        }

        if (OneThreadRun.IsChild) return 0;
        var one = OneThreadRun.Run(["cnn-sidebyside", .. models]);
        var torch = MlpSideBySide.RunPython("cnn_step.py", [.. models]);
        Console.WriteLine(torch["torch_version"]);
        Console.WriteLine("| model | batch | MlNetDl 1 thread ms | MlNetDl 2 threads ms | allocated B/step | PyTorch 1 thread ms | PyTorch 2 threads ms | best / best |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var name in models)
        {
            double t1 = Parse(torch[$"{name}_1"]), t2 = Parse(torch[$"{name}_2"]);
            var (ms, bytes) = ours[name];
            double ms1 = one[name];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {new CnnStep(name).Batch} | {ms1:F2} | {ms:F2} | {bytes:N0} | {t1:F2} | {t2:F2} | {Math.Min(t1, t2) / Math.Min(ms, ms1):F2}x |"));
        }

        return 0;
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
