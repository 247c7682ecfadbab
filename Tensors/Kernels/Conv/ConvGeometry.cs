namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// The sliding-window geometry that im2col/col2im walk: an image of <see cref="C"/> channels × H × W read by a
/// KH × KW kernel with stride, dilation and top/left padding, giving OH × OW positions (the bottom/right padding
/// is implied by OH, OW). For a transposed convolution the roles swap: the "image" is the output and OH × OW the
/// input's spatial size.
/// </summary>
internal readonly record struct ConvGeometry(
    int C, int H, int W, int KH, int KW, int SH, int SW, int PT, int PL, int DH, int DW, int OH, int OW)
{
    /// <summary>Window positions per image (columns of one image's block of the column matrix).</summary>
    public int L => OH * OW;

    /// <summary>Rows of the column matrix: C·KH·KW.</summary>
    public int K => C * KH * KW;

    /// <summary>Pixels per image plane.</summary>
    public int Plane => H * W;

    /// <summary>A 1×1, stride-1, unpadded window: the column matrix is the image itself, so no copy is needed.</summary>
    public bool IsPointwise => KH == 1 && KW == 1 && SH == 1 && SW == 1 && PT == 0 && PL == 0 && OH == H && OW == W;

    /// <summary>Output positions o in [lo, hi) whose input coordinate o·stride + offset lies inside [0, size).</summary>
    public static (int Lo, int Hi) ValidRange(int offset, int stride, int size, int count)
    {
        int lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        int hi = size - 1 - offset < 0 ? 0 : Math.Min(count, (size - 1 - offset) / stride + 1);
        return (Math.Min(lo, count), Math.Max(hi, Math.Min(lo, count)));
    }
}
