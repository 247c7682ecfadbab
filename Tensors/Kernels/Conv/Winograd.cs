using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// Stride-1 3×3 convolution by Winograd F(2×2, 3×3) for many channels (ResNet's 3×3 layers): 16 products
/// [tiles, C]·[C, O] replace one [O, C·9]·[C·9, L] im2col product, 2.25× fewer multiply-adds, at the cost of
/// transforming the input (per 4×4 patch), the output (per 2×2 tile) and the kernels. The input gradient is the same
/// computation on gy with the kernels turned 180° and transposed (padding 2 − p); the weight gradient is the adjoint,
/// dU = Σ_tiles (A gY Aᵀ) ⊙ (Bᵀ d B) as 16 products [C, tiles]·[tiles, O], then dW = Gᵀ dU G. Images go in chunks
/// whose transformed matrices fit <see cref="ConvScratch.ColumnBudget"/>; the transforms split over tile rows on
/// the SGEMM helper threads.
/// </summary>
internal sealed unsafe class Winograd : PartsJob
{
    private const int P = WinogradTransforms.Positions;

    /// <summary>Whether eligible convolutions take this path (tests and benchmarks compare it with im2col + SGEMM).</summary>
    internal static bool Enabled { get; set; } = true;

    /// <summary>Fewest input and output channels that take this path. With few channels the per-ξ GEMMs are tiny and
    /// the per-tile transforms (fixed cost per pixel) dominate; 16 is a conservative choice, not a tuned crossover
    /// (the ResNet shapes in docs/BENCHMARKS.md have 64 or more).</summary>
    internal static int MinChannels { get; set; } = 16;

    [ThreadStatic] private static Winograd? t_job;
    [ThreadStatic] private static float[]? t_u, t_v, t_m, t_img, t_zeros;

    private enum Stage { ToPixelMajor, Input, Output, Grad, Weights, WeightsRotated, WeightGrad }

    private Stage _stage;
    private int _c, _h, _w, _oc, _oh, _ow, _pt, _pl, _th, _tw, _channels, _plane;
    private long _tiles;
    private float* _src, _dst, _bias, _zeros;

    /// <summary>Stride 1, dilation 1, 3×3, one group, channel counts that are multiples of 8 and at least
    /// <see cref="MinChannels"/>, and 256-bit SIMD.</summary>
    public static bool Applies(in ConvGeometry g, int groups, int outC) =>
        Enabled && Vector256.IsHardwareAccelerated && groups == 1 && g.KH == 3 && g.KW == 3 && g.SH == 1 && g.SW == 1
        && g.DH == 1 && g.DW == 1 && g.C % 8 == 0 && outC % 8 == 0 && g.C >= MinChannels && outC >= MinChannels;

    /// <summary>y = conv(x, w) + bias: x [n, C, H, W], w [O, C, 3, 3], y [n, O, OH, OW] (overwritten).</summary>
    public static void Forward(in ConvGeometry g, int n, int outC, float* x, float* w, float* bias, float* y)
    {
        float* u = ConvScratch.Grow(ref t_u, (long)P * g.C * outC);
        Job().KernelStage(Stage.Weights, w, u, outC, g.C);
        Convolve(n, g.C, g.H, g.W, outC, g.OH, g.OW, g.PT, g.PL, x, u, bias, y);
    }

    /// <summary>dx = the correlation of gy with the kernels turned 180° (channels swapped), overwriting dx.</summary>
    public static void InputGrad(in ConvGeometry g, int n, int outC, float* gy, float* w, float* dx)
    {
        float* u = ConvScratch.Grow(ref t_u, (long)P * g.C * outC);
        Job().KernelStage(Stage.WeightsRotated, w, u, outC, g.C);
        Convolve(n, outC, g.OH, g.OW, g.C, g.H, g.W, 2 - g.PT, 2 - g.PL, gy, u, null, dx);
    }

