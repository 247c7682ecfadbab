namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>
/// Runs a loop over independent planes (the N·C channel images of a pooling or batch-norm kernel) on all cores when
/// the whole job is large enough to repay the hand-off, else on the calling thread. The planes are split into one
/// contiguous range per core, so each worker writes a disjoint part of the output.
/// </summary>
internal static class PlaneParallel
{
    /// <summary>Below this many element operations in total, waking a worker costs more than it saves.</summary>
    public const long Threshold = 1 << 15;

    /// <summary>Calls <paramref name="body"/>(start, end) over [0, <paramref name="count"/>) split into ranges.</summary>
    public static void For(int count, long workPerItem, Action<int, int> body)
    {
        int threads = Math.Min(Environment.ProcessorCount, count);
        if (threads <= 1 || count * workPerItem < Threshold)
        {
            body(0, count);
            return;
        }

        Parallel.For(0, threads, t => body((int)((long)count * t / threads), (int)((long)count * (t + 1) / threads)));
    }
}
