using System.Diagnostics;
using MlNetDl.Pipelines;

namespace MlNetDl.Benchmarks.Data;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- fashion-load [dir]</c>: loads all of Fashion-MNIST's training
/// set into an IDataView (<c>LoadFromIdx</c>) and iterates it once in shuffled and in sequential batches of 128 as
/// tensors, printing the time of each phase and the process's peak working set against the raw data size.
/// Run it in a fresh process: the peak is process-wide.
/// </summary>
internal static class FashionLoad
{
    public static int Run(string[] args)
    {
        string dir = args.Length > 0 ? args[0] : "/usr/share/datasets/fashion-mnist";
        var ml = new MLContext(seed: 0);
        long baseline = Process.GetCurrentProcess().WorkingSet64;
        var sw = Stopwatch.StartNew();
        var data = ml.Data.LoadFromIdx(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Path.Combine(dir, "train-labels-idx1-ubyte.gz"));
        double load = sw.Elapsed.TotalSeconds;
        sw.Restart();
        double checksum = Iterate(data, shuffle: false);
        double sequential = sw.Elapsed.TotalSeconds;
        sw.Restart();
        checksum += Iterate(data, shuffle: true);
        double shuffled = sw.Elapsed.TotalSeconds;
        var p = Process.GetCurrentProcess();
        p.Refresh();
        const long rawBytes = 60_000L * 28 * 28;
        Console.WriteLine($"load {load:F3} s | iterate sequential {sequential:F3} s | iterate shuffled {shuffled:F3} s | total {load + sequential + shuffled:F3} s");
        Console.WriteLine($"peak working set {p.PeakWorkingSet64 / 1e6:F0} MB (process baseline before loading {baseline / 1e6:F0} MB); " +
            $"raw uint8 images {rawBytes / 1e6:F0} MB, as float32 {4 * rawBytes / 1e6:F0} MB; checksum {checksum:G6}");
        return 0;
    }

    private static double Iterate(IDataView data, bool shuffle)
    {
        double sum = 0;
        foreach (var batch in data.GetBatches(new BatchOptions { BatchSize = 128, Shuffle = shuffle, Seed = 1 }, "Features", "Label"))
        {
            var x = batch.GetTensor("Features");
            sum += x.AsReadOnlySpan<float>()[0];
        }

        return sum;
    }
}