    /// <summary>dw = Σ_images gy ⋆ x (overwritten), through the transformed domain.</summary>
    public static void WeightGrad(in ConvGeometry g, int n, int outC, float* x, float* gy, float* dw)
    {
        int c = g.C, th = (g.OH + 1) / 2, tw = (g.OW + 1) / 2;
        long perImage = (long)P * th * tw * (c + outC) + (long)g.Plane * c + (long)g.L * outC;
        int nb = ConvScratch.ChunkImages(n, perImage, 1);
        float* du = ConvScratch.Grow(ref t_u, (long)P * c * outC);
        Buffers((long)nb * (g.Plane * c + g.L * outC), (long)P * nb * th * tw * c, (long)P * nb * th * tw * outC,
            Math.Max(c, outC), out float* img, out float* v, out float* m);
        float* gyT = img + (long)nb * g.Plane * c;
        var job = Job();
        for (int n0 = 0; n0 < n; n0 += nb)
        {
            int cnt = Math.Min(nb, n - n0);
            long tiles = (long)cnt * th * tw;
            job.Geometry(c, g.H, g.W, outC, g.OH, g.OW, g.PT, g.PL, th, tw, tiles);
            job.Images(Stage.ToPixelMajor, x + n0 * (long)c * g.Plane, img, cnt, c, g.Plane);
            job.Images(Stage.ToPixelMajor, gy + n0 * (long)outC * g.L, gyT, cnt, outC, g.L);
            job.TileRows(Stage.Input, img, v, null, cnt);
            job.TileRows(Stage.Grad, gyT, m, null, cnt);
            Sgemm.MultiplyBatched(true, false, P, c, outC, (int)tiles, 1f, new ReadOnlySpan<float>(v, (int)(P * tiles * c)), c,
                tiles * c, new ReadOnlySpan<float>(m, (int)(P * tiles * outC)), outC, tiles * outC, n0 == 0 ? 0f : 1f,
                new Span<float>(du, P * c * outC), outC, (long)c * outC);
        }

        job.KernelStage(Stage.WeightGrad, du, dw, outC, c);
    }

    /// <summary>y = Σ_ξ-products of x (NCHW, cin channels, h×w) with transformed kernels u [16, cin, cout], padding
    /// (pt, pl), output cout×oh×ow per image.</summary>
    private static void Convolve(int n, int cin, int h, int w, int cout, int oh, int ow, int pt, int pl, float* x, float* u,
        float* bias, float* y)
    {
        int th = (oh + 1) / 2, tw = (ow + 1) / 2;
        long perImage = (long)P * th * tw * (cin + cout) + (long)h * w * cin;
        int nb = ConvScratch.ChunkImages(n, perImage, 1);
        Buffers((long)nb * h * w * cin, (long)P * nb * th * tw * cin, (long)P * nb * th * tw * cout, cin,
            out float* img, out float* v, out float* m);
        var job = Job();
        for (int n0 = 0; n0 < n; n0 += nb)
        {
            int cnt = Math.Min(nb, n - n0);
            long tiles = (long)cnt * th * tw;
            job.Geometry(cin, h, w, cout, oh, ow, pt, pl, th, tw, tiles);
            job.Images(Stage.ToPixelMajor, x + n0 * (long)cin * h * w, img, cnt, cin, h * w);
            job.TileRows(Stage.Input, img, v, null, cnt);
            Sgemm.MultiplyBatched(false, false, P, (int)tiles, cout, cin, 1f, new ReadOnlySpan<float>(v, (int)(P * tiles * cin)), cin,
                tiles * cin, new ReadOnlySpan<float>(u, P * cin * cout), cout, (long)cin * cout, 0f,
                new Span<float>(m, (int)(P * tiles * cout)), cout, tiles * cout);
            job.TileRows(Stage.Output, m, y + n0 * (long)cout * oh * ow, bias, cnt);
        }
    }

    private static Winograd Job() => t_job ??= new Winograd();

