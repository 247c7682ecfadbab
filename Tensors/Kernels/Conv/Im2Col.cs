using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels.Conv;

/// <summary>
/// im2col and its adjoint col2im for one channel plane of one image. Column row (c, ki, kj) holds, for every window
/// position (oh, ow), the pixel img[c, oh·SH − PT + ki·DH, ow·SW − PL + kj·DW] (0 outside the image). The valid
/// window range of each kernel row/column is computed once, so the inner loops have no bounds tests: stride-1 rows
/// are contiguous copies (col2im: vector adds), wider strides a gather loop.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>Writes the KH·KW column rows of channel plane <paramref name="img"/> (H·W floats) starting at
    /// <paramref name="col"/>, rows <paramref name="ld"/> floats apart, OH·OW floats each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack(in ConvGeometry g, float* img, float* col, long ld)
    {
        int ow = g.OW, oh = g.OH;
        for (int ki = 0; ki < g.KH; ki++)
        {
            int rowOff = ki * g.DH - g.PT;
            var (hLo, hHi) = ConvGeometry.ValidRange(rowOff, g.SH, g.H, oh);
            for (int kj = 0; kj < g.KW; kj++)
            {
                int colOff = kj * g.DW - g.PL;
                var (wLo, wHi) = ConvGeometry.ValidRange(colOff, g.SW, g.W, ow);
                float* dst = col + (ki * g.KW + kj) * ld;
                if (hLo > 0) new Span<float>(dst, hLo * ow).Clear();
                if (hHi < oh) new Span<float>(dst + hHi * ow, (oh - hHi) * ow).Clear();
                int n = wHi - wLo;
                for (int y = hLo; y < hHi; y++)
                {
                    float* d = dst + y * ow;
                    float* s = img + (y * g.SH + rowOff) * g.W + colOff;
                    for (int x = 0; x < wLo; x++) d[x] = 0f;
                    if (g.SW == 1)
                    {
                        Copy(s + wLo, d + wLo, n);
                    }
                    else
                    {
                        int sw = g.SW;
                        for (int x = wLo; x < wHi; x++) d[x] = s[x * sw];
                    }

                    for (int x = wHi; x < ow; x++) d[x] = 0f;
                }
            }
        }
    }

    /// <summary>Adjoint of <see cref="Pack"/>: adds the KH·KW column rows back into channel plane
    /// <paramref name="img"/> (which the caller has initialized, usually to zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unpack(in ConvGeometry g, float* col, long ld, float* img)
    {
        int ow = g.OW, oh = g.OH;
        for (int ki = 0; ki < g.KH; ki++)
        {
            int rowOff = ki * g.DH - g.PT;
            var (hLo, hHi) = ConvGeometry.ValidRange(rowOff, g.SH, g.H, oh);
            for (int kj = 0; kj < g.KW; kj++)
            {
                int colOff = kj * g.DW - g.PL;
                var (wLo, wHi) = ConvGeometry.ValidRange(colOff, g.SW, g.W, ow);
                float* src = col + (ki * g.KW + kj) * ld;
                int n = wHi - wLo;
                if (n <= 0) continue;
                for (int y = hLo; y < hHi; y++)
                {
                    float* s = src + y * ow + wLo;
                    float* d = img + (y * g.SH + rowOff) * g.W + colOff + wLo * g.SW;
                    if (g.SW == 1)
                    {
                        AddTo(s, d, n);
                    }
                    else
                    {
                        int sw = g.SW;
                        for (int x = 0; x < n; x++) d[x * sw] += s[x];
                    }
                }
            }
        }
    }

    // Rows are short (8 floats for a 5×5 kernel on 12×12): inline vector moves instead of a library call per row,
    // whose call overhead cost more than the copy (400 k rows per MNIST-CNN backward).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(float* s, float* d, int n)
    {
        int x = 0;
        for (; x + 16 <= n; x += 16) Vector512.Store(Vector512.Load(s + x), d + x);
        for (; x + 8 <= n; x += 8) Vector256.Store(Vector256.Load(s + x), d + x);
        for (; x < n; x++) d[x] = s[x];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo(float* s, float* d, int n)
    {
        int x = 0;
        for (; x + 16 <= n; x += 16) Vector512.Store(Vector512.Load(d + x) + Vector512.Load(s + x), d + x);
        for (; x + 8 <= n; x += 8) Vector256.Store(Vector256.Load(d + x) + Vector256.Load(s + x), d + x);
        for (; x < n; x++) d[x] += s[x];
    }
}
