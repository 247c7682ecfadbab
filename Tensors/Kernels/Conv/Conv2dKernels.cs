namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// Conv2d forward and backward as im2col + SGEMM (PyTorch's CPU "slow_conv2d" scheme). Per group g:
/// y_i[g] = W_g [O/G, K] · col(x_i[g]) [K, L]; dW_g = Σ_i gy_i[g] · col(x_i[g])ᵀ (one GEMM over a chunk of images,
/// reducing over images·L); dx_i[g] = col2im(W_gᵀ · gy_i[g]). A 1×1, stride-1, unpadded kernel skips im2col: the
/// image already is its column matrix. Images are processed in chunks whose column matrix fits
/// <see cref="ConvScratch.CacheBudget"/> (L2-sized, so it is read back from cache); in the forward the per-image GEMMs
/// of a chunk go to SGEMM as one batch (whole products per core when small, each product split when large), or, when
/// an image has few positions, as one GEMM over the chunk's columns — those small layers are split by image over the
/// cores instead of by phase (<see cref="ImageSplitConv"/>). Stride-1 3×3 layers with many channels go to
/// <see cref="Winograd"/>, few-channel stride-1 layers to <see cref="DirectConv"/>.
/// </summary>
/// <remarks>Shapes: x [N, G·C, H, W], w [G·Og, C, KH, KW], y/gy [N, G·Og, OH, OW]; <see cref="ConvGeometry"/> C is
/// the per-group input channel count.</remarks>
internal static unsafe class Conv2dKernels
{
    public static void Forward(in ConvGeometry g, int n, int groups, int outC,
        ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y)
    {
        int l = g.L, k = g.K, og = outC / groups;
        long xImg = (long)g.C * groups * g.Plane, yImg = (long)outC * l;
        if (Winograd.Applies(g, groups, outC) && n > 0)
        {
            fixed (float* px = x, pw = w, pb = bias, py = y)
            {
                Winograd.Forward(g, n, outC, px, pw, bias.IsEmpty ? null : pb, py);
            }

            return;
        }

        if (DirectConv.Applies(g, groups))
        {
            DirectForward(g, n, outC, x, w, bias, y);
            return;
        }

        float beta = bias.IsEmpty ? 0f : 1f;
        if (!bias.IsEmpty) ConvScratch.FillBias(bias, y, n, l);
        if (g.IsPointwise)
        {
            for (int gi = 0; gi < groups; gi++)
            {
                Sgemm.MultiplyBatched(false, false, n, og, l, k, 1f, w.Slice(gi * og * k, og * k), k, 0,
                    x[(gi * g.C * l)..], l, xImg, beta, y[(gi * og * l)..], l, yImg);
            }

            return;
        }

        if (ImageSplitConv.Applies(g, groups, n))
        {
            fixed (float* px = x, pw = w, py = y)
            {
                ImageSplitConv.Forward(g, n, outC, px, pw, beta != 0f, py);
            }

            return;
        }

        int nb = ConvScratch.CachedChunkImages(n, k, l);
        float* col = ConvScratch.Columns((long)k * nb * l);
        bool oneGemm = l < OneGemmMaxPositions;
        float* yT = oneGemm ? ConvScratch.Transposed((long)og * nb * l) : null;
        fixed (float* px = x, py = y)
        {
            for (int n0 = 0; n0 < n; n0 += nb)
            {
                int cnt = Math.Min(nb, n - n0), ld = cnt * l;
                for (int gi = 0; gi < groups; gi++)
                {
                    ColumnTransfer.Pack(g, px + n0 * xImg + (long)gi * g.C * g.Plane, xImg, cnt, col);
                    if (oneGemm)
                    {
                        // Few positions per image: one [og, K]·[K, images·L] product fills the 32-wide tiles that
                        // per-image products of width L would leave partly empty; then scatter back to [n, O, L].
                        Sgemm.Multiply(false, false, og, ld, k, 1f, w.Slice(gi * og * k, og * k), k,
                            new ReadOnlySpan<float>(col, k * ld), ld, 0f, new Span<float>(yT, og * ld), ld);
                        ConvScratch.FromChannelMajor(yT, cnt, og, l, py + n0 * yImg + (long)gi * og * l, yImg, beta != 0f);
                        continue;
                    }

                    Sgemm.MultiplyBatched(false, false, cnt, og, l, k, 1f, w.Slice(gi * og * k, og * k), k, 0,
                        new ReadOnlySpan<float>(col, k * ld), ld, l, beta, y[(int)(n0 * yImg + gi * og * l)..], l, yImg);
                }
            }
        }
    }

