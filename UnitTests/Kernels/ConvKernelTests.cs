using MlNetDl.Tensors;
using MlNetDl.Tensors.Kernels.Conv;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>
/// The convolution kernels at sizes the op cases do not reach: im2col split over the cores, several column chunks,
/// the 1×1 path, compared with a direct float64 loop; ConvTranspose2d checked as the adjoint of Conv2d.
/// </summary>
public class ConvKernelTests
{
    /// <summary>n, c, h, w, o, k, stride, padding, dilation, groups.</summary>
    public static TheoryData<int[]> Shapes() => new()
    {
        new[] { 4, 8, 24, 24, 8, 3, 1, 1, 1, 1 },
        new[] { 3, 6, 17, 13, 4, 3, 2, 1, 1, 2 },
        new[] { 2, 4, 15, 16, 6, 5, 1, 2, 2, 1 },
        new[] { 5, 16, 12, 12, 24, 1, 1, 0, 1, 4 },
        new[] { 3, 3, 20, 20, 5, 4, 3, 0, 1, 1 },
        new[] { 3, 3, 19, 35, 11, 3, 1, 1, 1, 1 },
        new[] { 2, 1, 9, 40, 17, 5, 1, 0, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv2dMatchesDirectLoops(int[] p)
    {
        var (n, c, h, w, o, k, s, pad, d, g) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
        var gen = new Generator(5);
        var x = Tensor.Uniform(new Shape(n, c, h, w), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(o, c / g, k, k), -1, 1, gen);
        var b = Tensor.Uniform(new Shape(o), -1, 1, gen);
        x.RequiresGrad = wt.RequiresGrad = b.RequiresGrad = true;
        var y = Functional.Conv2d(x, wt, b, s, pad, d, g);
        var gy = Tensor.Uniform(y.Shape, -1, 1, gen);
        y.Backward(gy);

        var (ry, rdx, rdw) = Direct(x.ToFloatArray(), wt.ToFloatArray(), b.ToFloatArray(), gy.ToFloatArray(),
            n, c, h, w, o, k, s, pad, d, g, y.Size(2), y.Size(3));
        Close(ry, y.ToFloatArray());
        Close(rdx, x.Grad!.ToFloatArray());
        Close(rdw, wt.Grad!.ToFloatArray());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SmallColumnBudgetGivesTheSameResult(int[] p)
    {
        var (n, c, h, w, o, k, s, pad, d, g) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
        var gen = new Generator(9);
        var x = Tensor.Uniform(new Shape(n, c, h, w), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(o, c / g, k, k), -1, 1, gen);
        float[] Run()
        {
            x.Grad = null;
            var y = Functional.Conv2d(x, wt, null, s, pad, d, g);
            y.Backward(Tensor.OnesLike(y));
            return [.. y.ToFloatArray(), .. x.Grad!.ToFloatArray()];
        }

        x.RequiresGrad = true;
        var whole = Run();
        long saved = ConvScratch.ColumnBudget;
        try
        {
            ConvScratch.ColumnBudget = 1; // one image per chunk
            Assert.Equal(whole, Run());
        }
        finally
        {
            ConvScratch.ColumnBudget = saved;
        }
    }

    /// <summary>The forward as one GEMM over a chunk's images (few positions per image) equals the per-image GEMMs.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void WholeChunkForwardMatchesPerImageForward(int[] p)
    {
        var (n, c, h, w, o, k, s, pad, d, g) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
        var gen = new Generator(17);
        var x = Tensor.Uniform(new Shape(n, c, h, w), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(o, c / g, k, k), -1, 1, gen);
        var b = Tensor.Uniform(new Shape(o), -1, 1, gen);
        int saved = Conv2dKernels.OneGemmMaxPositions;
        try
        {
            Conv2dKernels.OneGemmMaxPositions = int.MaxValue;
            var whole = Functional.Conv2d(x, wt, b, s, pad, d, g).ToFloatArray();
            Conv2dKernels.OneGemmMaxPositions = 0;
            var perImage = Functional.Conv2d(x, wt, b, s, pad, d, g).ToFloatArray();
            Assert.Equal(perImage.Length, whole.Length);
            for (int i = 0; i < whole.Length; i++)
                Assert.True(Math.Abs(whole[i] - perImage[i]) <= 1e-5f * (1 + Math.Abs(perImage[i])), $"element {i}: {whole[i]} vs {perImage[i]}");
        }
        finally
        {
            Conv2dKernels.OneGemmMaxPositions = saved;
        }
    }

    /// <summary>⟨conv2d(x, W), y⟩ = ⟨x, conv_transpose2d(y, W)⟩ when the transposed output has x's size.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void ConvTransposeIsTheAdjointOfConv(int[] p)
    {
        var (n, c, h, w, o, k, s, pad, d, g) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
        var gen = new Generator(13);
        var x = Tensor.Uniform(new Shape(n, c, h, w), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(o, c / g, k, k), -1, 1, gen);
        var cx = Functional.Conv2d(x, wt, null, s, pad, d, g);
        var y = Tensor.Uniform(cx.Shape, -1, 1, gen);
        // The rows/columns the strided convolution never reaches come back as output padding.
        int opH = h + 2 * pad - d * (k - 1) - 1 - (cx.Size(2) - 1) * s, opW = w + 2 * pad - d * (k - 1) - 1 - (cx.Size(3) - 1) * s;
        var ty = Functional.ConvTranspose2d(y, wt, null, (s, s), (pad, pad), (opH, opW), g, (d, d));
        Assert.Equal(x.Shape, ty.Shape);
        double lhs = Dot(cx.ToFloatArray(), y.ToFloatArray()), rhs = Dot(x.ToFloatArray(), ty.ToFloatArray());
        Assert.True(Math.Abs(lhs - rhs) <= 1e-4 * (1 + Math.Abs(lhs)), $"{lhs} vs {rhs}");
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (u, v) => (double)u * v).Sum();

    private static void Close(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"element {i}: {expected[i]} vs {actual[i]}");
        }
    }

    /// <summary>y, dx and dW of a grouped 2-D convolution by direct loops in float64 (padW: the left padding when it
    /// differs from the top).</summary>
    internal static (double[] Y, double[] Dx, double[] Dw) Direct(float[] x, float[] w, float[] b, float[] gy,
        int n, int c, int h, int wd, int o, int k, int s, int pad, int d, int groups, int oh, int ow, int padW = -1)
    {
        int cg = c / groups, og = o / groups;
        var y = new double[n * o * oh * ow];
        var dx = new double[x.Length];
        var dw = new double[w.Length];
        for (int i = 0; i < n; i++)
        for (int oc = 0; oc < o; oc++)
        for (int yy = 0; yy < oh; yy++)
        for (int xx = 0; xx < ow; xx++)
        {
            int yi = ((i * o + oc) * oh + yy) * ow + xx;
            double acc = b[oc];
            for (int ic = 0; ic < cg; ic++)
            for (int ki = 0; ki < k; ki++)
            for (int kj = 0; kj < k; kj++)
            {
                int ih = yy * s - pad + ki * d, iw = xx * s - (padW < 0 ? pad : padW) + kj * d;
                if (ih < 0 || ih >= h || iw < 0 || iw >= wd) continue;
                int xi = ((i * c + oc / og * cg + ic) * h + ih) * wd + iw, wi = ((oc * cg + ic) * k + ki) * k + kj;
                acc += x[xi] * (double)w[wi];
                dx[xi] += gy[yi] * (double)w[wi];
                dw[wi] += gy[yi] * (double)x[xi];
            }

            y[yi] = acc;
        }

        return (y, dx, dw);
    }
}
