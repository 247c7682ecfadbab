namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>
/// Nearest-neighbour resampling of planes [P, InH, InW] → [P, OutH, OutW] through per-axis source maps, and its
/// backward: each source pixel receives the sum of the gradient over its copies.
/// </summary>
internal static class UpsampleKernels
{
    /// <summary>PyTorch's nearest source index: min(floor(i·s), in − 1) in float32, with s = 1/scaleFactor when a
    /// scale factor was given and in/out otherwise.</summary>
    public static int[] SourceIndex(int input, int output, double? scaleFactor)
    {
        float scale = scaleFactor is double f && f > 0 ? (float)(1.0 / f) : (float)input / output;
        var map = new int[output];
        for (int i = 0; i < output; i++)
        {
            map[i] = Math.Min((int)MathF.Floor(i * scale), input - 1);
        }

        return map;
    }

    public static void Forward(ReadOnlyMemory<float> x, Memory<float> y, int planes, int inH, int inW, int[] srcH, int[] srcW)
    {
        int outH = srcH.Length, outW = srcW.Length;
        PlaneParallel.For(planes, (long)outH * outW, (start, end) =>
        {
            var xs = x.Span;
            var ys = y.Span;
            for (int p = start; p < end; p++)
            {
                var xp = xs.Slice(p * inH * inW, inH * inW);
                var yp = ys.Slice(p * outH * outW, outH * outW);
                for (int oh = 0; oh < outH; oh++)
                {
                    var yr = yp.Slice(oh * outW, outW);
                    if (oh > 0 && srcH[oh] == srcH[oh - 1])
                    {
                        // A repeated source row is a copy of the output row above.
                        yp.Slice((oh - 1) * outW, outW).CopyTo(yr);
                        continue;
                    }

                    var xr = xp.Slice(srcH[oh] * inW, inW);
                    for (int ow = 0; ow < outW; ow++)
                    {
                        yr[ow] = xr[srcW[ow]];
                    }
                }
            }
        });
    }

    public static void Backward(ReadOnlyMemory<float> g, Memory<float> gx, int planes, int inH, int inW, int[] srcH, int[] srcW)
    {
        int outH = srcH.Length, outW = srcW.Length;
        PlaneParallel.For(planes, (long)outH * outW + inH * inW, (start, end) =>
        {
            var gs = g.Span;
            var dx = gx.Span;
            for (int p = start; p < end; p++)
            {
                var gp = gs.Slice(p * outH * outW, outH * outW);
                var dp = dx.Slice(p * inH * inW, inH * inW);
                dp.Clear();
                for (int oh = 0; oh < outH; oh++)
                {
                    var gr = gp.Slice(oh * outW, outW);
                    var dr = dp.Slice(srcH[oh] * inW, inW);
                    for (int ow = 0; ow < outW; ow++)
                    {
                        dr[srcW[ow]] += gr[ow];
                    }
                }
            }
        });
    }
}