    /// <summary>Output positions per image below which the im2col forward runs one GEMM over the chunk's images
    /// instead of one per image (settable so tests can compare the two).</summary>
    internal static int OneGemmMaxPositions { get; set; } = 256;

    /// <summary>Gradients for the inputs whose span is given (the others are skipped): dx and dw are overwritten,
    /// db = Σ gy over images and positions.</summary>
    public static void Backward(in ConvGeometry g, int n, int groups, int outC, ReadOnlySpan<float> x,
        ReadOnlySpan<float> w, ReadOnlySpan<float> gy, Span<float> dx, bool needDx, Span<float> dw, bool needDw, Span<float> db)
    {
        int l = g.L, k = g.K, og = outC / groups, c = g.C;
        long xImg = (long)c * groups * g.Plane, yImg = (long)outC * l;
        if (!db.IsEmpty) ConvScratch.SumBias(gy, db, n, l);
        if (needDw && n == 0) dw.Clear();
        if (needDw && DirectConv.Applies(g, groups))
        {
            DirectWeightGrad(g, n, outC, x, gy, dw);
            needDw = false;
        }

        if (!needDx && !needDw) return;
        if (Winograd.Applies(g, groups, outC) && n > 0)
        {
            fixed (float* px = x, pw = w, pgy = gy, pdx = dx, pdw = dw)
            {
                if (needDw) Winograd.WeightGrad(g, n, outC, px, pgy, pdw);
                if (needDx) Winograd.InputGrad(g, n, outC, pgy, pw, pdx);
            }

            return;
        }

        if (g.IsPointwise)
        {
            for (int gi = 0; gi < groups; gi++)
            {
                if (needDx)
                {
                    Sgemm.MultiplyBatched(true, false, n, c, l, og, 1f, w.Slice(gi * og * k, og * k), k, 0,
                        gy[(gi * og * l)..], l, yImg, 0f, dx[(gi * c * l)..], l, xImg);
                }

            }

            if (needDw) PointwiseWeightGrad(g, n, groups, outC, x, gy, dw);
            return;
        }

        if (ImageSplitConv.Applies(g, groups, n))
        {
            fixed (float* px = x, pw = w, pgy = gy, pdx = dx, pdw = dw)
            {
                ImageSplitConv.Backward(g, n, outC, px, pw, pgy, pdx, needDx, pdw, needDw);
            }

            return;
        }

        if (needDx) dx.Clear();
        int nb = ConvScratch.CachedChunkImages(n, k, l);
        float* col = ConvScratch.Columns((long)k * nb * l);
        float* gT = ConvScratch.Transposed((long)outC * nb * l);
        fixed (float* px = x, pgy = gy, pdx = dx)
        {
            for (int n0 = 0; n0 < n; n0 += nb)
            {
                int cnt = Math.Min(nb, n - n0), ld = cnt * l;
                ConvScratch.ToChannelMajor(pgy + n0 * yImg, yImg, cnt, outC, l, gT);
                var colSpan = new Span<float>(col, k * ld);
                for (int gi = 0; gi < groups; gi++)
                {
                    var gTg = new ReadOnlySpan<float>(gT + (long)gi * og * ld, og * ld);
                    if (needDw)
                    {
                        ColumnTransfer.Pack(g, px + n0 * xImg + (long)gi * c * g.Plane, xImg, cnt, col);
                        Sgemm.Multiply(false, true, og, k, ld, 1f, gTg, ld, colSpan, ld, n0 == 0 ? 0f : 1f, dw.Slice(gi * og * k, og * k), k);
                    }

                    if (needDx)
                    {
                        Sgemm.Multiply(true, false, k, ld, og, 1f, w.Slice(gi * og * k, og * k), k, gTg, ld, 0f, colSpan, ld);
                        ColumnTransfer.Unpack(g, col, cnt, pdx + n0 * xImg + (long)gi * c * g.Plane, xImg);
                    }
                }
            }
        }
    }

