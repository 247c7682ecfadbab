using MlNetDl.Tensors;
using MlNetDl.Tensors.Kernels.Conv;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>
/// The per-image split of small im2col convolutions (<see cref="ImageSplitConv"/>) against the per-phase split it
/// replaced (and its block-transposed weight-gradient input against SGEMM's transposed packing), on shapes with uneven image ranges, several chunks per range, strides, padding and dilation; against a
/// float64 loop at the MNIST CNN's second layer; and a first layer whose input needs no gradient gets none.
/// </summary>
public class ConvImageSplitTests
{
    /// <summary>n, c, h, w, o, k, stride, padding, dilation.</summary>
    public static TheoryData<int[]> Shapes() => new()
    {
        new[] { 64, 32, 12, 12, 64, 5, 1, 0, 1 }, // MNIST CNN conv2
        new[] { 1, 3, 9, 9, 4, 3, 1, 1, 1 },
        new[] { 3, 5, 11, 7, 6, 3, 2, 1, 1 },
        new[] { 7, 8, 10, 10, 16, 3, 1, 2, 2 },
        new[] { 5, 4, 9, 13, 3, 1, 2, 0, 1 },
        new[] { 9, 32, 14, 14, 64, 3, 2, 1, 1 }, // autoencoder encoder
        new[] { 6, 16, 8, 8, 32, 4, 1, 0, 1 },
        new[] { 2, 2, 6, 30, 5, 2, 1, 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ImageSplitMatchesPhaseSplit(int[] p)
    {
        var (n, c, h, w, o, k, s, pad, d) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
        var gen = new Generator(23);
        var x = Tensor.Uniform(new Shape(n, c, h, w), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(o, c, k, k), -1, 1, gen);
        var b = Tensor.Uniform(new Shape(o), -1, 1, gen);
        x.RequiresGrad = wt.RequiresGrad = b.RequiresGrad = true;
        float[][] Run()
        {
            x.Grad = wt.Grad = b.Grad = null;
            var y = Functional.Conv2d(x, wt, b, s, pad, d);
            y.Backward(Tensor.Uniform(y.Shape, -1, 1, new Generator(3)));
            return [y.ToFloatArray(), x.Grad!.ToFloatArray(), wt.Grad!.ToFloatArray(), b.Grad!.ToFloatArray()];
        }

        bool saved = ImageSplitConv.Enabled;
        try
        {
            ImageSplitConv.Enabled = false;
            var phase = Run();
            ImageSplitConv.Enabled = true;
            var split = Run();
            string[] names = ["y", "dx", "dW", "db"];
            for (int t = 0; t < phase.Length; t++) Near(names[t], phase[t], split[t]);
        }
        finally
        {
            ImageSplitConv.Enabled = saved;
        }
    }

    /// <summary>The weight gradient from the block-transposed column matrix equals SGEMM's transposed packing.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void BlockTransposedColumnsMatchTransposedPacking(int[] p)
    {
        var (n, c, h, w, o, k, s, pad, d) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
        var gen = new Generator(29);
        var x = Tensor.Uniform(new Shape(n, c, h, w), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(o, c, k, k), -1, 1, gen);
        wt.RequiresGrad = true;
        float[] Run()
        {
            wt.Grad = null;
            var y = Functional.Conv2d(x, wt, null, s, pad, d);
            y.Backward(Tensor.Uniform(y.Shape, -1, 1, new Generator(7)));
            return wt.Grad!.ToFloatArray();
        }

        bool saved = ImageSplitConv.TransposeColumns;
        try
        {
            ImageSplitConv.TransposeColumns = false;
            var packed = Run();
            ImageSplitConv.TransposeColumns = true;
            Near("dW", packed, Run());
        }
        finally
        {
            ImageSplitConv.TransposeColumns = saved;
        }
    }

    /// <summary>8×8 tiles and every kind of edge (rows or columns not multiples of 8, strided source and target).</summary>
    [Theory]
    [InlineData(8, 8)]
    [InlineData(800, 320)]
    [InlineData(13, 21)]
    [InlineData(7, 40)]
    [InlineData(17, 5)]
    [InlineData(1, 1)]
    public unsafe void BlockTransposeMatchesScalar(int rows, int cols)
    {
        int lds = cols + 3, ldd = rows + 5;
        var src = new float[rows * lds];
        for (int i = 0; i < src.Length; i++) src[i] = i * 0.5f - 7f;
        var dst = new float[cols * ldd];
        Array.Fill(dst, float.NaN);
        fixed (float* ps = src, pd = dst) BlockTranspose.Run(ps, lds, rows, cols, pd, ldd);
        for (int j = 0; j < cols; j++)
        {
            for (int i = 0; i < ldd; i++)
            {
                if (i < rows) Assert.Equal(src[i * lds + j], dst[j * ldd + i]);
                else Assert.True(float.IsNaN(dst[j * ldd + i]), $"padding [{j}, {i}] was written");
            }
        }
    }

    /// <summary>Chunks of one image inside each core's range (tiny column budget) give the same y and dx.</summary>
    [Fact]
    public void OneImageChunksGiveTheSameResult()
    {
        var gen = new Generator(31);
        var x = Tensor.Uniform(new Shape(11, 6, 10, 10), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(8, 6, 3, 3), -1, 1, gen);
        x.RequiresGrad = true;
        float[] Run()
        {
            x.Grad = null;
            var y = Functional.Conv2d(x, wt, null, 1, 0, 1, 1);
            y.Backward(Tensor.OnesLike(y));
            return [.. y.ToFloatArray(), .. x.Grad!.ToFloatArray()];
        }

        var whole = Run();
        long saved = ConvScratch.CacheBudget;
        try
        {
            ConvScratch.CacheBudget = 1;
            Assert.Equal(whole, Run());
        }
        finally
        {
            ConvScratch.CacheBudget = saved;
        }
    }

    /// <summary>The MNIST second layer (5×5 32→64 on 12×12) against the float64 loop, on a smaller batch.</summary>
    [Fact]
    public void MnistSecondLayerMatchesDirectLoops()
    {
        var gen = new Generator(41);
        var x = Tensor.Uniform(new Shape(5, 32, 12, 12), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(64, 32, 5, 5), -0.2f, 0.2f, gen);
        var b = Tensor.Uniform(new Shape(64), -1, 1, gen);
        x.RequiresGrad = wt.RequiresGrad = true;
        var y = Functional.Conv2d(x, wt, b, 1, 0, 1, 1);
        var gy = Tensor.Uniform(y.Shape, -1, 1, gen);
        y.Backward(gy);
        var (ry, rdx, rdw) = ConvKernelTests.Direct(x.ToFloatArray(), wt.ToFloatArray(), b.ToFloatArray(), gy.ToFloatArray(),
            5, 32, 12, 12, 64, 5, 1, 0, 1, 1, 8, 8);
        Near("y", ry, y.ToFloatArray());
        Near("dx", rdx, x.Grad!.ToFloatArray());
        Near("dW", rdw, wt.Grad!.ToFloatArray());
    }

    /// <summary>A first layer (input without requires_grad) computes no input gradient; the weight gradient is right.</summary>
    [Fact]
    public void InputWithoutGradGetsNone()
    {
        var gen = new Generator(43);
        var x = Tensor.Uniform(new Shape(4, 1, 28, 28), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(32, 1, 5, 5), -1, 1, gen);
        wt.RequiresGrad = true;
        var y = Functional.Conv2d(x, wt, null, 1, 0, 1, 1);
        var gy = Tensor.Uniform(y.Shape, -1, 1, gen);
        y.Backward(gy);
        Assert.Null(x.Grad);
        var (_, _, rdw) = ConvKernelTests.Direct(x.ToFloatArray(), wt.ToFloatArray(), new float[32], gy.ToFloatArray(),
            4, 1, 28, 28, 32, 5, 1, 0, 1, 1, 24, 24);
        Near("dW", rdw, wt.Grad!.ToFloatArray());
    }

    // Sums over images·positions are reordered (per-core partials), so equal up to float rounding of the magnitudes.
    private static void Near(string what, float[] expected, float[] actual) =>
        Near(what, Array.ConvertAll(expected, v => (double)v), actual);

    private static void Near(string what, double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * (1 + scale), $"{what}[{i}]: {expected[i]} vs {actual[i]} (max |value| {scale})");
        }
    }
}
