using MlNetDl.Tensors;
using MlNetDl.Tensors.Kernels.Conv;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>
/// Winograd F(2×2, 3×3) against im2col + SGEMM (the path it replaces) and a float64 direct loop, over odd sizes
/// (partial edge tiles), every padding from cropping to 3, batches split into chunks, and channel counts at the
/// applicability limits: forward, input gradient, weight gradient and bias gradient.
/// </summary>
public class WinogradTests
{
    /// <summary>n, c, h, w, o, padH, padW.</summary>
    public static TheoryData<int[]> Shapes() => new()
    {
        new[] { 2, 16, 14, 14, 16, 1, 1 },
        new[] { 1, 16, 7, 9, 24, 0, 0 },
        new[] { 3, 24, 5, 6, 16, 2, 2 },
        new[] { 2, 32, 1, 1, 16, 1, 1 },
        new[] { 1, 16, 3, 3, 16, 0, 0 },
        new[] { 2, 16, 13, 8, 32, 1, 0 },
        new[] { 1, 40, 11, 4, 48, 0, 2 },
        new[] { 2, 16, 4, 17, 16, 3, 1 },
        new[] { 1, 64, 15, 15, 64, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesIm2colAndTheDirectLoop(int[] p)
    {
        var (n, c, h, w, o, ph, pw) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
        var gen = new Generator(21);
        var x = Tensor.Uniform(new Shape(n, c, h, w), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(o, c, 3, 3), -1, 1, gen);
        var b = Tensor.Uniform(new Shape(o), -1, 1, gen);
        var gy = Tensor.Uniform(new Shape(n, o, h + 2 * ph - 2, w + 2 * pw - 2), -1, 1, gen);
        Assert.True(Winograd.Applies(Geometry(c, h, w, ph, pw), 1, o), "the shape must take the Winograd path");

        float[][] Run(bool winograd)
        {
            bool saved = Winograd.Enabled;
            Winograd.Enabled = winograd;
            try
            {
                x.Grad = wt.Grad = b.Grad = null;
                x.RequiresGrad = wt.RequiresGrad = b.RequiresGrad = true;
                var y = Functional.Conv2d(x, wt, b, (1, 1), (ph, pw), (1, 1));
                y.Backward(gy);
                return [y.ToFloatArray(), x.Grad!.ToFloatArray(), wt.Grad!.ToFloatArray(), b.Grad!.ToFloatArray()];
            }
            finally
            {
                Winograd.Enabled = saved;
            }
        }

        var fast = Run(true);
        var gemm = Run(false);
        Assert.Equal(gemm[3], fast[3]); // db does not depend on the algorithm
        var (ry, rdx, rdw) = ConvKernelTests.Direct(x.ToFloatArray(), wt.ToFloatArray(), b.ToFloatArray(),
            gy.ToFloatArray(), n, c, h, w, o, 3, 1, ph, 1, 1, gy.Size(2), gy.Size(3), pw);
        foreach (var (name, reference, i) in new[] { ("y", ry, 0), ("dx", rdx, 1), ("dw", rdw, 2) })
        {
            double scale = reference.Max(Math.Abs) + 1;
            double errFast = MaxError(reference, fast[i]), errGemm = MaxError(reference, gemm[i]);
            // Winograd adds a few roundings per output: allow 8× im2col's error, and never more than 1e-5 relative.
            Assert.True(errFast <= Math.Max(8 * errGemm, 1e-6 * scale) && errFast <= 1e-5 * scale,
                $"{name}: Winograd error {errFast:E2}, im2col error {errGemm:E2}, scale {scale:F1}");
        }
    }

    [Fact]
    public void ChunkedBatchGivesTheSameResult()
    {
        var gen = new Generator(4);
        var x = Tensor.Uniform(new Shape(5, 16, 9, 7), -1, 1, gen);
        var wt = Tensor.Uniform(new Shape(24, 16, 3, 3), -1, 1, gen);
        x.RequiresGrad = wt.RequiresGrad = true;
        float[] Run()
        {
            x.Grad = wt.Grad = null;
            var y = Functional.Conv2d(x, wt, null, padding: 1);
            y.Backward(Tensor.OnesLike(y));
            return [.. y.ToFloatArray(), .. x.Grad!.ToFloatArray(), .. wt.Grad!.ToFloatArray()];
        }

        var whole = Run();
        long saved = ConvScratch.ColumnBudget;
        try
        {
            ConvScratch.ColumnBudget = 1; // one image per chunk: dU accumulates over chunks
            var chunked = Run();
            for (int i = 0; i < whole.Length; i++)
                Assert.True(Math.Abs(whole[i] - chunked[i]) <= 1e-5f * (1 + Math.Abs(whole[i])), $"element {i}: {whole[i]} vs {chunked[i]}");
        }
        finally
        {
            ConvScratch.ColumnBudget = saved;
        }
    }

    [Theory]
    [InlineData(8, 16, 1, 1, 1)]   // too few input channels
    [InlineData(16, 12, 1, 1, 1)]  // output channels not a multiple of 8
    [InlineData(16, 16, 2, 1, 1)]  // strided
    [InlineData(16, 16, 1, 2, 1)]  // dilated
    [InlineData(16, 16, 1, 1, 2)]  // grouped
    public void OnlyStrideOneUndilated3x3WithManyChannelsApplies(int c, int o, int stride, int dilation, int groups)
    {
        var g = new ConvGeometry(c / groups, 10, 10, 3, 3, stride, stride, 1, 1, dilation, dilation, 10, 10);
        Assert.False(Winograd.Applies(g, groups, o));
    }

    private static ConvGeometry Geometry(int c, int h, int w, int ph, int pw) =>
        new(c, h, w, 3, 3, 1, 1, ph, pw, 1, 1, h + 2 * ph - 2, w + 2 * pw - 2);

    private static double MaxError(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double e = 0;
        for (int i = 0; i < expected.Length; i++) e = Math.Max(e, Math.Abs(expected[i] - actual[i]));
        return e;
    }
}
