using System.Diagnostics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Dedicated helper threads (one per extra core) that spin briefly after each job before sleeping, as OpenBLAS's
/// do. Measured on the 2-vCPU VM: a thread-pool hand-off usually arrived after the caller had already done every
/// part itself (waking a parked thread on an idle vCPU costs hundreds of microseconds), so splitting never paid
/// below ~256³; a spinning helper picks a job up within a microsecond.
/// </summary>
internal static class GemmWorkers
{
    /// <summary>How long an idle helper keeps polling before it blocks; covers the gaps between the GEMMs of a training step.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000; // 0.5 ms

    private static readonly object s_startLock = new();
    private static Worker[]? s_workers;
    private static IWorkerJob? s_current;
    private static long s_sequence;

    /// <summary>Offers <paramref name="job"/> to every helper; each claims parts until none are left.</summary>
    public static void Publish(IWorkerJob job)
    {
        var workers = s_workers ?? Start();
        Volatile.Write(ref s_current, job);
        Interlocked.Increment(ref s_sequence); // full fence: the job is visible before any sleeping flag is read
        foreach (var w in workers)
            if (Volatile.Read(ref w.Sleeping) == 1 && Interlocked.Exchange(ref w.Sleeping, 0) == 1) w.Wake.Set();
    }

    private static Worker[] Start()
    {
        lock (s_startLock)
        {
            if (s_workers is null)
            {
                var workers = new Worker[Math.Max(1, Math.Min(Environment.ProcessorCount, 64) - 1)];
                for (int i = 0; i < workers.Length; i++)
                {
                    var w = workers[i] = new Worker();
                    new Thread(w.Loop) { IsBackground = true, Name = $"MlNetDl Sgemm {i + 1}" }.Start();
                }
                s_workers = workers;
            }
            return s_workers;
        }
    }

    private sealed class Worker
    {
        public readonly ManualResetEventSlim Wake = new(false, spinCount: 1);
        public int Sleeping;

        public void Loop()
        {
            long seen = Volatile.Read(ref s_sequence);
            while (true)
            {
                long start = Stopwatch.GetTimestamp();
                while (Volatile.Read(ref s_sequence) == seen && Stopwatch.GetTimestamp() - start < SpinTicks)
                    Thread.SpinWait(20);
                if (Volatile.Read(ref s_sequence) == seen)
                {
                    Wake.Reset();
                    Interlocked.Exchange(ref Sleeping, 1); // full fence: publishers after this point see the flag
                    if (Volatile.Read(ref s_sequence) == seen) Wake.Wait();
                    Interlocked.Exchange(ref Sleeping, 0);
                }
                seen = Volatile.Read(ref s_sequence);
                Volatile.Read(ref s_current)?.Work();
            }
        }
    }
}

/// <summary>A job the <see cref="GemmWorkers"/> helpers can join: <see cref="Work"/> claims parts until none are
/// left (it must tolerate being called late, after the job is finished, by a helper holding a stale reference).</summary>
internal interface IWorkerJob
{
    void Work();
}