    private static void Buffers(long img, long v, long m, int zeros, out float* pImg, out float* pV, out float* pM)
    {
        float* z = ConvScratch.Grow(ref t_zeros, zeros);
        new Span<float>(z, zeros).Clear();
        var job = Job();
        job._zeros = z;
        pImg = ConvScratch.Grow(ref t_img, img);
        pV = ConvScratch.Grow(ref t_v, v);
        pM = ConvScratch.Grow(ref t_m, m);
    }

    private void Geometry(int c, int h, int w, int oc, int oh, int ow, int pt, int pl, int th, int tw, long tiles)
    {
        _c = c; _h = h; _w = w; _oc = oc; _oh = oh; _ow = ow; _pt = pt; _pl = pl; _th = th; _tw = tw; _tiles = tiles;
    }

    /// <summary>[channels, plane] → [plane, channels] for each of <paramref name="images"/> images.</summary>
    private void Images(Stage stage, float* src, float* dst, int images, int channels, int plane)
    {
        _stage = stage; _src = src; _dst = dst; _channels = channels; _plane = plane;
        Run(images, (long)images * channels * plane >= 1 << 15);
    }

    private void TileRows(Stage stage, float* src, float* dst, float* bias, int images)
    {
        _stage = stage; _src = src; _dst = dst; _bias = bias;
        Run(images * _th, _tiles * Math.Max(_c, _oc) >= 1 << 12);
    }

    /// <summary>A kernel transform over its outer channel index (input channels, or output channels when rotated).</summary>
    private void KernelStage(Stage stage, float* src, float* dst, int outC, int c)
    {
        _stage = stage; _src = src; _dst = dst; _oc = outC; _c = c;
        Run(stage == Stage.WeightsRotated ? outC : c, (long)outC * c >= 1 << 12);
    }

    protected override void RunRange(int u0, int u1)
    {
        switch (_stage)
        {
            case Stage.ToPixelMajor:
                long size = (long)_channels * _plane;
                for (int i = u0; i < u1; i++) Transpose(_src + i * size, _channels, _plane, _dst + i * size);
                return;
            case Stage.Weights or Stage.WeightsRotated:
                WinogradTransforms.Weights(_src, _oc, _c, u0, u1, _stage == Stage.WeightsRotated, _dst);
                return;
            case Stage.WeightGrad:
                WinogradTransforms.WeightGrad(_src, _oc, _c, u0, u1, _dst);
                return;
        }

        long tilesPerImage = (long)_th * _tw;
        for (int u = u0; u < u1; u++)
        {
            int i = u / _th, ty = u % _th;
            long tile0 = i * tilesPerImage + (long)ty * _tw;
            switch (_stage)
            {
                case Stage.Input:
                    WinogradTransforms.InputRow(_src + (long)i * _h * _w * _c, _h, _w, _c, _pt, _pl, ty, _tw, tile0, _tiles, _zeros, _dst);
                    break;
                case Stage.Grad:
                    WinogradTransforms.GradRow(_src + (long)i * _oh * _ow * _oc, _oh, _ow, _oc, ty, _tw, tile0, _tiles, _zeros, _dst);
                    break;
                default:
                    WinogradTransforms.OutputRow(_src, tile0, _tiles, _oc, _oh, _ow, ty, _tw, _bias, _dst + (long)i * _oc * _oh * _ow);
                    break;
            }
        }
    }

    /// <summary>dst[p, c] = src[c, p] in 16×16 blocks (both sides stay within a few cache lines per block).</summary>
    private static void Transpose(float* src, int rows, int cols, float* dst)
    {
        const int B = 16;
        for (int r0 = 0; r0 < rows; r0 += B)
        {
            int r1 = Math.Min(rows, r0 + B);
            for (int c0 = 0; c0 < cols; c0 += B)
            {
                int c1 = Math.Min(cols, c0 + B);
                for (int c = c0; c < c1; c++)
                {
                    float* d = dst + (long)c * rows;
                    for (int r = r0; r < r1; r++) d[r] = src[(long)r * cols + c];
                }
            }
        }
    }
}
