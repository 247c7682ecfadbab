using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// im2col Conv2d for images with few window positions (L &lt; <see cref="Conv2dKernels.OneGemmMaxPositions"/>),
/// split by image over the cores (PyTorch's slow_conv2d splits the batch the same way): each core takes a
/// contiguous range of images and runs every phase for it alone — im2col into its own L2-sized column buffer,
/// single-threaded GEMMs over its chunk's columns, col2im into its own images — and the weight gradient is summed
/// from one partial per core at the end (in part order, so the result does not depend on timing).
/// </summary>
/// <remarks>
/// Why not split each phase instead: for the MNIST CNN's 5×5 32→64 layer on 12×12 the per-phase split made both
/// cores pack the whole transposed column matrix for every weight-gradient GEMM (its rows were split) and moved
/// column data between the cores' L2 caches between im2col and the GEMM. Groups = 1 only.
/// </remarks>
internal sealed unsafe class ImageSplitConv : PartsJob
{
    [ThreadStatic] private static ImageSplitConv? t_job;
    [ThreadStatic] private static float[]? t_colT;

    /// <summary>Whether the weight-gradient GEMM gets the column matrix transposed by <see cref="BlockTranspose"/>
    /// (settable so tests and conv-parts compare it with SGEMM's own transposed packing).</summary>
    internal static bool TransposeColumns { get; set; } = true;

    private ConvGeometry _g;
    private int _n, _outC, _parts;
    private bool _backward, _bias, _needDx, _needDw;
    private float* _x, _w, _y, _gy, _dx, _dw, _partials;
    private float[]? _partialBuffer;

    /// <summary>Whether the image split handles this layer (settable so tests can compare it with the per-phase split).</summary>
    internal static bool Enabled { get; set; } = true;

    public static bool Applies(in ConvGeometry g, int groups, int n) =>
        Enabled && groups == 1 && n > 0 && !g.IsPointwise && g.L < Conv2dKernels.OneGemmMaxPositions;

    /// <summary>y = conv(x, w) + bias; y must already hold the bias (or anything, when <paramref name="bias"/> is false).</summary>
    public static void Forward(in ConvGeometry g, int n, int outC, float* x, float* w, bool bias, float* y)
    {
        var job = Prepare(g, n, outC, x, w);
        job._backward = false; job._bias = bias; job._y = y;
        job.Run(n, true);
    }

    /// <summary>dx (when <paramref name="needDx"/>) and dw (when <paramref name="needDw"/>) are overwritten.</summary>
    public static void Backward(in ConvGeometry g, int n, int outC, float* x, float* w, float* gy,
        float* dx, bool needDx, float* dw, bool needDw)
    {
        var job = Prepare(g, n, outC, x, w);
        job._backward = true; job._gy = gy; job._dx = dx; job._dw = dw;
        job._needDx = needDx; job._needDw = needDw;
        long wSize = (long)outC * g.K;
        job._partials = needDw && job._parts > 1 ? ConvScratch.Grow(ref job._partialBuffer, (job._parts - 1) * wSize) : null;
        job.Run(n, true);
        // Sum the other parts' partial weight gradients into part 0's, which was written to dw directly.
        for (int p = 1; needDw && p < job._parts; p++)
        {
            var d = new Span<float>(dw, (int)wSize);
            TensorPrimitives.Add(d, new ReadOnlySpan<float>(job._partials + (p - 1) * wSize, (int)wSize), d);
        }
    }

    private static ImageSplitConv Prepare(in ConvGeometry g, int n, int outC, float* x, float* w)
    {
        var job = t_job ??= new ImageSplitConv();
        job._g = g; job._n = n; job._outC = outC; job._x = x; job._w = w;
        job._parts = Math.Min(Math.Min(Environment.ProcessorCount, 64), n);
        return job;
    }

    protected override void RunRange(int i0, int i1)
    {
        var g = _g;
        int l = g.L, k = g.K, kk = g.KH * g.KW, outC = _outC;
        long xImg = (long)g.C * g.Plane, yImg = (long)outC * l;
        int nb = ConvScratch.CachedChunkImages(i1 - i0, k, l);
        float* col = ConvScratch.Columns((long)k * nb * l);
        float* yT = ConvScratch.Transposed((long)outC * nb * l);
        float* dw = i0 == 0 ? _dw : _partials + (PartOf(i0) - 1) * (long)outC * k;
        var kind = GemmDriver.DefaultKind;
        if (_backward && _needDx) new Span<float>(_dx + i0 * xImg, (int)((i1 - i0) * xImg)).Clear();
        for (int n0 = i0; n0 < i1; n0 += nb)
        {
            int cnt = Math.Min(nb, i1 - n0), ld = cnt * l;
            if (!_backward || _needDw) Pack(g, _x + n0 * xImg, xImg, cnt, col, ld, kk);
            if (!_backward)
            {
                GemmDriver.Run(new GemmProblem(false, false, outC, ld, k, 1f, _w, k, col, ld, 0f, yT, ld), kind);
                ConvScratch.FromChannelMajor(yT, cnt, outC, l, _y + n0 * yImg, yImg, _bias);
                continue;
            }

            ConvScratch.ToChannelMajor(_gy + n0 * yImg, yImg, cnt, outC, l, yT);
            if (_needDw)
            {
                float beta = n0 == i0 ? 0f : 1f;
                if (TransposeColumns)
                {
                    float* colT = ConvScratch.Grow(ref t_colT, (long)ld * k);
                    BlockTranspose.Run(col, ld, k, ld, colT, k);
                    GemmDriver.Run(new GemmProblem(false, false, outC, k, ld, 1f, yT, ld, colT, k, beta, dw, k), kind);
                }
                else
                {
                    GemmDriver.Run(new GemmProblem(false, true, outC, k, ld, 1f, yT, ld, col, ld, beta, dw, k), kind);
                }
            }

            if (_needDx)
            {
                GemmDriver.Run(new GemmProblem(true, false, k, ld, outC, 1f, _w, k, yT, ld, 0f, col, ld), kind);
                for (int i = 0; i < cnt; i++)
                {
                    for (int c = 0; c < g.C; c++)
                    {
                        Im2Col.Unpack(g, col + (long)i * l + (long)c * kk * ld, ld, _dx + (n0 + i) * xImg + (long)c * g.Plane);
                    }
                }
            }
        }
    }

    private static void Pack(in ConvGeometry g, float* x, long xImg, int cnt, float* col, int ld, int kk)
    {
        for (int i = 0; i < cnt; i++)
        {
            for (int c = 0; c < g.C; c++)
            {
                Im2Col.Pack(g, x + i * xImg + (long)c * g.Plane, col + (long)i * g.L + (long)c * kk * ld, ld);
            }
        }
    }

    /// <summary>The part whose image range starts at <paramref name="i0"/> (ranges are p·n/parts, as PartsJob splits).</summary>
    private int PartOf(int i0)
    {
        for (int p = 0; p < _parts; p++)
        {
            if ((int)((long)p * _n / _parts) == i0) return p;
        }

        throw new InvalidOperationException($"Conv2d image split: no part starts at image {i0} of {_n}.");
    }
}
