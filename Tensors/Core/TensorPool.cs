using System.Collections.Concurrent;

namespace MlNetDl.Tensors;

/// <summary>The process-wide pool that recycles the float32 storage of disposed tensors (see <see cref="FloatArrayPool"/>).</summary>
internal static class TensorPool
{
    public static FloatArrayPool Shared { get; } = new();

    /// <summary>Upper bound on retained floats (64 Mi floats = 256 MB).</summary>
    public static long MaxRetainedFloats
    {
        get => Shared.MaxRetainedFloats;
        set => Shared.MaxRetainedFloats = value;
    }

    public static long RetainedBytes => Shared.RetainedFloats * sizeof(float);

    public static float[] Rent(int length, out bool pooled) => Shared.Rent(length, out pooled);

    public static void Return(float[] array) => Shared.Return(array);

    /// <summary>Drops every retained array (tests and long-running hosts that change workload).</summary>
    public static void Clear() => Shared.Clear();
}

/// <summary>
/// Float arrays kept for reuse, in buckets keyed by exact length because a training step allocates the same shapes
/// every iteration. Retained memory is capped so an unusual workload cannot make the pool hoard. When a return would
/// pass the cap, arrays of the least recently used lengths are dropped to make room: a process that moves on to
/// another workload (another model, batch size or test) then reclaims the pool, where refusing new returns would
/// leave it full of the first workload's shapes for good.
/// </summary>
internal sealed class FloatArrayPool
{
    /// <summary>Arrays shorter than this are cheap to allocate and not worth pooling.</summary>
    public const int MinPooledLength = 256;
    private const int MaxPerBucket = 16;

    /// <summary>Arrays longer than this (32 MB) are left to the GC: datasets and one-off temporaries of that
    /// size would otherwise sit in the pool long after their step.</summary>
    public const int MaxPooledLength = 8 * 1024 * 1024;

    private sealed class Bucket
    {
        public readonly ConcurrentBag<float[]> Arrays = new();
        public long LastUse;
    }

    private readonly ConcurrentDictionary<int, Bucket> _buckets = new();
    private readonly object _evictLock = new();
    private long _retainedFloats;
    private long _clock;

    public long MaxRetainedFloats { get; set; } = 64L * 1024 * 1024;

    public long RetainedFloats => Interlocked.Read(ref _retainedFloats);

    /// <summary>An array of exactly <paramref name="length"/> floats with unspecified contents; <paramref name="pooled"/>
    /// says whether its length is one the pool takes back.</summary>
    public float[] Rent(int length, out bool pooled)
    {
        pooled = length is >= MinPooledLength and <= MaxPooledLength;
        if (pooled && _buckets.TryGetValue(length, out var bucket))
        {
            Volatile.Write(ref bucket.LastUse, Interlocked.Increment(ref _clock));
            if (bucket.Arrays.TryTake(out var array))
            {
                Interlocked.Add(ref _retainedFloats, -length);
                return array;
            }
        }

        return length == 0 ? [] : GC.AllocateUninitializedArray<float>(length);
    }

    public void Return(float[] array)
    {
        if (array.Length is < MinPooledLength or > MaxPooledLength || array.Length > MaxRetainedFloats)
        {
            return;
        }

        var bucket = _buckets.GetOrAdd(array.Length, static _ => new Bucket());
        Volatile.Write(ref bucket.LastUse, Interlocked.Increment(ref _clock));
        if (bucket.Arrays.Count >= MaxPerBucket)
        {
            return;
        }

        if (RetainedFloats + array.Length > MaxRetainedFloats && !MakeRoom(array.Length, bucket))
        {
            return;
        }

        Interlocked.Add(ref _retainedFloats, array.Length);
        bucket.Arrays.Add(array);
    }

    public void Clear()
    {
        lock (_evictLock)
        {
            _buckets.Clear();
            Interlocked.Exchange(ref _retainedFloats, 0);
        }
    }

    /// <summary>Drops arrays of the least recently used other lengths until <paramref name="needed"/> more floats fit;
    /// false when they cannot (the cap is smaller than what the keeping bucket and the array need).</summary>
    private bool MakeRoom(long needed, Bucket keep)
    {
        lock (_evictLock)
        {
            // Evicting every other length would not be enough: keep what is there rather than drop it for nothing.
            if ((long)keep.Arrays.Count * needed + needed > MaxRetainedFloats)
            {
                return false;
            }

            while (RetainedFloats + needed > MaxRetainedFloats)
            {
                // Linear scan, no allocation: there are tens of lengths, and this runs only when the cap is reached.
                Bucket? oldest = null;
                foreach (var b in _buckets.Values)
                {
                    if (b != keep && !b.Arrays.IsEmpty && (oldest is null || Volatile.Read(ref b.LastUse) < Volatile.Read(ref oldest.LastUse)))
                    {
                        oldest = b;
                    }
                }

                if (oldest is null)
                {
                    return false;
                }

                while (RetainedFloats + needed > MaxRetainedFloats && oldest.Arrays.TryTake(out var dropped))
                {
                    Interlocked.Add(ref _retainedFloats, -dropped.Length);
                }
            }

            return true;
        }
    }
}
