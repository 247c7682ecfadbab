namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// im2col/col2im over a chunk of images, split by (image, channel) plane over the <see cref="GemmWorkers"/> helpers
/// (the same spinning threads SGEMM uses, so the phases alternate on the cores instead of oversubscribing them).
/// The column matrix is [C·KH·KW, images·L]: image i's window positions are columns [i·L, (i+1)·L), so one GEMM
/// per image reads its block with leading dimension images·L.
/// </summary>
internal sealed unsafe class ColumnTransfer : IWorkerJob
{
    /// <summary>Below this many column elements a hand-off costs more than it saves.</summary>
    private const long ParallelElements = 1 << 15;

    [ThreadStatic] private static ColumnTransfer? t_job;

    private ConvGeometry _g;
    private bool _unpack;
    private float* _img, _col;
    private long _imgStride, _ld;
    private long _claim;
    private int _units, _done;

    /// <summary>col[:, i·L..] = im2col(image i) for <paramref name="images"/> images <paramref name="imgStride"/>
    /// floats apart (the group's first channel at <paramref name="img"/>).</summary>
    public static void Pack(in ConvGeometry g, float* img, long imgStride, int images, float* col) =>
        Run(g, false, img, imgStride, images, col);

    /// <summary>image i += col2im(col[:, i·L..]) for each image of the chunk.</summary>
    public static void Unpack(in ConvGeometry g, float* col, int images, float* img, long imgStride) =>
        Run(g, true, img, imgStride, images, col);

    private static void Run(in ConvGeometry g, bool unpack, float* img, long imgStride, int images, float* col)
    {
        int units = images * g.C;
        int threads = Math.Min(Environment.ProcessorCount, 64);
        var job = t_job ??= new ColumnTransfer();
        job._g = g; job._unpack = unpack; job._img = img; job._col = col;
        job._imgStride = imgStride; job._ld = (long)images * g.L; job._units = units;
        if (threads <= 1 || units < 2 || (long)units * g.KH * g.KW * g.L < ParallelElements)
        {
            job.RunRange(0, units);
            return;
        }

        int parts = Math.Min(threads, units);
        job._done = 0;
        Interlocked.Exchange(ref job._claim, (long)parts << 32);
        GemmWorkers.Publish(job);
        job.Work();
        var spin = new SpinWait();
        while (Volatile.Read(ref job._done) < parts) spin.SpinOnce(sleep1Threshold: -1);
    }

    public void Work()
    {
        while (true)
        {
            long claim = Interlocked.Increment(ref _claim);
            int part = (int)claim - 1, parts = (int)(claim >> 32);
            if (part >= parts) return;
            RunRange((int)((long)part * _units / parts), (int)((long)(part + 1) * _units / parts));
            Interlocked.Increment(ref _done);
        }
    }

    private void RunRange(int u0, int u1)
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
