using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// Per-thread column and transpose buffers that grow on demand and are kept (steady-state convolutions allocate
/// nothing), plus the small helpers the convolution drivers share: batch chunking, bias broadcast and sum, and
/// the [N, C, L] ↔ [C, N·L] transpose that lets one GEMM reduce over a whole chunk of images.
/// </summary>
internal static unsafe class ConvScratch
{
    /// <summary>Column-matrix budget per chunk (floats): 4 Mi floats = 16 MiB keeps a ResNet-sized batch in one
    /// chunk while bounding memory for large images (a 224×224 RGB batch is split into chunks).</summary>
    internal static long ColumnBudget { get; set; } = 1L << 22;

    // Pinned (POH) so pointers into them stay valid without fixed blocks across the helper threads.
    [ThreadStatic] private static float[]? t_col;
    [ThreadStatic] private static float[]? t_trans;

    /// <summary>Column-matrix budget (floats) for the im2col Conv2d passes, which write the matrix and read it straight
    /// back: 256 Ki floats = 1 MiB stays in a core's L2, instead of streaming a batch-sized matrix through memory
    /// (which slowed these passes most when other processes compete for memory bandwidth).</summary>
    internal static long CacheBudget { get; set; } = 1L << 18;

    /// <summary>Images per im2col chunk: the column matrix fits both budgets; at least 1.</summary>
    public static int CachedChunkImages(int batch, long k, long l) =>
        (int)Math.Clamp(Math.Min(ColumnBudget, CacheBudget) / Math.Max(1, k * l), 1, Math.Max(1, batch));

    /// <summary>Images per chunk so that the column matrix (k·l floats per image) fits the budget; at least 1.</summary>
    public static int ChunkImages(int batch, long k, long l) =>
        (int)Math.Clamp(ColumnBudget / Math.Max(1, k * l), 1, Math.Max(1, batch));

    public static float* Columns(long floats) => Grow(ref t_col, floats);

    public static float* Transposed(long floats) => Grow(ref t_trans, floats);

    /// <summary>A pointer to at least <paramref name="floats"/> floats of <paramref name="buffer"/>, replaced by a larger
    /// pinned array when too short (by half again, so slowly growing sizes settle).</summary>
    internal static float* Grow(ref float[]? buffer, long floats)
    {
        if (buffer is null || buffer.LongLength < floats)
        {
            buffer = GC.AllocateUninitializedArray<float>((int)Math.Max(floats, (buffer?.LongLength ?? 0) * 3 / 2), pinned: true);
        }

        return (float*)Unsafe.AsPointer(ref buffer[0]);
    }

    /// <summary>y[n, c, :] = bias[c] for every image (y is [n, c, l]).</summary>
    public static void FillBias(ReadOnlySpan<float> bias, Span<float> y, int n, int l)
    {
        int c = bias.Length;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                y.Slice((i * c + j) * l, l).Fill(bias[j]);
            }
        }
    }

    /// <summary>db[c] = Σ_{n, l} g[n, c, l].</summary>
    public static void SumBias(ReadOnlySpan<float> g, Span<float> db, int n, int l)
    {
        int c = db.Length;
        db.Clear();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                db[j] += TensorPrimitives.Sum(g.Slice((i * c + j) * l, l));
            }
        }
    }

    /// <summary>dst[i, c, p] (+)= src[c, i·l + p] for i &lt; n (dst images <paramref name="dstStride"/> floats apart):
    /// the inverse of <see cref="ToChannelMajor"/>, adding when <paramref name="accumulate"/>.</summary>
    public static void FromChannelMajor(float* src, int n, int c, int l, float* dst, long dstStride, bool accumulate)
    {
        long ld = (long)n * l;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                var s = new ReadOnlySpan<float>(src + j * ld + (long)i * l, l);
                var d = new Span<float>(dst + i * dstStride + (long)j * l, l);
                if (accumulate) TensorPrimitives.Add(d, s, d);
                else s.CopyTo(d);
            }
        }
    }

    /// <summary>dst[c, i·l + p] = src[i, c, p] for i &lt; n (src images <paramref name="srcStride"/> floats apart).</summary>
    public static void ToChannelMajor(float* src, long srcStride, int n, int c, int l, float* dst)
    {
        long ld = (long)n * l;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                Buffer.MemoryCopy(src + i * srcStride + (long)j * l, dst + j * ld + (long)i * l, l * sizeof(float), l * sizeof(float));
            }
        }
    }
}
