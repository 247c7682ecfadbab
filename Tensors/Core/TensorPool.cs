using System.Collections.Concurrent;

namespace MlNetDl.Tensors;

/// <summary>Recycles float32 storage of disposed tensors. Buckets are keyed by exact length because a
/// training step allocates the same shapes every iteration; retained memory is capped so an unusual
/// workload cannot make the pool hoard.</summary>
internal static class TensorPool
{
    /// <summary>Arrays shorter than this are cheap to allocate and not worth pooling.</summary>
    private const int MinPooledLength = 256;
    private const int MaxPerBucket = 16;

    /// <summary>Arrays longer than this (32 MB) are left to the GC: datasets and one-off temporaries of that
    /// size would otherwise sit in the pool long after their step.</summary>
    private const int MaxPooledLength = 8 * 1024 * 1024;
    private static readonly ConcurrentDictionary<int, ConcurrentBag<float[]>> Buckets = new();
    private static long _retainedFloats;

    /// <summary>Upper bound on retained floats (64 Mi floats = 256 MB).</summary>
    public static long MaxRetainedFloats { get; set; } = 64L * 1024 * 1024;

    public static long RetainedBytes => Interlocked.Read(ref _retainedFloats) * sizeof(float);

    /// <summary>An array of exactly <paramref name="length"/> floats with unspecified contents.</summary>
    public static float[] Rent(int length, out bool pooled)
    {
        pooled = length is >= MinPooledLength and <= MaxPooledLength;
        if (pooled && Buckets.TryGetValue(length, out var bag) && bag.TryTake(out var array))
        {
            Interlocked.Add(ref _retainedFloats, -length);
            return array;
        }

        return length == 0 ? [] : GC.AllocateUninitializedArray<float>(length);
    }

    public static void Return(float[] array)
    {
        var bag = Buckets.GetOrAdd(array.Length, static _ => new ConcurrentBag<float[]>());
        if (bag.Count >= MaxPerBucket || Interlocked.Read(ref _retainedFloats) + array.Length > MaxRetainedFloats)
        {
            return;
        }

        Interlocked.Add(ref _retainedFloats, array.Length);
        bag.Add(array);
    }

    /// <summary>Drops every retained array (tests and long-running hosts that change workload).</summary>
    public static void Clear()
    {
        Buckets.Clear();
        Interlocked.Exchange(ref _retainedFloats, 0);
    }
}
