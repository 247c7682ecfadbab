using System.Runtime.ExceptionServices;

namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// A loop over independent units split into one part per core and run on the <see cref="GemmWorkers"/> helpers
/// (the spinning threads SGEMM uses, so convolution phases and GEMMs alternate on the cores instead of
/// oversubscribing them). A subclass stores its arguments in fields (one instance per calling thread, so
/// steady-state calls allocate nothing) and implements <see cref="RunRange"/>.
/// The helpers' loop has no handler, so an exception escaping a part there would end the process, and the caller
/// would wait forever for that part: every part therefore catches its exception and always counts itself done,
/// parts not yet started are skipped, and the first exception is rethrown on the calling thread (with its original
/// stack trace) once every part has finished, so the job is reusable by the next call.
/// </summary>
internal abstract class PartsJob : IWorkerJob
{
    private long _claim; // (parts << 32) | parts claimed so far
    private int _units, _done;
    private ExceptionDispatchInfo? _error;

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
        _error = null;
        // Publishes the subclass's fields together with a fresh claim word (see GemmParallel).
        Interlocked.Exchange(ref _claim, (long)parts << 32);
        GemmWorkers.Publish(this);
        Work();
        var spin = new SpinWait();
        while (Volatile.Read(ref _done) < parts) spin.SpinOnce(sleep1Threshold: -1);
        // Every part has counted itself done, so no helper touches _error any more.
        var error = _error;
        _error = null;
        error?.Throw();
    }

    public void Work()
    {
        while (true)
        {
            long claim = Interlocked.Increment(ref _claim);
            int part = (int)claim - 1, parts = (int)(claim >> 32);
            if (part >= parts) return;
            try
            {
                if (Volatile.Read(ref _error) is null)
                {
                    RunRange((int)((long)part * _units / parts), (int)((long)(part + 1) * _units / parts));
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
            }
            finally
            {
                Interlocked.Increment(ref _done);
            }
        }
    }

    protected abstract void RunRange(int u0, int u1);
}
