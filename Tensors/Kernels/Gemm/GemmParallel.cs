namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Splits a product (or a batch of them) into one part per core without allocating: the caller queues
/// helpers to the thread pool, then claims parts itself like any helper. Parts go to whoever claims them
/// first, so a starved thread pool (or a nested call from a pool thread) degrades to running inline
/// instead of deadlocking.
/// </summary>
internal sealed class GemmParallel : IThreadPoolWorkItem
{
    private enum Split { Rows, Cols, Batch }

    // One job per calling thread, reused while no helper of a previous call is still queued.
    [ThreadStatic] private static GemmParallel? t_job;

    private GemmProblem _g;
    private GemmKernelKind _kind;
    private Split _split;
    private int _parts, _units, _unitSize;
    private long _strideA, _strideB, _strideC;
    private int _next, _done, _pending;

    /// <summary>Runs one product split into <paramref name="parts"/> row or column ranges, whichever has more tiles.</summary>
    public static void RunProduct(in GemmProblem g, GemmKernelKind kind, int parts)
    {
        var (mr, nr) = GemmDriver.TileOf(kind);
        int rowTiles = (g.M + mr - 1) / mr, colTiles = (g.N + nr - 1) / nr;
        // Splitting rows duplicates only the cheap contiguous B packing; prefer it unless columns are far wider.
        bool rows = rowTiles >= parts && rowTiles * nr * 2 >= colTiles * mr;
        if (rows) Start(g, kind, Split.Rows, Math.Min(parts, rowTiles), rowTiles, mr, 0, 0, 0);
        else Start(g, kind, Split.Cols, Math.Min(parts, colTiles), colTiles, nr, 0, 0, 0);
    }

    /// <summary>Runs <paramref name="batch"/> products, each single-threaded, spread over the parts.</summary>
    public static void RunBatch(in GemmProblem g, GemmKernelKind kind, int parts, int batch, long sa, long sb, long sc) =>
        Start(g, kind, Split.Batch, Math.Min(parts, batch), batch, 1, sa, sb, sc);

    private static void Start(in GemmProblem g, GemmKernelKind kind, Split split, int parts, int units, int unitSize,
        long sa, long sb, long sc)
    {
        if (parts <= 1)
        {
            RunRange(g, kind, split, 0, units, unitSize, sa, sb, sc);
            return;
        }
        var job = t_job;
        if (job is null || Volatile.Read(ref job._pending) != 0) t_job = job = new GemmParallel();
        job._g = g; job._kind = kind; job._split = split; job._parts = parts; job._units = units;
        job._unitSize = unitSize; job._strideA = sa; job._strideB = sb; job._strideC = sc;
        job._done = 0;
        job._pending = parts - 1;
        Volatile.Write(ref job._next, 0); // publishes the fields above to helpers that claim a part
        for (int i = 1; i < parts; i++) ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        job.Work();
        // Parts take tens of microseconds or more: spin and yield, never Sleep(1), which would cost a millisecond.
        var spin = new SpinWait();
        while (Volatile.Read(ref job._done) < parts) spin.SpinOnce(sleep1Threshold: -1);
    }

    void IThreadPoolWorkItem.Execute()
    {
        Work();
        Interlocked.Decrement(ref _pending);
    }

    private void Work()
    {
        int part;
        while ((part = Interlocked.Increment(ref _next) - 1) < _parts)
        {
            int u0 = (int)((long)part * _units / _parts), u1 = (int)((long)(part + 1) * _units / _parts);
            RunRange(_g, _kind, _split, u0, u1, _unitSize, _strideA, _strideB, _strideC);
            Interlocked.Increment(ref _done);
        }
    }

    /// <summary>Computes units [u0, u1) of the split: tiles of rows or columns, or whole batch entries.</summary>
    private static void RunRange(in GemmProblem g, GemmKernelKind kind, Split split, int u0, int u1, int unitSize,
        long sa, long sb, long sc)
    {
        switch (split)
        {
            case Split.Rows:
                int r0 = u0 * unitSize, r1 = Math.Min(g.M, u1 * unitSize);
                if (r1 > r0) GemmDriver.Run(g.Rows(r0, r1 - r0), kind);
                break;
            case Split.Cols:
                int c0 = u0 * unitSize, c1 = Math.Min(g.N, u1 * unitSize);
                if (c1 > c0) GemmDriver.Run(g.Cols(c0, c1 - c0), kind);
                break;
            default:
                for (int b = u0; b < u1; b++) GemmDriver.Run(g.Offset(b * sa, b * sb, b * sc), kind);
                break;
        }
    }
}
