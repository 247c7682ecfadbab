namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>
/// Average pooling over planes [P, InH, InW] → [P, OutH, OutW] with PyTorch's divisor: divisorOverride when given,
/// else the window's size clipped to the padded input (countIncludePad) or to the input itself. A window lying wholly
/// in the padding gives 0. Backward spreads g / divisor back over each window's in-input positions.
/// </summary>
internal static class AvgPoolKernels
{
    public static void Forward(ReadOnlyMemory<float> x, Memory<float> y, int planes, Window2d w, bool countIncludePad, int divisorOverride)
    {
        PlaneParallel.For(planes, (long)w.OutPlane * w.KH * w.KW, (start, end) =>
        {
            var xs = x.Span;
            var ys = y.Span;
            for (int p = start; p < end; p++)
            {
                var xp = xs.Slice(p * w.InPlane, w.InPlane);
                int o = p * w.OutPlane;
                for (int oh = 0; oh < w.OutH; oh++)
                {
                    for (int ow = 0; ow < w.OutW; ow++, o++)
                    {
                        var (hs, he, ws, we, div) = Bounds(w, oh, ow, countIncludePad, divisorOverride);
                        float sum = 0;
                        for (int ih = hs; ih < he; ih++)
                        {
                            for (int iw = ws; iw < we; iw++)
                            {
                                sum += xp[ih * w.InW + iw];
                            }
                        }

                        ys[o] = hs >= he || ws >= we ? 0f : sum / div;
                    }
                }
            }
        });
    }

    public static void Backward(ReadOnlyMemory<float> g, Memory<float> gx, int planes, Window2d w, bool countIncludePad, int divisorOverride)
    {
        PlaneParallel.For(planes, (long)w.OutPlane * w.KH * w.KW + w.InPlane, (start, end) =>
        {
            var gs = g.Span;
            var dx = gx.Span;
            for (int p = start; p < end; p++)
            {
                var dp = dx.Slice(p * w.InPlane, w.InPlane);
                dp.Clear();
                int o = p * w.OutPlane;
                for (int oh = 0; oh < w.OutH; oh++)
                {
                    for (int ow = 0; ow < w.OutW; ow++, o++)
                    {
                        var (hs, he, ws, we, div) = Bounds(w, oh, ow, countIncludePad, divisorOverride);
                        float v = gs[o] / div;
                        for (int ih = hs; ih < he; ih++)
                        {
                            dp.Slice(ih * w.InW + ws, Math.Max(we - ws, 0)).AddScalarInPlace(v);
                        }
                    }
                }
            }
        });
    }

    /// <summary>The window of output (oh, ow) clipped to the input, and its divisor (PyTorch's avg_pool2d).</summary>
    private static (int Hs, int He, int Ws, int We, int Div) Bounds(in Window2d w, int oh, int ow, bool countIncludePad, int divisorOverride)
    {
        int hs = oh * w.SH - w.PH, ws = ow * w.SW - w.PW;
        int he = Math.Min(hs + w.KH, w.InH + w.PH), we = Math.Min(ws + w.KW, w.InW + w.PW);
        int poolSize = (he - hs) * (we - ws);
        hs = Math.Max(hs, 0);
        ws = Math.Max(ws, 0);
        he = Math.Min(he, w.InH);
        we = Math.Min(we, w.InW);
        int div = divisorOverride != 0 ? divisorOverride : countIncludePad ? poolSize : (he - hs) * (we - ws);
        return (hs, he, ws, we, div);
    }

    /// <summary>Adaptive average pooling: window i of an axis spans [floor(i·in/out), ceil((i+1)·in/out)).</summary>
    public static void AdaptiveForward(ReadOnlyMemory<float> x, Memory<float> y, int planes, int inH, int inW, int outH, int outW)
    {
        PlaneParallel.For(planes, (long)inH * inW + outH * outW, (start, end) =>
        {
            var xs = x.Span;
            var ys = y.Span;
            for (int p = start; p < end; p++)
            {
                var xp = xs.Slice(p * inH * inW, inH * inW);
                int o = p * outH * outW;
                for (int oh = 0; oh < outH; oh++)
                {
                    int hs = Window2d.AdaptiveStart(oh, inH, outH), he = Window2d.AdaptiveEnd(oh, inH, outH);
                    for (int ow = 0; ow < outW; ow++, o++)
                    {
                        int ws = Window2d.AdaptiveStart(ow, inW, outW), we = Window2d.AdaptiveEnd(ow, inW, outW);
                        float sum = 0;
                        for (int ih = hs; ih < he; ih++)
                        {
                            sum += System.Numerics.Tensors.TensorPrimitives.Sum(xp.Slice(ih * inW + ws, we - ws));
                        }

                        ys[o] = sum / ((he - hs) * (we - ws));
                    }
                }
            }
        });
    }

    public static void AdaptiveBackward(ReadOnlyMemory<float> g, Memory<float> gx, int planes, int inH, int inW, int outH, int outW)
    {
        PlaneParallel.For(planes, 2L * inH * inW + outH * outW, (start, end) =>
        {
            var gs = g.Span;
            var dx = gx.Span;
            for (int p = start; p < end; p++)
            {
                var dp = dx.Slice(p * inH * inW, inH * inW);
                dp.Clear();
                int o = p * outH * outW;
                for (int oh = 0; oh < outH; oh++)
                {
                    int hs = Window2d.AdaptiveStart(oh, inH, outH), he = Window2d.AdaptiveEnd(oh, inH, outH);
                    for (int ow = 0; ow < outW; ow++, o++)
                    {
                        int ws = Window2d.AdaptiveStart(ow, inW, outW), we = Window2d.AdaptiveEnd(ow, inW, outW);
                        float v = gs[o] / ((he - hs) * (we - ws));
                        for (int ih = hs; ih < he; ih++)
                        {
                            dp.Slice(ih * inW + ws, we - ws).AddScalarInPlace(v);
                        }
                    }
                }
            }
        });
    }

    /// <summary>span += v (TensorPrimitives over a contiguous row of a window).</summary>
    private static void AddScalarInPlace(this Span<float> span, float v) =>
        System.Numerics.Tensors.TensorPrimitives.Add(span, v, span);
}
