using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// The scatter matrix S = Σ_r (x_r − m)(x_r − m)ᵀ of the rows of X [n × d] in one pass, for PCA's covariance.
/// Rows are split into blocks b of n_b ≤ <see cref="Block"/> rows with double means m_b. Each block is centred in
/// float by m̃_b = (float)m_b, S̃_b = Σ_{r∈b} (x_r − m̃_b)(x_r − m̃_b)ᵀ comes from SSYRK (float within the block),
/// and the blocks merge exactly (the pairwise update of Chan, Golub and LeVeque, with the float centre's offset
/// e_b = m_b − m̃_b taken back out):
///     S = Σ_b S̃_b + Σ_b n_b [(m_b − m)(m_b − m)ᵀ − e_b e_bᵀ].
/// Centring each block by its own mean keeps the float sums as small as a centred two-pass scheme's (a large
/// common offset never enters them) while reading X once.
/// </summary>
internal static class CovarianceBlocks
{
    // Rows per SSYRK call: long enough that adding the float block into the double accumulator (d²/2 adds) is
    // ~1% of the block's d²·rows/2 multiply-adds, short enough that float sums over the block stay accurate.
    private const int Block = 2048;

    /// <summary>The upper triangle (j ≥ i) of S [d × d] (the strict lower triangle is left zero) and the column
    /// means (zeros, and S = XᵀX, when not centring).</summary>
    public static double[] Scatter(float[] x, int n, int d, bool center, out double[] mean)
    {
        int threads = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, n / Block));
        // Core t owns rows [n·t/T, n·(t+1)/T): a fixed assignment, so the sums run in the same order every time.
        var starts = new int[threads + 1];
        for (int t = 0; t <= threads; t++) starts[t] = (int)((long)n * t / threads);
        var blocks = new List<(int Start, int Rows)>();
        var owner = new List<int>();
        for (int t = 0; t < threads; t++)
        {
            for (int r0 = starts[t]; r0 < starts[t + 1]; r0 += Block)
            {
                blocks.Add((r0, Math.Min(Block, starts[t + 1] - r0)));
                owner.Add(t);
            }
        }
        var blockMeans = new double[blocks.Count * d];
        var accumulators = new double[threads][];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var acc = new double[d * d];
            var partial = GC.AllocateUninitializedArray<float>(d * d);
            var meanF = new float[d];
            for (int b = 0; b < blocks.Count; b++)
            {
                if (owner[b] != t) continue;
                var (r0, rows) = blocks[b];
                var mb = blockMeans.AsSpan(b * d, d);
                if (center)
                {
                    ColumnMeans(x, r0, rows, d, mb);
                    for (int j = 0; j < d; j++) meanF[j] = (float)mb[j];
                }
                // SSYRK subtracts m̃_b while packing: no centred copy of the block is written and read back.
                Sgemm.SyrkUpperTransposedOnThisThread(d, rows, x.AsSpan(r0 * d, rows * d), d,
                    center ? meanF : ReadOnlySpan<float>.Empty, 0f, partial, d);
                AddUpper(partial, acc, d);
            }
            accumulators[t] = acc;
        });
        var s = accumulators[0];
        for (int t = 1; t < threads; t++) TensorPrimitives.Add(s, accumulators[t], s);
        mean = new double[d];
        if (center) MergeMeans(blocks, blockMeans, n, d, s, mean);
        return s;
    }

    /// <summary>Adds the means' part of the merge, Σ_b n_b [(m_b − m)(m_b − m)ᵀ − e_b e_bᵀ], and sets m.</summary>
    private static void MergeMeans(List<(int Start, int Rows)> blocks, double[] blockMeans, int n, int d, double[] s,
        double[] mean)
    {
        for (int b = 0; b < blocks.Count; b++)
        {
            TensorPrimitives.MultiplyAdd(blockMeans.AsSpan(b * d, d), blocks[b].Rows, mean, mean);
        }
        TensorPrimitives.Divide(mean, n, mean);
        var dev = new double[d];
        var off = new double[d];
        for (int b = 0; b < blocks.Count; b++)
        {
            var mb = blockMeans.AsSpan(b * d, d);
            TensorPrimitives.Subtract(mb, mean, dev);
            for (int j = 0; j < d; j++) off[j] = mb[j] - (float)mb[j];
            double w = blocks[b].Rows;
            for (int i = 0; i < d; i++)
            {
                var row = s.AsSpan(i * d + i, d - i);
                TensorPrimitives.MultiplyAdd(dev.AsSpan(i), w * dev[i], row, row);
                TensorPrimitives.MultiplyAdd(off.AsSpan(i), -w * off[i], row, row);
            }
        }
    }

    /// <summary>Means of the columns of rows [r0, r0+rows), summed in double (16 floats widened per step; the
    /// 784 sums stay in L1, so this is one streaming read of the block).</summary>
    private static unsafe void ColumnMeans(float[] x, int r0, int rows, int d, Span<double> mean)
    {
        mean.Clear();
        fixed (float* px = &x[r0 * d])
        fixed (double* pm = mean)
        {
            for (int r = 0; r < rows; r++)
            {
                float* row = px + (long)r * d;
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= d; j += 16)
                    {
                        var (lo, hi) = Vector512.Widen(Vector512.Load(row + j));
                        Vector512.Store(Vector512.Load(pm + j) + lo, pm + j);
                        Vector512.Store(Vector512.Load(pm + j + 8) + hi, pm + j + 8);
                    }
                }
                for (; j < d; j++) pm[j] += row[j];
            }
        }
        TensorPrimitives.Divide(mean, rows, mean);
    }

    /// <summary>acc[i, j] += partial[i, j] for j ≥ i, widening float to double.</summary>
    private static unsafe void AddUpper(float[] partial, double[] acc, int d)
    {
        fixed (float* pp = partial)
        fixed (double* pa = acc)
        {
            for (int i = 0; i < d; i++)
            {
                float* src = pp + (long)i * d;
                double* dst = pa + (long)i * d;
                int j = i;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= d; j += 16)
                    {
                        var (lo, hi) = Vector512.Widen(Vector512.Load(src + j));
                        Vector512.Store(Vector512.Load(dst + j) + lo, dst + j);
                        Vector512.Store(Vector512.Load(dst + j + 8) + hi, dst + j + 8);
                    }
                }
                for (; j < d; j++) dst[j] += src[j];
            }
        }
    }
}
