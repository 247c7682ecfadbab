namespace MlNetDl.Tensors.Kernels;

/// <summary>Row-wise helpers for [rows, cols] matrices (bias broadcast and its gradient).</summary>
internal static class RowKernels
{
    /// <summary>dst[r, :] = row for every r (dst is [rows, row.Length]).</summary>
    public static void BroadcastRow(ReadOnlySpan<float> row, Span<float> dst, int rows)
    {
        int cols = row.Length;
        for (int r = 0; r < rows; r++)
        {
            row.CopyTo(dst.Slice(r * cols, cols));
        }
    }

    /// <summary>dst[c] = Σ_r src[r, c] (column sums, vectorized across columns).</summary>
    public static void SumRows(ReadOnlySpan<float> src, Span<float> dst, int rows) =>
        Reduce.Sum(src, dst, 1, rows, dst.Length);
}
