using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// ConvTranspose2d forward and backward: the adjoint of <see cref="Conv2dKernels"/>, with the same column
/// machinery and the roles swapped. Per group g: y_i[g] = col2im(W_gᵀ [K, Ci] · x_i[g] [Ci, L]);
/// dx_i[g] = W_g · col(gy_i[g]); dW_g = Σ_i x_i[g] · col(gy_i[g])ᵀ (one GEMM per chunk of images).
/// </summary>
/// <remarks>Shapes: x [N, G·Ci, Hin, Win], w [G·Ci, Co, KH, KW], y/gy [N, G·Co, Hout, Wout]. The geometry describes
/// the convolution that maps y back to x: C = Co, H×W = Hout×Wout, OH×OW = Hin×Win.</remarks>
internal static unsafe class ConvTranspose2dKernels
{
    public static void Forward(in ConvGeometry g, int n, int groups, int inC,
        ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias, Span<float> y)
    {
        int l = g.L, k = g.K, ci = inC / groups, co = g.C, outC = co * groups;
        long xImg = (long)inC * l, yImg = (long)outC * g.Plane;
        if (g.IsPointwise)
        {
            float beta = bias.IsEmpty ? 0f : 1f;
            if (!bias.IsEmpty) ConvScratch.FillBias(bias, y, n, l);
            for (int gi = 0; gi < groups; gi++)
            {
                Sgemm.MultiplyBatched(true, false, n, co, l, ci, 1f, w.Slice(gi * ci * k, ci * k), k, 0,
                    x[(gi * ci * l)..], l, xImg, beta, y[(gi * co * l)..], l, yImg);
            }

            return;
        }

        y.Clear();
        int nb = ConvScratch.ChunkImages(n, k, l);
        float* col = ConvScratch.Columns((long)k * nb * l);
        float* xT = ConvScratch.Transposed((long)inC * nb * l);
        fixed (float* px = x, py = y)
        {
            for (int n0 = 0; n0 < n; n0 += nb)
            {
                int cnt = Math.Min(nb, n - n0), ld = cnt * l;
                // x in channel-major order [Ci, images·L]: one GEMM builds the whole chunk's column matrix.
                ConvScratch.ToChannelMajor(px + n0 * xImg, xImg, cnt, inC, l, xT);
                for (int gi = 0; gi < groups; gi++)
                {
                    Sgemm.Multiply(true, false, k, ld, ci, 1f, w.Slice(gi * ci * k, ci * k), k,
                        new ReadOnlySpan<float>(xT + (long)gi * ci * ld, ci * ld), ld, 0f, new Span<float>(col, k * ld), ld);
                    ColumnTransfer.Unpack(g, col, cnt, py + n0 * yImg + (long)gi * co * g.Plane, yImg);
                }
            }
        }

        for (int i = 0; i < n && !bias.IsEmpty; i++)
        {
            for (int j = 0; j < outC; j++)
            {
                var plane = y.Slice((int)(i * yImg + (long)j * g.Plane), g.Plane);
                TensorPrimitives.Add(plane, bias[j], plane);
            }
        }
    }

    /// <summary>Gradients for the inputs asked for: dx and dw are overwritten, db = Σ gy over images and pixels.</summary>
    public static void Backward(in ConvGeometry g, int n, int groups, int inC, ReadOnlySpan<float> x,
        ReadOnlySpan<float> w, ReadOnlySpan<float> gy, Span<float> dx, bool needDx, Span<float> dw, bool needDw, Span<float> db)
    {
        int l = g.L, k = g.K, ci = inC / groups, co = g.C, outC = co * groups;
        long xImg = (long)inC * l, yImg = (long)outC * g.Plane;
        if (!db.IsEmpty) ConvScratch.SumBias(gy, db, n, g.Plane);
        if (needDw && n == 0) dw.Clear();
        if (g.IsPointwise)
        {
            for (int gi = 0; gi < groups; gi++)
            {
                if (needDx)
                {
                    Sgemm.MultiplyBatched(false, false, n, ci, l, co, 1f, w.Slice(gi * ci * k, ci * k), k, 0,
                        gy[(gi * co * l)..], l, yImg, 0f, dx[(gi * ci * l)..], l, xImg);
                }

                for (int i = 0; needDw && i < n; i++)
                {
                    Sgemm.Multiply(false, true, ci, co, l, 1f, x.Slice((int)(i * xImg + gi * ci * l), ci * l), l,
                        gy.Slice((int)(i * yImg + gi * co * l), co * l), l, i == 0 ? 0f : 1f, dw.Slice(gi * ci * k, ci * k), k);
                }
            }

            return;
        }

        int nb = ConvScratch.ChunkImages(n, k, l);
        float* col = ConvScratch.Columns((long)k * nb * l);
        float* xT = needDw ? ConvScratch.Transposed((long)inC * nb * l) : null;
        fixed (float* px = x, pgy = gy)
        {
            for (int n0 = 0; n0 < n; n0 += nb)
            {
                int cnt = Math.Min(nb, n - n0), ld = cnt * l;
                var colSpan = new ReadOnlySpan<float>(col, k * ld);
                if (needDw) ConvScratch.ToChannelMajor(px + n0 * xImg, xImg, cnt, inC, l, xT);
                for (int gi = 0; gi < groups; gi++)
                {
                    ColumnTransfer.Pack(g, pgy + n0 * yImg + (long)gi * co * g.Plane, yImg, cnt, col);
                    if (needDx)
                    {
                        Sgemm.MultiplyBatched(false, false, cnt, ci, l, k, 1f, w.Slice(gi * ci * k, ci * k), k, 0,
                            colSpan, ld, l, 0f, dx[(int)(n0 * xImg + gi * ci * l)..], l, xImg);
                    }

                    if (needDw)
                    {
                        Sgemm.Multiply(false, true, ci, k, ld, 1f, new ReadOnlySpan<float>(xT + (long)gi * ci * ld, ci * ld), ld,
                            colSpan, ld, n0 == 0 ? 0f : 1f, dw.Slice(gi * ci * k, ci * k), k);
                    }
                }
            }
        }
    }
}
