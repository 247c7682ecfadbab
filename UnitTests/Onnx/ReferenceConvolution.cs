using MlNetDl.Onnx;
using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>Test-only convolution for the ONNX conformance runs until <c>Functional.Conv2d</c> is merged into this
/// branch: im2col in managed loops followed by the engine's MatMul (SGEMM), and a direct scatter loop for the
/// transposed case. Correct, not fast; never part of the library.</summary>
internal sealed class ReferenceConvolution : IConvolution
{
    public static void Install() => OnnxOps.Convolution ??= new ReferenceConvolution();

    public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding, (int, int) dilation, int groups)
    {
        int n = input.Size(0), c = input.Size(1), h = input.Size(2), w = input.Size(3);
        int o = weight.Size(0), cg = weight.Size(1), kh = weight.Size(2), kw = weight.Size(3);
        int oh = (h + 2 * padding.Item1 - dilation.Item1 * (kh - 1) - 1) / stride.Item1 + 1;
        int ow = (w + 2 * padding.Item2 - dilation.Item2 * (kw - 1) - 1) / stride.Item2 + 1;
        if (cg * groups != c || oh <= 0 || ow <= 0)
        {
            throw new ArgumentException($"reference conv: input {input.Shape}, weight {weight.Shape}, groups {groups}.");
        }

        int og = o / groups, rows = cg * kh * kw, cols = oh * ow;
        var x = input.AsReadOnlySpan<float>();
        var y = new float[n * o * cols];
        var columns = new float[rows * cols];
        for (int b = 0; b < n; b++)
        {
            for (int g = 0; g < groups; g++)
            {
                for (int ci = 0; ci < cg; ci++)
                {
                    int plane = ((b * c) + g * cg + ci) * h * w;
                    for (int i = 0; i < kh; i++)
                    {
                        for (int j = 0; j < kw; j++)
                        {
                            int row = (ci * kh + i) * kw + j;
                            for (int yy = 0; yy < oh; yy++)
                            {
                                int iy = yy * stride.Item1 - padding.Item1 + i * dilation.Item1;
                                for (int xx = 0; xx < ow; xx++)
                                {
                                    int ix = xx * stride.Item2 - padding.Item2 + j * dilation.Item2;
                                    columns[row * cols + yy * ow + xx] = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[plane + iy * w + ix] : 0f;
                                }
                            }
                        }
                    }
                }

                using var wg = weight.Narrow(0, g * og, og).Reshape(og, rows);
                using var col = Tensor.Wrap(columns, rows, cols);
                using var prod = wg.MatMul(col);
                prod.AsReadOnlySpan<float>().CopyTo(y.AsSpan((b * o + g * og) * cols, og * cols));
            }
        }

        AddBias(y, bias, n, o, cols);
        return Tensor.Wrap(y, n, o, oh, ow);
    }

    public Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, (int, int) stride, (int, int) padding, (int, int) outputPadding,
        int groups, (int, int) dilation)
    {
        int n = input.Size(0), c = input.Size(1), h = input.Size(2), w = input.Size(3);
        int og = weight.Size(1), kh = weight.Size(2), kw = weight.Size(3), cg = c / groups, o = og * groups;
        int oh = (h - 1) * stride.Item1 - 2 * padding.Item1 + dilation.Item1 * (kh - 1) + outputPadding.Item1 + 1;
        int ow = (w - 1) * stride.Item2 - 2 * padding.Item2 + dilation.Item2 * (kw - 1) + outputPadding.Item2 + 1;
        var x = input.AsReadOnlySpan<float>();
        var k = weight.AsReadOnlySpan<float>();
        var y = new float[n * o * oh * ow];
        for (int b = 0; b < n; b++)
        {
            for (int ci = 0; ci < c; ci++)
            {
                int g = ci / cg;
                for (int iy = 0; iy < h; iy++)
                {
                    for (int ix = 0; ix < w; ix++)
                    {
                        float v = x[((b * c + ci) * h + iy) * w + ix];
                        for (int oc = 0; oc < og; oc++)
                        {
                            for (int i = 0; i < kh; i++)
                            {
                                int yy = iy * stride.Item1 - padding.Item1 + i * dilation.Item1;
                                for (int j = 0; yy >= 0 && yy < oh && j < kw; j++)
                                {
                                    int xx = ix * stride.Item2 - padding.Item2 + j * dilation.Item2;
                                    if (xx >= 0 && xx < ow)
                                    {
                                        y[((b * o + g * og + oc) * oh + yy) * ow + xx] += v * k[((ci * og + oc) * kh + i) * kw + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        AddBias(y, bias, n, o, oh * ow);
        return Tensor.Wrap(y, n, o, oh, ow);
    }

    private static void AddBias(float[] y, Tensor? bias, int n, int o, int plane)
    {
        if (bias is null)
        {
            return;
        }

        var bv = bias.AsReadOnlySpan<float>();
        for (int b = 0; b < n; b++)
        {
            for (int oc = 0; oc < o; oc++)
            {
                y.AsSpan((b * o + oc) * plane, plane).Add(bv[oc]);
            }
        }
    }
}

internal static class SpanAdd
{
    public static void Add(this Span<float> span, float value)
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] += value;
        }
    }
}
