using System.Numerics;
using System.Numerics.Tensors;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// scikit-learn &lt; 1.5's svd_flip(u_based_decision=True) for <see cref="PcaSignConvention.LargestProjection"/>: each
/// component v is negated when the largest-magnitude entry of the training projection X̃v (the first row on ties)
/// is negative. That needs the whole n × rank projection, an n × d × rank product: each core takes a fixed,
/// contiguous range of rows and multiplies it block by block on its own thread (one hand-off in all, instead of one
/// per small product), scanning each block's projections with SIMD while they are in cache; the cores' winners are
/// merged in row order, so ties go to the first row exactly as NumPy's argmax does.
/// </summary>
internal static class ProjectionSigns
{
    private const int Block = 2048;

    public static void Apply(float[] x, int n, int d, double[] mean, float[] components, int rank)
    {
        int threads = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, n / Block));
        var meanF = Array.ConvertAll(mean, m => (float)m);
        // Per core: the largest |X̃v| seen so far and the signed value that had it.
        var largest = new float[threads][];
        var signed = new float[threads][];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int start = (int)((long)n * t / threads), end = (int)((long)n * (t + 1) / threads);
            var block = new float[Math.Min(Block, end - start) * d];
            var u = new float[Math.Min(Block, end - start) * rank];
            var best = new float[rank];
            var value = new float[rank];
            for (int r0 = start; r0 < end; r0 += Block)
            {
                int rows = Math.Min(Block, end - r0);
                PcaFit.Centered(x, r0, rows, d, meanF, block);
                Sgemm.MultiplyOnThisThread(false, true, rows, rank, d, 1f, block, d, components, d, 0f, u, rank);
                for (int r = 0; r < rows; r++)
                {
                    Scan(u.AsSpan(r * rank, rank), best, value);
                }
            }
            largest[t] = best;
            signed[t] = value;
        });
        for (int c = 0; c < rank; c++)
        {
            float best = largest[0][c], value = signed[0][c];
            for (int t = 1; t < threads; t++)
            {
                // Strictly larger only: on a tie the earlier rows (lower core) keep it.
                if (largest[t][c] > best)
                {
                    best = largest[t][c];
                    value = signed[t][c];
                }
            }
            if (value < 0)
            {
                TensorPrimitives.Negate(components.AsSpan(c * d, d), components.AsSpan(c * d, d));
            }
        }
    }

    /// <summary>For each c: where |row[c]| &gt; best[c], best[c] = |row[c]| and value[c] = row[c].</summary>
    private static void Scan(ReadOnlySpan<float> row, Span<float> best, Span<float> value)
    {
        int c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; c + Vector<float>.Count <= row.Length; c += Vector<float>.Count)
            {
                var v = new Vector<float>(row[c..]);
                var a = Vector.Abs(v);
                var b = new Vector<float>(best[c..]);
                var larger = Vector.GreaterThan(a, b);
                Vector.ConditionalSelect(larger, a, b).CopyTo(best[c..]);
                Vector.ConditionalSelect(larger, v, new Vector<float>(value[c..])).CopyTo(value[c..]);
            }
        }
        for (; c < row.Length; c++)
        {
            float a = Math.Abs(row[c]);
            if (a > best[c])
            {
                best[c] = a;
                value[c] = row[c];
            }
        }
    }
}
