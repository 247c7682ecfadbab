namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// im2col/col2im over a chunk of images, split by (image, channel) plane over the cores. The column matrix is
/// [C·KH·KW, images·L]: image i's window positions are columns [i·L, (i+1)·L), so one GEMM per image reads its
/// block with leading dimension images·L, and one GEMM over the chunk reduces over images·L.
/// </summary>
internal sealed unsafe class ColumnTransfer : PartsJob
{
    /// <summary>Below this many column elements a hand-off costs more than it saves.</summary>
    private const long ParallelElements = 1 << 15;

    [ThreadStatic] private static ColumnTransfer? t_job;

    private ConvGeometry _g;
    private bool _unpack;
    private float* _img, _col;
    private long _imgStride, _ld;

    /// <summary>col[:, i·L..] = im2col(image i) for <paramref name="images"/> images <paramref name="imgStride"/>
    /// floats apart (the group's first channel at <paramref name="img"/>).</summary>
    public static void Pack(in ConvGeometry g, float* img, long imgStride, int images, float* col) =>
        Start(g, false, img, imgStride, images, col);

    /// <summary>image i += col2im(col[:, i·L..]) for each image of the chunk.</summary>
    public static void Unpack(in ConvGeometry g, float* col, int images, float* img, long imgStride) =>
        Start(g, true, img, imgStride, images, col);

    private static void Start(in ConvGeometry g, bool unpack, float* img, long imgStride, int images, float* col)
    {
        var job = t_job ??= new ColumnTransfer();
        job._g = g; job._unpack = unpack; job._img = img; job._col = col;
        job._imgStride = imgStride; job._ld = (long)images * g.L;
        int units = images * g.C;
        job.Run(units, (long)units * g.KH * g.KW * g.L >= ParallelElements);
    }

    protected override void RunRange(int u0, int u1)
    {
        var g = _g;
        int kk = g.KH * g.KW;
        for (int u = u0; u < u1; u++)
        {
            int n = u / g.C, c = u % g.C;
            float* img = _img + n * _imgStride + (long)c * g.Plane;
            float* col = _col + (long)n * g.L + c * kk * _ld;
            if (_unpack) Im2Col.Unpack(g, col, _ld, img);
            else Im2Col.Pack(g, img, col, _ld);
        }
    }
}
