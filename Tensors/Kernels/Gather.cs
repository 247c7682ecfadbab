namespace MlNetDl.Tensors.Kernels;

/// <summary>torch.gather and its adjoint scatter_add along one dimension. Indices are per element, so these
/// walk the index tensor once with an odometer over its shape (no per-element division).</summary>
internal static class GatherKernel
{
    /// <summary>dst[i] = src[pos(i) with dim replaced by idx[i]] for each element i of the index shape.</summary>
    public static void Gather<T>(ReadOnlySpan<T> src, Shape srcShape, ReadOnlySpan<long> idx, Shape idxShape, Span<T> dst, int dim)
    {
        if (idxShape.Rank == 0)
        {
            if (dst.Length == 1)
            {
                dst[0] = src[(int)idx[0]];
            }

            return;
        }

        var dims = idxShape.Dims;
        var ss = srcShape.Strides();
        int rank = dims.Length, sd = ss[dim];
        Span<int> counter = stackalloc int[rank];
        int baseOff = 0;
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = src[baseOff + (int)idx[i] * sd];
            Advance(counter, dims, ss, dim, ref baseOff);
        }
    }

    /// <summary>dst[pos(i) with dim replaced by idx[i]] += src[i] (scatter_add; the adjoint of gather).</summary>
    public static void ScatterAdd(ReadOnlySpan<float> src, Shape idxShape, ReadOnlySpan<long> idx, Span<float> dst, Shape dstShape, int dim)
    {
        if (idxShape.Rank == 0)
        {
            if (src.Length == 1)
            {
                dst[(int)idx[0]] += src[0];
            }

            return;
        }

        var dims = idxShape.Dims;
        var ds = dstShape.Strides();
        int rank = dims.Length, sd = ds[dim];
        Span<int> counter = stackalloc int[rank];
        int baseOff = 0;
        for (int i = 0; i < src.Length; i++)
        {
            dst[baseOff + (int)idx[i] * sd] += src[i];
            Advance(counter, dims, ds, dim, ref baseOff);
        }
    }

    /// <summary>Steps the multi-index over <paramref name="dims"/>, keeping the offset of every dim but
    /// <paramref name="dim"/> (whose coordinate comes from the index tensor).</summary>
    private static void Advance(Span<int> counter, int[] dims, int[] strides, int dim, ref int offset)
    {
        for (int k = dims.Length - 1; k >= 0; k--)
        {
            int s = k == dim ? 0 : strides[k];
            offset += s;
            if (++counter[k] < dims[k])
            {
                return;
            }

            offset -= s * dims[k];
            counter[k] = 0;
        }
    }
}
