namespace MlNetDl.Trainers.Knn;

/// <summary>
/// What both searches agree on: the distance is the squared Euclidean distance summed in double over the float
/// coordinates (each term is exact in double, so only the sum rounds), and neighbours are ordered by
/// (distance, training index): a distance tie goes to the lower training index.
/// </summary>
internal static class Neighbors
{
    public static double Distance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double diff = (double)x[i] - y[i];
            sum += diff * diff;
        }
        return sum;
    }

    /// <summary>Whether neighbour (d1, i1) comes before (d2, i2).</summary>
    public static bool Before(double d1, int i1, double d2, int i2) => d1 < d2 || (d1 == d2 && i1 < i2);

    /// <summary>Inserts (d, i) into the sorted list held in the first <paramref name="count"/> slots of the spans
    /// (capacity = span length), dropping the last when full. Returns the new count.</summary>
    public static int Insert(Span<double> dist, Span<int> index, int count, double d, int i)
    {
        int capacity = dist.Length;
        if (count == capacity && !Before(d, i, dist[count - 1], index[count - 1]))
        {
            return count;
        }
        int pos = count == capacity ? count - 1 : count;
        while (pos > 0 && Before(d, i, dist[pos - 1], index[pos - 1]))
        {
            dist[pos] = dist[pos - 1];
            index[pos] = index[pos - 1];
            pos--;
        }
        dist[pos] = d;
        index[pos] = i;
        return count == capacity ? count : count + 1;
    }

    /// <summary>The k nearest training rows of every query by brute force, one exact distance at a time: the
    /// reference the fast searches are tested against. Output [q × k] indices and distances.</summary>
    public static void Naive(float[] train, int n, int d, float[] queries, int q, int k, int[] indices, double[] distances)
    {
        for (int r = 0; r < q; r++)
        {
            var x = queries.AsSpan(r * d, d);
            var dist = distances.AsSpan(r * k, k);
            var index = indices.AsSpan(r * k, k);
            int count = 0;
            for (int j = 0; j < n; j++)
            {
                count = Insert(dist, index, count, Distance(x, train.AsSpan(j * d, d)), j);
            }
        }
    }
}
