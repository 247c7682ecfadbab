using MlNetDl.Tensors.Kernels.Conv;

namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>
/// Runs a loop over independent planes (the N·C channel images of a pooling or batch-norm kernel) on all cores when
/// the whole job is large enough to repay the hand-off, else on the calling thread. The planes are split into one
/// contiguous range per core, so each worker writes a disjoint part of the output. The ranges go to SGEMM's spinning
/// helper threads (<see cref="PartsJob"/>), not the thread pool: in a training step pooling runs between GEMMs, when
/// the helpers are still spinning, while waking a parked pool thread cost hundreds of microseconds per call.
/// An exception in a body reaches the caller once every part has finished (<see cref="PartsJob"/>).
/// </summary>
internal static class PlaneParallel
{
    /// <summary>Below this many element operations in total, waking a worker costs more than it saves.</summary>
    public const long Threshold = 1 << 15;

    [ThreadStatic] private static RangeJob? t_job;

    /// <summary>Calls <paramref name="body"/>(start, end) over [0, <paramref name="count"/>) split into ranges.</summary>
    public static void For(int count, long workPerItem, Action<int, int> body)
    {
        if (Environment.ProcessorCount <= 1 || count < 2 || count * workPerItem < Threshold)
        {
            body(0, count);
            return;
        }

        var job = t_job ??= new RangeJob();
        job.Start(count, body);
    }

    private sealed class RangeJob : PartsJob
    {
        private Action<int, int>? _body;

        public void Start(int count, Action<int, int> body)
        {
            _body = body;
            try
            {
                Run(count, true);
            }
            finally
            {
                _body = null;
            }
        }

        protected override void RunRange(int u0, int u1) => _body!(u0, u1);
    }
}
