namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// A loop over independent units split into one part per core and run on the <see cref="GemmWorkers"/> helpers
/// (the spinning threads SGEMM uses, so convolution phases and GEMMs alternate on the cores instead of
/// oversubscribing them). A subclass stores its arguments in fields (one instance per calling thread, so
/// steady-state calls allocate nothing) and implements <see cref="RunRange"/>.
/// </summary>
internal abstract class PartsJob : IWorkerJob
{
    private long _claim; // (parts << 32) | parts claimed so far
    private int _units, _done;

    /// <summary>Runs units [0, units) — inline when there is one core, one unit, or too little work
    /// (<paramref name="parallel"/> false) to pay for the hand-off.</summary>
    protected void Run(int units, bool parallel)
    {
        int threads = Math.Min(Environment.ProcessorCount, 64);
        if (threads <= 1 || units < 2 || !parallel)
        {
            RunRange(0, units);
            return;
        }

        int parts = Math.Min(threads, units);
        _units = units;
        _done = 0;
        // Publishes the subclass's fields together with a fresh claim word (see GemmParallel).
        Interlocked.Exchange(ref _claim, (long)parts << 32);
        GemmWorkers.Publish(this);
        Work();
        var spin = new SpinWait();
        while (Volatile.Read(ref _done) < parts) spin.SpinOnce(sleep1Threshold: -1);
    }

    public void Work()
    {
        while (true)
        {
            long claim = Interlocked.Increment(ref _claim);
            int part = (int)claim - 1, parts = (int)(claim >> 32);
            if (part >= parts) return;
            RunRange((int)((long)part * _units / parts), (int)((long)(part + 1) * _units / parts));
            Interlocked.Increment(ref _done);
        }
    }

    protected abstract void RunRange(int u0, int u1);
}
