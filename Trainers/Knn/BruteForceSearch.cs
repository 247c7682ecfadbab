using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Trainers.Knn;

/// <summary>
/// Exact k-NN by brute force without the full distance matrix: for a block of 256 queries × 8192 training rows,
/// SGEMM gives −2x·y, ‖y‖² is added and a vectorized scan keeps the k + 8 smallest per query (‖x‖² is constant
/// per query, so it does not change the order). Those candidates are then re-ranked with the exact distance of
/// <see cref="Neighbors"/>, so results equal the k-d tree's and the naive search's unless the identity's rounding
/// error exceeds the gap between the k-th and the (k+8)-th candidate. Memory: one 8 MB block plus the pools.
/// Threads: SGEMM splits each block over the cores itself; the scans and the re-ranking are split over queries.
/// </summary>
internal static class BruteForceSearch
{
    internal const int QueryBlock = 256;
    internal const int TrainBlock = 8192;
    internal const int Slack = 8;

    /// <summary>‖y‖² of every training row (double sum, stored as float).</summary>
    public static float[] SquaredNorms(float[] train, int n, int d)
    {
        var norms = new float[n];
        Parallel.For(0, n, j =>
        {
            double sum = 0;
            foreach (float v in train.AsSpan(j * d, d))
            {
                sum += (double)v * v;
            }
            norms[j] = (float)sum;
        });
        return norms;
    }

    /// <summary>Indices and exact distances of the k nearest training rows of each query, [q × k] row-major.</summary>
    public static void Search(float[] train, float[] norms, int n, int d, float[] queries, int q, int k,
        int[] indices, double[] distances, int queryBlock = QueryBlock, int trainBlock = TrainBlock)
    {
        int m = Math.Min(n, k + Slack);
        int blockRows = Math.Min(queryBlock, q), blockCols = Math.Min(trainBlock, n);
        var c = new float[(long)blockRows * blockCols];
        var poolD = new float[blockRows * m];
        var poolI = new int[blockRows * m];
        var poolCount = new int[blockRows];
        int workers = Math.Max(1, Environment.ProcessorCount);
        for (int t0 = 0; t0 < q; t0 += queryBlock)
        {
            int rows = Math.Min(queryBlock, q - t0);
            Array.Clear(poolCount);
            for (int j0 = 0; j0 < n; j0 += trainBlock)
            {
                int cols = Math.Min(trainBlock, n - j0);
                Sgemm.Multiply(false, true, rows, cols, d, -2f, queries.AsSpan(t0 * d, rows * d), d,
                    train.AsSpan(j0 * d, cols * d), d, 0f, c, cols);
                int start = j0;
                Parallel.For(0, workers, w =>
                {
                    for (int r = rows * w / workers; r < rows * (w + 1) / workers; r++)
                    {
                        var row = c.AsSpan(r * cols, cols);
                        TensorPrimitives.Add(row, norms.AsSpan(start, cols), row);
                        poolCount[r] = Scan(row, start, poolD.AsSpan(r * m, m), poolI.AsSpan(r * m, m), poolCount[r]);
                    }
                });
            }
            int first = t0;
            Parallel.For(0, rows, r => Refine(train, d, queries.AsSpan((first + r) * d, d), poolI.AsSpan(r * m, poolCount[r]),
                indices.AsSpan((first + r) * k, k), distances.AsSpan((first + r) * k, k)));
        }
    }

    /// <summary>Keeps the pool (sorted by approximate distance, then index) of the smallest values of <paramref name="row"/>.
    /// Only lanes below the pool's current worst are looked at, 16 (or 8) at a time.</summary>
    private static int Scan(Span<float> row, int offset, Span<float> dist, Span<int> index, int count)
    {
        int capacity = dist.Length;
        float worst = count == capacity ? dist[capacity - 1] : float.PositiveInfinity;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= row.Length; i += 16)
            {
                ulong mask = Vector512.LessThan(Vector512.Create<float>(row.Slice(i, 16)), Vector512.Create(worst)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int b = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    count = Insert(dist, index, count, row[i + b], offset + i + b);
                    worst = count == capacity ? dist[capacity - 1] : float.PositiveInfinity;
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= row.Length; i += 8)
            {
                uint mask = Vector256.LessThan(Vector256.Create<float>(row.Slice(i, 8)), Vector256.Create(worst)).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int b = BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    count = Insert(dist, index, count, row[i + b], offset + i + b);
                    worst = count == capacity ? dist[capacity - 1] : float.PositiveInfinity;
                }
            }
        }
        for (; i < row.Length; i++)
        {
            if (row[i] < worst)
            {
                count = Insert(dist, index, count, row[i], offset + i);
                worst = count == capacity ? dist[capacity - 1] : float.PositiveInfinity;
            }
        }
        return count;
    }

    /// <summary>Inserts a value below the worst (indices arrive in increasing order, so equal values keep index order).</summary>
    private static int Insert(Span<float> dist, Span<int> index, int count, float d, int i)
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

    private static void Refine(float[] train, int d, ReadOnlySpan<float> x, ReadOnlySpan<int> candidates, Span<int> indices, Span<double> distances)
    {
        int count = 0;
        foreach (int j in candidates)
        {
            count = Neighbors.Insert(distances, indices, count, Neighbors.Distance(x, train.AsSpan(j * d, d)), j);
        }
    }
}
