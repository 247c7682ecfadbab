using System.Collections.Immutable;
using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

/// <summary>Per-slot statistics of the rows a normalizer was fitted on, in double: the number of finite values,
/// their minimum, maximum, mean and population variance (Σ(x − mean)²/n). NaN and ±∞ are skipped. A slot with no
/// finite value has Count 0, Minimum +∞, Maximum −∞, Mean 0 and Variance 0.</summary>
public sealed record SlotStatistics(ImmutableArray<long> Count, ImmutableArray<double> Minimum, ImmutableArray<double> Maximum,
    ImmutableArray<double> Mean, ImmutableArray<double> Variance)
{
    /// <summary>Population standard deviation per slot.</summary>
    public ImmutableArray<double> StandardDeviation => [.. Variance.Select(Math.Sqrt)];

    /// <summary>
    /// One streaming pass over the first <paramref name="maximumRows"/> rows of a Single or Vector&lt;Single&gt;
    /// column, a batch at a time. Each batch is reduced on its own (count, mean, then Σ(x − batch mean)²) and merged
    /// with Chan et al.'s update, which keeps the variance accurate where Σx² − n·mean² would cancel.
    /// </summary>
    internal static SlotStatistics Compute(IDataView data, string column, int size, long maximumRows, int batchSize = 1024)
    {
        var count = new long[size];
        var min = new double[size];
        var max = new double[size];
        var mean = new double[size];
        var m2 = new double[size];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        var bCount = new long[size];
        var bMean = new double[size];
        var bM2 = new double[size];
        long seen = 0;
        foreach (var batch in data.GetBatches(batchSize, column))
        {
            int rows = (int)Math.Min(batch.Count, maximumRows - seen);
            var values = batch.GetValues<float>(column).Span[..(rows * size)];
            Array.Clear(bCount);
            Array.Clear(bMean);
            Array.Clear(bM2);
            for (int r = 0; r < rows; r++)
            {
                var row = values.Slice(r * size, size);
                for (int j = 0; j < size; j++)
                {
                    double x = row[j];
                    if (double.IsFinite(x))
                    {
                        bCount[j]++;
                        bMean[j] += x;
                        if (x < min[j]) min[j] = x;
                        if (x > max[j]) max[j] = x;
                    }
                }
            }
            for (int j = 0; j < size; j++)
            {
                bMean[j] = bCount[j] == 0 ? 0 : bMean[j] / bCount[j];
            }
            for (int r = 0; r < rows; r++)
            {
                var row = values.Slice(r * size, size);
                for (int j = 0; j < size; j++)
                {
                    double x = row[j];
                    if (double.IsFinite(x))
                    {
                        double d = x - bMean[j];
                        bM2[j] += d * d;
                    }
                }
            }
            for (int j = 0; j < size; j++)
            {
                if (bCount[j] == 0)
                {
                    continue;
                }
                long n = count[j] + bCount[j];
                double delta = bMean[j] - mean[j];
                mean[j] += delta * bCount[j] / n;
                m2[j] += bM2[j] + delta * delta * ((double)count[j] * bCount[j] / n);
                count[j] = n;
            }
            seen += rows;
            if (seen >= maximumRows)
            {
                break;
            }
        }
        var variance = new double[size];
        for (int j = 0; j < size; j++)
        {
            variance[j] = count[j] == 0 ? 0 : m2[j] / count[j];
        }
        return new([.. count], [.. min], [.. max], [.. mean], [.. variance]);
    }
}
