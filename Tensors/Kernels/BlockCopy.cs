using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Strided block copies for slicing and concatenation. A tensor viewed as [outer, n, inner] around one axis
/// keeps every slice along that axis as one contiguous run of <c>len</c> elements per outer index, so narrow,
/// cat and their backwards are <c>outer</c> span copies (one copy when outer is 1), never per-element loops.
/// </summary>
internal static class BlockCopy
{
    /// <summary>For each o &lt; outer copies src[o·srcRow + srcOff, +len) to dst[o·dstRow + dstOff, +len).</summary>
    public static void Rows<T>(ReadOnlySpan<T> src, int srcRow, int srcOff, Span<T> dst, int dstRow, int dstOff, int outer, int len)
    {
        if (len == 0 || outer == 0)
        {
            return;
        }

        if (srcRow == len && dstRow == len)
        {
            src.Slice(srcOff, outer * len).CopyTo(dst.Slice(dstOff, outer * len));
            return;
        }

        for (int o = 0; o < outer; o++)
        {
            src.Slice(o * srcRow + srcOff, len).CopyTo(dst.Slice(o * dstRow + dstOff, len));
        }
    }

    /// <summary><see cref="Rows{T}"/> for tensors of any dtype (both must have the same dtype).</summary>
    public static void Rows(Tensor src, int srcRow, int srcOff, Tensor dst, int dstRow, int dstOff, int outer, int len)
    {
        switch (src.DType)
        {
            case DType.Float32: Rows(src.Span<float>(), srcRow, srcOff, dst.Span<float>(), dstRow, dstOff, outer, len); break;
            case DType.Int64: Rows(src.Span<long>(), srcRow, srcOff, dst.Span<long>(), dstRow, dstOff, outer, len); break;
            case DType.Int32: Rows(src.Span<int>(), srcRow, srcOff, dst.Span<int>(), dstRow, dstOff, outer, len); break;
            default: Rows(src.Span<bool>(), srcRow, srcOff, dst.Span<bool>(), dstRow, dstOff, outer, len); break;
        }
    }

    /// <summary>Materialized broadcast of a tensor of any dtype into <paramref name="dst"/>.</summary>
    public static void Expand(Tensor src, Tensor dst)
    {
        switch (src.DType)
        {
            case DType.Float32: Kernels.Expand.Run(src.Span<float>(), src.Shape, dst.Span<float>(), dst.Shape); break;
            case DType.Int64: Kernels.Expand.Run(src.Span<long>(), src.Shape, dst.Span<long>(), dst.Shape); break;
            case DType.Int32: Kernels.Expand.Run(src.Span<int>(), src.Shape, dst.Span<int>(), dst.Shape); break;
            default: Kernels.Expand.Run(src.Span<bool>(), src.Shape, dst.Span<bool>(), dst.Shape); break;
        }
    }

    /// <summary>For each o and each k: dst block idx[k] += src block k (index_add along [outer, n, inner]);
    /// repeated indices accumulate.</summary>
    public static void IndexAdd(ReadOnlySpan<float> src, Span<float> dst, ReadOnlySpan<long> idx, int outer, int n, int inner)
    {
        int m = idx.Length;
        for (int o = 0; o < outer; o++)
        {
            for (int k = 0; k < m; k++)
            {
                var d = dst.Slice((o * n + (int)idx[k]) * inner, inner);
                TensorPrimitives.Add(d, src.Slice((o * m + k) * inner, inner), d);
            }
        }
    }

    /// <summary>dst block k = src block idx[k] along [outer, n, inner] (index_select).</summary>
    public static void IndexSelect<T>(ReadOnlySpan<T> src, Span<T> dst, ReadOnlySpan<long> idx, int outer, int n, int inner)
    {
        int m = idx.Length;
        for (int o = 0; o < outer; o++)
        {
            for (int k = 0; k < m; k++)
            {
                src.Slice((o * n + (int)idx[k]) * inner, inner).CopyTo(dst.Slice((o * m + k) * inner, inner));
            }
        }
    }
}
