using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// The scatter matrix S = Σ_r (x_r − m)(x_r − m)ᵀ of the rows of X [n × d] in one read of X, for PCA's covariance.
/// Rows are split into blocks b of n_b ≤ <see cref="Block"/> rows. Each block is shifted in float by c_b, the mean
/// of its first <see cref="ShiftRows"/> rows, S̃_b = Σ_{r∈b} (x_r − c_b)(x_r − c_b)ᵀ comes from SSYRK (float within
/// the block), which also sums the block's columns in double for its mean m_b, and the blocks merge exactly (the
/// pairwise update of Chan, Golub and LeVeque, with the shift's offset e_b = m_b − c_b taken back out):
///     S = Σ_b S̃_b + Σ_b n_b [(m_b − m)(m_b − m)ᵀ − e_b e_bᵀ].
/// c_b is within ~σ/8 of m_b whatever the row order, so the float sums are as small as a centred two-pass
/// scheme's (a large common offset never enters them; sorted or drifting rows cost nothing either), and X is
/// read once, by SSYRK's packing, instead of once for the mean, once to centre and once more to multiply.
/// </summary>
internal static class CovarianceBlocks
{
    // Rows per SSYRK call: adding the float result into the double accumulator streams ~6 d² bytes, which at
    // 2,048 rows measured ~5% of the block's multiply time (memory-bound under load); 4,096 halves it and the
    // float sums stay ~5× more accurate than the old global-mean 2,048-row GEMM blocks (Fashion-MNIST: 1.8e-7 vs
    // 7.4e-7 of the largest variance).
    private const int Block = 4096;
    // Rows whose mean is the shift: an offset of ~σ/√64 inflates S̃_b by ~1/64, i.e. no float digit is lost.
    private const int ShiftRows = 64;

    /// <summary>The upper triangle (j ≥ i) of S [d × d] (the strict lower triangle is left zero) and the column
    /// means (zeros, and S = XᵀX, when not centring).</summary>
    public static double[] Scatter(float[] x, int n, int d, bool center, out double[] mean)
    {
        int threads = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, n / Block));
        // Core t owns rows [n·t/T, n·(t+1)/T), cut into blocks: a fixed assignment, so every sum runs in the same
        // order whatever the scheduling (the split over the cores parallelizes whole blocks; splitting each small
        // product, as before, cost a hand-off per product).
        var blocks = new List<(int Start, int Rows)>();
        var firstBlock = new int[threads + 1];
        for (int t = 0; t < threads; t++)
        {
            firstBlock[t] = blocks.Count;
            int end = (int)((long)n * (t + 1) / threads);
            for (int r0 = (int)((long)n * t / threads); r0 < end; r0 += Block) blocks.Add((r0, Math.Min(Block, end - r0)));
        }
        firstBlock[threads] = blocks.Count;
        var blockMeans = new double[blocks.Count * d];
        var blockShifts = new float[blocks.Count * d];
        var accumulators = new double[threads][];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var acc = new double[d * d];
            var partial = GC.AllocateUninitializedArray<float>(d * d);
            var head = new double[d];
            for (int b = firstBlock[t]; b < firstBlock[t + 1]; b++)
            {
                var (r0, rows) = blocks[b];
                var block = x.AsSpan(r0 * d, rows * d);
                if (center)
                {
                    var mb = blockMeans.AsSpan(b * d, d); // zero: SSYRK adds the column sums into it
                    var cb = blockShifts.AsSpan(b * d, d);
                    ColumnMeans(x, r0, Math.Min(rows, ShiftRows), d, head);
                    for (int j = 0; j < d; j++) cb[j] = (float)head[j];
                    Sgemm.SyrkUpperTransposedOnThisThread(d, rows, block, d, cb, 0f, partial, d, mb);
                    TensorPrimitives.Divide(mb, rows, mb);
                }
                else
                {
                    Sgemm.SyrkUpperTransposedOnThisThread(d, rows, block, d, [], 0f, partial, d);
                }
                AddUpper(partial, acc, d);
            }
            accumulators[t] = acc;
        });
        var s = accumulators[0];
        for (int t = 1; t < threads; t++) TensorPrimitives.Add(s, accumulators[t], s);
        mean = new double[d];
        if (center) MergeMeans(blocks, blockMeans, blockShifts, n, d, s, mean);
        return s;
    }

    /// <summary>Adds the means' part of the merge, Σ_b n_b [(m_b − m)(m_b − m)ᵀ − e_b e_bᵀ], and sets m.</summary>
    private static void MergeMeans(List<(int Start, int Rows)> blocks, double[] blockMeans, float[] blockShifts, int n,
        int d, double[] s, double[] mean)
    {
        for (int b = 0; b < blocks.Count; b++)
        {
            TensorPrimitives.MultiplyAdd(blockMeans.AsSpan(b * d, d), blocks[b].Rows, mean, mean);
        }
        TensorPrimitives.Divide(mean, n, mean);
        // dev_b = m_b − m and off_b = m_b − c_b for every block, then each row of S takes all blocks' rank-1 terms
        // while it is in L1 (blocks outer would stream the d×d doubles through memory twice per block).
        int count = blocks.Count;
        var dev = new double[count * d];
        var off = new double[count * d];
        for (int b = 0; b < count; b++)
        {
            for (int j = 0; j < d; j++)
            {
                dev[b * d + j] = blockMeans[b * d + j] - mean[j];
                off[b * d + j] = blockMeans[b * d + j] - blockShifts[b * d + j];
            }
        }
        for (int i = 0; i < d; i++)
        {
            var row = s.AsSpan(i * d + i, d - i);
            for (int b = 0; b < count; b++)
            {
                double w = blocks[b].Rows;
                TensorPrimitives.MultiplyAdd(dev.AsSpan(b * d + i, d - i), w * dev[b * d + i], row, row);
                TensorPrimitives.MultiplyAdd(off.AsSpan(b * d + i, d - i), -w * off[b * d + i], row, row);
            }
        }
    }

    /// <summary>Means of the columns of rows [r0, r0+rows), summed in double.</summary>
    private static unsafe void ColumnMeans(float[] x, int r0, int rows, int d, Span<double> mean)
    {
        mean.Clear();
        fixed (float* px = &x[r0 * d])
        fixed (double* pm = mean)
        {
            for (int r = 0; r < rows; r++) AddWidened(px + (long)r * d, pm, d);
        }
        TensorPrimitives.Divide(mean, rows, mean);
    }

    /// <summary>acc[i, j] += partial[i, j] for j ≥ i, widening float to double.</summary>
    private static unsafe void AddUpper(float[] partial, double[] acc, int d)
    {
        fixed (float* pp = partial)
        fixed (double* pa = acc)
        {
            for (int i = 0; i < d; i++) AddWidened(pp + (long)i * d + i, pa + (long)i * d + i, d - i);
        }
    }

    /// <summary>dst[j] += src[j] for j &lt; length, 16 floats widened to double per step.</summary>
    private static unsafe void AddWidened(float* src, double* dst, int length)
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= length; j += 16)
            {
                var (lo, hi) = Vector512.Widen(Vector512.Load(src + j));
                Vector512.Store(Vector512.Load(dst + j) + lo, dst + j);
                Vector512.Store(Vector512.Load(dst + j + 8) + hi, dst + j + 8);
            }
        }
        for (; j < length; j++) dst[j] += src[j];
    }
}
