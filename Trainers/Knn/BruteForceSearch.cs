using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Trainers.Knn;

/// <summary>
/// Exact k-NN by brute force without the full distance matrix: for a block of 384 queries × 2048 training rows,
/// SGEMM gives −2x·y and a vectorized scan adds ‖y‖² and keeps the k + 8 smallest per query (‖x‖² is constant
/// per query, so it does not change the order). Those candidates are then re-ranked with the exact distance of
/// <see cref="Neighbors"/>, so results equal the k-d tree's and the naive search's unless the identity's rounding
/// error exceeds the gap between the k-th and the (k+8)-th candidate.
/// Threads: each core claims whole query blocks and runs its own single-threaded SGEMM, scan and re-ranking on
/// them, so the cores never wait for each other (measured: splitting each SGEMM over the cores and the scan
/// over a thread pool left both cores waiting on the other's hand-offs). Memory per core: one 3 MB block of
/// products plus the pools.
/// </summary>
internal static class BruteForceSearch
{
    // 384 = the SGEMM's A block (MC): the packed training block (B) is reused by all 384 rows, so packing B costs
    // 1/384 of the multiply-adds. 2048 training rows keep the packed B block (2048 × 256 floats) at 2 MB.
    internal const int QueryBlock = 384;
    internal const int TrainBlock = 2048;
    internal const int Slack = 8;

    /// <summary>‖y‖² of every training row (float products, summed as TensorPrimitives' dot product does).</summary>
    public static float[] SquaredNorms(float[] train, int n, int d)
    {
        var norms = new float[n];
        Parallel.For(0, Math.Max(1, Environment.ProcessorCount), w =>
        {
            int workers = Math.Max(1, Environment.ProcessorCount);
            for (int j = (int)((long)n * w / workers); j < (long)n * (w + 1) / workers; j++)
            {
                var row = train.AsSpan(j * d, d);
                norms[j] = TensorPrimitives.Dot(row, row);
            }
        });
        return norms;
    }

    /// <summary>Indices and exact distances of the k nearest training rows of each query, [q × k] row-major.</summary>
    public static void Search(float[] train, float[] norms, int n, int d, float[] queries, int q, int k,
        int[] indices, double[] distances, int queryBlock = QueryBlock, int trainBlock = TrainBlock)
    {
        int m = Math.Min(n, k + Slack);
        ForEachQueryBlock(q, queryBlock, () => new Scratch(Math.Min(queryBlock, q), Math.Min(trainBlock, n), m), (s, t0, rows) =>
        {
            Array.Clear(s.Count);
            for (int j0 = 0; j0 < n; j0 += trainBlock)
            {
                int cols = Math.Min(trainBlock, n - j0);
                Sgemm.MultiplyOnThisThread(false, true, rows, cols, d, -2f, queries.AsSpan(t0 * d, rows * d), d,
                    train.AsSpan(j0 * d, cols * d), d, 0f, s.Products, cols);
                var blockNorms = norms.AsSpan(j0, cols);
                for (int r = 0; r < rows; r++)
                {
                    s.Count[r] = Scan(s.Products.AsSpan(r * cols, cols), blockNorms, j0, s.Distance.AsSpan(r * m, m), s.Index.AsSpan(r * m, m), s.Count[r]);
                }
            }
            for (int r = 0; r < rows; r++)
            {
                int row = t0 + r;
                Refine(train, d, queries.AsSpan(row * d, d), s.Index.AsSpan(r * m, s.Count[r]),
                    indices.AsSpan(row * k, k), distances.AsSpan(row * k, k));
            }
        });
    }

    private sealed class Scratch(int rows, int cols, int m)
    {
        public readonly float[] Products = GC.AllocateUninitializedArray<float>(rows * cols);
        public readonly float[] Distance = new float[rows * m];
        public readonly int[] Index = new int[rows * m];
        public readonly int[] Count = new int[rows];
    }

    /// <summary>Runs <paramref name="body"/>(scratch, first query, rows) on every block of <paramref name="queryBlock"/>
    /// queries: one worker per core claims whole blocks until none are left (a core taken by another process just
    /// claims fewer), each with its own scratch.</summary>
    internal static void ForEachQueryBlock<TScratch>(int q, int queryBlock, Func<TScratch> scratch, Action<TScratch, int, int> body)
    {
        int blocks = (q + queryBlock - 1) / queryBlock;
        int next = -1;
        int workers = Math.Min(Math.Max(1, Environment.ProcessorCount), blocks);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            var s = scratch();
            int b;
            while ((b = Interlocked.Increment(ref next)) < blocks)
            {
                int t0 = b * queryBlock;
                body(s, t0, Math.Min(queryBlock, q - t0));
            }
        });
    }

    /// <summary>Keeps the pool (sorted by approximate distance, then index) of the smallest values of
    /// <paramref name="row"/> + <paramref name="norms"/>. Only lanes below the pool's current worst are looked at,
    /// 16 (or 8) at a time.</summary>
    private static int Scan(ReadOnlySpan<float> row, ReadOnlySpan<float> norms, int offset, Span<float> dist, Span<int> index, int count)
    {
        int capacity = dist.Length;
        float worst = count == capacity ? dist[capacity - 1] : float.PositiveInfinity;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= row.Length; i += 16)
            {
                var v = Vector512.Create(row.Slice(i, 16)) + Vector512.Create(norms.Slice(i, 16));
                ulong mask = Vector512.LessThan(v, Vector512.Create(worst)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    count = Insert(dist, index, count, v[lane], offset + i + lane);
                    worst = count == capacity ? dist[capacity - 1] : float.PositiveInfinity;
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= row.Length; i += 8)
            {
                var v = Vector256.Create(row.Slice(i, 8)) + Vector256.Create(norms.Slice(i, 8));
                uint mask = Vector256.LessThan(v, Vector256.Create(worst)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    count = Insert(dist, index, count, v[lane], offset + i + lane);
                    worst = count == capacity ? dist[capacity - 1] : float.PositiveInfinity;
                }
            }
        }
        for (; i < row.Length; i++)
        {
            float v = row[i] + norms[i];
            if (v < worst)
            {
                count = Insert(dist, index, count, v, offset + i);
                worst = count == capacity ? dist[capacity - 1] : float.PositiveInfinity;
            }
        }
        return count;
    }

    /// <summary>Inserts a value below the worst (indices arrive in increasing order, so equal values keep index order).</summary>
    internal static int Insert<T>(Span<T> dist, Span<int> index, int count, T d, int i) where T : INumber<T>
    {
        int pos = count == dist.Length ? count - 1 : count;
        while (pos > 0 && d < dist[pos - 1])
        {
            dist[pos] = dist[pos - 1];
            index[pos] = index[pos - 1];
            pos--;
        }
        dist[pos] = d;
        index[pos] = i;
        return count == dist.Length ? count : count + 1;
    }

    /// <summary>The k nearest of the candidates by <see cref="Neighbors"/>' exact distance.</summary>
    internal static void Refine(float[] train, int d, ReadOnlySpan<float> x, ReadOnlySpan<int> candidates, Span<int> indices, Span<double> distances)
    {
        int count = 0;
        foreach (int j in candidates)
        {
            count = Neighbors.Insert(distances, indices, count, Neighbors.Distance(x, train.AsSpan(j * d, d)), j);
        }
    }
}
