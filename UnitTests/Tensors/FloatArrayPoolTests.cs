using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

/// <summary>The storage pool behind tensors: exact-length reuse, the retention cap, and least-recently-used
/// eviction when a new workload's arrays meet a pool full of an earlier workload's.</summary>
public class FloatArrayPoolTests
{
    private static float[] Returned(FloatArrayPool pool, int length)
    {
        var a = pool.Rent(length, out bool pooled);
        Assert.True(pooled);
        pool.Return(a);
        return a;
    }

    [Fact]
    public void ReturnedArraysAreRentedAgainByExactLength()
    {
        var pool = new FloatArrayPool();
        var a = Returned(pool, 1000);
        Assert.Same(a, pool.Rent(1000, out _));
        Assert.NotSame(a, pool.Rent(1000, out _)); // taken once only
        Assert.Equal(0, pool.RetainedFloats);
        Assert.False(pool.Rent(FloatArrayPool.MinPooledLength - 1, out bool small) is null || small);
        Assert.False(pool.Rent(FloatArrayPool.MaxPooledLength + 1, out bool large) is null || large);
    }

    [Fact]
    public void ANewWorkloadEvictsTheLeastRecentlyUsedLengths()
    {
        var pool = new FloatArrayPool { MaxRetainedFloats = 4096 };
        var old = new[] { pool.Rent(1024, out _), pool.Rent(1024, out _) };
        foreach (var a in old) pool.Return(a);                     // the first workload: 2 × 1024
        var recent = new[] { pool.Rent(1024, out _), pool.Rent(1024, out _), pool.Rent(2048, out _) };
        Assert.Same(old[1], recent[0]);                           // reuse, not growth
        pool.Return(recent[0]);
        pool.Return(recent[2]);                                   // pool: 1024 + 2048, the 2048 used last
        Assert.Equal(3072, pool.RetainedFloats);

        // A 1536-float array needs room: the 1024 length was last used before the 2048 one, so it goes.
        var next = pool.Rent(1536, out _);
        pool.Return(next);
        Assert.Equal(2048 + 1536, pool.RetainedFloats);
        Assert.Same(next, pool.Rent(1536, out _));
        Assert.Same(recent[2], pool.Rent(2048, out _));
        Assert.NotSame(recent[0], pool.Rent(1024, out _));
    }

    [Fact]
    public void AnArrayLargerThanTheCapIsNotRetainedAndEvictsNothing()
    {
        var pool = new FloatArrayPool { MaxRetainedFloats = 3000 };
        var kept = Returned(pool, 2000);
        var big = pool.Rent(4000, out _);
        pool.Return(big);
        Assert.Equal(2000, pool.RetainedFloats);
        Assert.Same(kept, pool.Rent(2000, out _));
        Assert.NotSame(big, pool.Rent(4000, out _));

        // Eviction makes room only when it can: a third 1,400 does not fit next to two others whatever is evicted.
        var pool2 = new FloatArrayPool { MaxRetainedFloats = 3000 };
        var same = new[] { pool2.Rent(1400, out _), pool2.Rent(1400, out _), pool2.Rent(1400, out _) };
        var other = Returned(pool2, 256);
        pool2.Return(same[0]);
        pool2.Return(same[1]);                                    // 256 + 2 × 1400 > 3000: the 256 goes
        Assert.Equal(2800, pool2.RetainedFloats);
        pool2.Return(same[2]);                                    // refused, nothing else dropped
        Assert.Equal(2800, pool2.RetainedFloats);
        Assert.NotSame(other, pool2.Rent(256, out _));
    }
}
