using MlNetDl.Tensors.Kernels.Pool;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>An exception thrown by a part on an SGEMM helper thread (handled in PartsJob, so for every conv job too) reaches the caller of
/// <see cref="PlaneParallel.For"/> (instead of ending the process), and the job stays usable afterwards.</summary>
public class PlaneParallelTests
{
    [Fact]
    public void ExceptionOnAHelperThreadIsRethrownOnTheCaller()
    {
        if (Environment.ProcessorCount < 2)
        {
            return; // no helper threads: every body runs inline and throws directly
        }

        int caller = Environment.CurrentManagedThreadId;
        int helperRan = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => PlaneParallel.For(2, PlaneParallel.Threshold, (_, _) =>
        {
            if (Environment.CurrentManagedThreadId != caller)
            {
                Volatile.Write(ref helperRan, 1);
                throw new InvalidOperationException("boom on a helper");
            }

            // The caller's part waits for a helper to take the other part, so the throw surely happens there.
            var until = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref helperRan) == 0 && DateTime.UtcNow < until)
            {
                Thread.SpinWait(100);
            }
        }));
        Assert.Equal(1, helperRan);
        Assert.Equal("boom on a helper", ex.Message);

        // The next call on this thread reuses the same job: it must run every item once and not rethrow.
        var hits = new int[64];
        PlaneParallel.For(hits.Length, PlaneParallel.Threshold, (s, e) =>
        {
            for (int i = s; i < e; i++)
            {
                Interlocked.Increment(ref hits[i]);
            }
        });
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void ExceptionOnTheCallingThreadPropagates()
    {
        var ex = Assert.Throws<ArgumentException>(() => PlaneParallel.For(8, PlaneParallel.Threshold, (s, _) =>
        {
            if (s == 0)
            {
                throw new ArgumentException("first range");
            }
        }));
        Assert.Equal("first range", ex.Message);
    }
}
