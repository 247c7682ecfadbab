namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>
/// Geometry of a 2-D sliding window over one plane: input [InH, InW], output [OutH, OutW], kernel, stride, padding and
/// dilation per axis. The window of output (oh, ow) starts at (oh·SH − PH, ow·SW − PW) and takes every D-th row and
/// column of its K; padded positions are never read (max pooling pads with −∞, average pooling counts them via its
/// divisor only).
/// </summary>
internal readonly record struct Window2d(int InH, int InW, int OutH, int OutW, int KH, int KW, int SH, int SW, int PH, int PW, int DH, int DW)
{
    public int InPlane => InH * InW;

    public int OutPlane => OutH * OutW;

    /// <summary>Input rows of output row <paramref name="oh"/>'s window: Start, Start + DH, … &lt; End, with the rows in
    /// the padding skipped (End ≤ Start when every row is padding).</summary>
    public (int Start, int End) Rows(int oh)
    {
        int hs = oh * SH - PH;
        int he = Math.Min(hs + (KH - 1) * DH + 1, InH);
        while (hs < 0)
        {
            hs += DH;
        }

        return (hs, he);
    }

    /// <summary>Output size of one axis, as PyTorch's pooling_output_shape: floor (or ceil) of
    /// (in + 2·pad − dil·(k − 1) − 1) / stride + 1; in ceil mode the last window must start inside the input or the
    /// left padding.</summary>
    public static long OutputSize(int input, int kernel, int stride, int pad, int dilation, bool ceilMode)
    {
        long num = (long)input + 2L * pad - (long)dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
        long size = (long)Math.Floor(num / (double)stride) + 1;
        if (ceilMode && (size - 1) * stride >= (long)input + pad)
        {
            size--;
        }

        return size;
    }

    /// <summary>PyTorch's adaptive window start: floor(i·in / out).</summary>
    public static int AdaptiveStart(int i, int input, int output) => (int)((long)i * input / output);

    /// <summary>PyTorch's adaptive window end (exclusive): ceil((i + 1)·in / out).</summary>
    public static int AdaptiveEnd(int i, int input, int output) => (int)(((long)(i + 1) * input + output - 1) / output);
}
