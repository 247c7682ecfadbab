namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Runs body(part) for part in [0, parts) on the calling thread and the spinning <see cref="GemmWorkers"/> helpers,
/// which pick a job up within a microsecond (a thread-pool hand-off costs hundreds on the 2-vCPU VM). Parts go to
/// whoever claims them first, so busy helpers or concurrent callers degrade to running inline. For loops that
/// hand off thousands of times a second, such as one per Householder step; bodies must not throw.
/// </summary>
internal sealed class WorkerParts : IWorkerJob
{
    [ThreadStatic] private static WorkerParts? t_job;

    private Action<int>? _body;
    private long _claim; // (parts << 32) | parts claimed so far
    private int _done;

    public static void Run(int parts, Action<int> body)
    {
        if (parts <= 1)
        {
            if (parts == 1) body(0);
            return;
        }
        var job = t_job ??= new WorkerParts();
        job._body = body;
        job._done = 0;
        // Publishes the body together with a fresh claim word (the GemmParallel protocol).
        Interlocked.Exchange(ref job._claim, (long)parts << 32);
        GemmWorkers.Publish(job);
        job.Work();
        var spin = new SpinWait();
        while (Volatile.Read(ref job._done) < parts) spin.SpinOnce(sleep1Threshold: -1);
        job._body = null;
    }

    /// <summary>Claims and runs parts until none are left; a helper holding a stale reference claims nothing.</summary>
    public void Work()
    {
        while (true)
        {
            long claim = Interlocked.Increment(ref _claim);
            int part = (int)claim - 1, parts = (int)(claim >> 32);
            if (part >= parts) return;
            _body!(part);
            Interlocked.Increment(ref _done);
        }
    }
}