    /// <summary>Chunks of images whose padded copies fit the column budget, through <see cref="DirectConv"/>.</summary>
    private static void DirectForward(in ConvGeometry g, int n, int outC, ReadOnlySpan<float> x, ReadOnlySpan<float> w,
        ReadOnlySpan<float> bias, Span<float> y)
    {
        int nb = ConvScratch.ChunkImages(n, (long)(g.C + outC) * (g.H + g.KH * g.DH) * (g.W + 16 + g.KW * g.DW), 1);
        long xImg = (long)g.C * g.Plane, yImg = (long)outC * g.L;
        fixed (float* px = x, pw = w, pb = bias, py = y)
        {
            for (int n0 = 0; n0 < n; n0 += nb)
            {
                DirectConv.Forward(g, Math.Min(nb, n - n0), outC, px + n0 * xImg, pw, bias.IsEmpty ? null : pb, py + n0 * yImg);
            }
        }
    }

    private static void DirectWeightGrad(in ConvGeometry g, int n, int outC, ReadOnlySpan<float> x, ReadOnlySpan<float> gy, Span<float> dw)
    {
        int nb = ConvScratch.ChunkImages(n, (long)(g.C + outC + 8) * (g.H + g.KH * g.DH) * (g.W + 16 + g.KW * g.DW), 1);
        long xImg = (long)g.C * g.Plane, yImg = (long)outC * g.L;
        fixed (float* px = x, pgy = gy, pdw = dw)
        {
            for (int n0 = 0; n0 < n; n0 += nb)
            {
                DirectConv.WeightGrad(g, Math.Min(nb, n - n0), outC, px + n0 * xImg, pgy + n0 * yImg, pdw, n0 > 0);
            }
        }
    }

    /// <summary>1×1 dW_g = Σ_i gy_i[g] · x_i[g]ᵀ as one GEMM per chunk over images·L: gy and x are transposed to
    /// channel-major [channels, images·L] first, so the reduction is long and SGEMM splits it over the cores.</summary>
    private static void PointwiseWeightGrad(in ConvGeometry g, int n, int groups, int outC, ReadOnlySpan<float> x,
        ReadOnlySpan<float> gy, Span<float> dw)
    {
        int l = g.L, c = g.C, og = outC / groups, cin = c * groups;
        long xImg = (long)cin * l, yImg = (long)outC * l;
        int nb = ConvScratch.ChunkImages(n, cin + outC, l);
        float* xT = ConvScratch.Columns((long)cin * nb * l);
        float* gT = ConvScratch.Transposed((long)outC * nb * l);
        fixed (float* px = x, pgy = gy)
        {
            for (int n0 = 0; n0 < n; n0 += nb)
            {
                int cnt = Math.Min(nb, n - n0), ld = cnt * l;
                ConvScratch.ToChannelMajor(px + n0 * xImg, xImg, cnt, cin, l, xT);
                ConvScratch.ToChannelMajor(pgy + n0 * yImg, yImg, cnt, outC, l, gT);
                for (int gi = 0; gi < groups; gi++)
                {
                    Sgemm.Multiply(false, true, og, c, ld, 1f, new ReadOnlySpan<float>(gT + (long)gi * og * ld, og * ld), ld,
                        new ReadOnlySpan<float>(xT + (long)gi * c * ld, c * ld), ld, n0 == 0 ? 0f : 1f, dw.Slice(gi * og * c, og * c), c);
                }
            }
        }
    }
}
