namespace MlNetDl.Tensors.Kernels;

/// <summary>Materializes a broadcast: copies <c>src</c> of shape <c>ss</c> into <c>dst</c> of shape <c>ds</c> (any dtype).</summary>
internal static class Expand
{
    public static void Run<T>(ReadOnlySpan<T> src, Shape ss, Span<T> dst, Shape ds)
    {
        if (src.Length == 1)
        {
            dst.Fill(src[0]);
            return;
        }

        var stride = Broadcast.StridesFor(ss, ds);
        var dims = ds.Dims;
        int rank = dims.Length;
        int inner = dims[rank - 1], si = stride[rank - 1];
        int rows = dst.Length / Math.Max(inner, 1);
        Span<int> counter = stackalloc int[rank];
        int off = 0;
        for (int r = 0; r < rows; r++)
        {
            var row = dst.Slice(r * inner, inner);
            if (si == 1)
            {
                src.Slice(off, inner).CopyTo(row);
            }
            else
            {
                row.Fill(src[off]);
            }

            for (int k = rank - 2; k >= 0; k--)
            {
                off += stride[k];
                if (++counter[k] < dims[k])
                {
                    break;
                }

                off -= stride[k] * dims[k];
                counter[k] = 0;
            }
        }
    }
}
