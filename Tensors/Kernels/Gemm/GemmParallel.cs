namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Splits a product (or a batch of them) into one part per core without allocating: the caller offers the job
/// to the <see cref="GemmWorkers"/> helpers, then claims parts itself like any helper. Parts go to whoever claims
/// them first, so busy helpers (or concurrent callers) degrade to running inline instead of deadlocking.
/// </summary>
internal sealed class GemmParallel : IWorkerJob
{
    private enum Split { Rows, Cols, Batch }

    // One job per calling thread, reused by every call from it: steady-state calls allocate nothing.
    [ThreadStatic] private static GemmParallel? t_job;

    private GemmProblem _g;
    private GemmKernelKind _kind;
    private Split _split;
    private int _units, _unitSize;
    private long _strideA, _strideB, _strideC;
    private long _claim; // (parts << 32) | parts claimed so far
    private int _done;

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
        var job = t_job ??= new GemmParallel();
        job._g = g; job._kind = kind; job._split = split; job._units = units;
        job._unitSize = unitSize; job._strideA = sa; job._strideB = sb; job._strideC = sc;
        job._done = 0;
        // Publishes the fields above together with a fresh (parts, next = 0) claim word.
        Interlocked.Exchange(ref job._claim, (long)parts << 32);
        GemmWorkers.Publish(job);
        job.Work();
        // Parts take microseconds to milliseconds: spin and yield, never Sleep(1), which would cost a millisecond.
        var spin = new SpinWait();
        while (Volatile.Read(ref job._done) < parts) spin.SpinOnce(sleep1Threshold: -1);
    }

    /// <summary>Claims and computes parts until none are left; called by the owner and by any helper.</summary>
    public void Work()
    {
        while (true)
        {
            // Parts and index come from one atomic increment, so a helper holding a stale reference from an
            // earlier call either claims a part of the current call (whose fields were published first) or nothing.
            long claim = Interlocked.Increment(ref _claim);
            int part = (int)claim - 1, parts = (int)(claim >> 32);
            if (part >= parts) return;
            int u0 = (int)((long)part * _units / parts), u1 = (int)((long)(part + 1) * _units / parts);
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
