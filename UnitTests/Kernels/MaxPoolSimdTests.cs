using MlNetDl.Tensors;
using MlNetDl.Tensors.Kernels.Pool;
using MlNetDl.Tensors.Ops;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>The AVX-512 max-pool path against the general scalar path, bit for bit (values and argmax), over
/// geometries that cover full vectors, partial vectors, clipped border columns, ceil mode, dilation and the last
/// plane (where a vector load would run past the input), on data full of ties, NaNs and infinities.</summary>
public class MaxPoolSimdTests
{
    // (H, W, kernel, stride, padding, dilation, ceil mode)
    public static TheoryData<int, int, (int, int), (int, int), (int, int), (int, int), bool> Geometries() => new()
    {
        { 24, 24, (2, 2), (2, 2), (0, 0), (1, 1), false },
        { 8, 8, (2, 2), (2, 2), (0, 0), (1, 1), false },
        { 112, 112, (3, 3), (2, 2), (1, 1), (1, 1), false },
        { 57, 57, (3, 3), (2, 2), (1, 1), (1, 1), true },
        { 5, 35, (2, 2), (2, 2), (0, 0), (1, 1), true },
        { 7, 33, (3, 3), (1, 1), (1, 1), (1, 1), false },
        { 9, 40, (2, 3), (1, 2), (1, 0), (2, 1), false },
        { 6, 50, (3, 5), (3, 1), (1, 2), (1, 2), true },
        { 4, 67, (1, 4), (1, 2), (0, 2), (1, 3), true },
        { 3, 16, (3, 3), (1, 1), (0, 0), (1, 1), false },
        { 1, 1, (1, 1), (1, 1), (0, 0), (1, 1), false },
        { 7, 9, (3, 3), (1, 1), (0, 0), (1, 1), false },
        { 11, 10, (2, 3), (2, 1), (0, 0), (2, 2), true },
        { 9, 17, (3, 2), (3, 2), (0, 0), (1, 2), false },
        { 2, 3, (3, 3), (2, 2), (1, 1), (1, 1), true },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void VectorPathMatchesGeneralPath(int h, int wIn, (int, int) k, (int, int) s, (int, int) p, (int, int) d, bool ceil)
    {
        if (!System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
        {
            return; // the vector path does not exist here; the general path is what runs
        }

        const int planes = 3;
        var shape = new Shape(1, planes, h, wIn);
        var w = PoolingShapes.Window(Tensor.Zeros(shape), "test", k, s, p, d, ceil);
        Assert.True(MaxPoolSimd.Supports(w));
        var x = Data(planes * h * wIn, seed: h * 1000 + wIn);
        int o = w.OutPlane;
        var (yRef, iRef) = (new float[planes * o], new int[planes * o]);
        var (ySimd, iSimd) = (new float[planes * o], new int[planes * o]);
        for (int q = 0; q < planes; q++)
        {
            MaxPoolKernels.Plane(x.AsSpan(q * w.InPlane, w.InPlane), yRef.AsSpan(q * o, o), iRef.AsSpan(q * o, o), w);
            MaxPoolSimd.Plane(x, q * w.InPlane, ySimd.AsSpan(q * o, o), iSimd.AsSpan(q * o, o), w);
        }

        for (int i = 0; i < yRef.Length; i++)
        {
            // Bits, not values: NaN payloads, −0 versus +0 and the tie winner's index must all agree.
            Assert.True(BitConverter.SingleToInt32Bits(yRef[i]) == BitConverter.SingleToInt32Bits(ySimd[i]),
                $"output {i}: general {yRef[i]} vs vector {ySimd[i]}");
            Assert.True(iRef[i] == iSimd[i], $"argmax {i}: general {iRef[i]} vs vector {iSimd[i]}");
        }
    }

    [Fact]
    public void NarrowUnpaddedPlanesTakeThePackedPath()
    {
        Assert.True(MaxPoolSimd.Packable(new Window2d(8, 8, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1)));
        Assert.True(MaxPoolSimd.Packable(new Window2d(7, 9, 5, 7, 3, 3, 1, 1, 0, 0, 1, 1)));
        Assert.False(MaxPoolSimd.Packable(new Window2d(24, 24, 12, 12, 2, 2, 2, 2, 0, 0, 1, 1))); // 12 lanes per row
        Assert.False(MaxPoolSimd.Packable(new Window2d(8, 8, 4, 4, 3, 3, 2, 2, 1, 1, 1, 1))); // padding
        Assert.False(MaxPoolSimd.Packable(new Window2d(5, 5, 3, 3, 2, 2, 2, 2, 0, 0, 1, 1))); // ceil window past the edge
    }

    [Fact]
    public void AllNegativeInfinityWindowsReportTheirFirstPosition()
    {
        var w = new Window2d(4, 40, 2, 20, 2, 2, 2, 2, 0, 0, 1, 1);
        var x = Enumerable.Repeat(float.NegativeInfinity, 4 * 40).ToArray();
        var (y, idx) = (new float[40], new int[40]);
        MaxPoolSimd.Plane(x, 0, y, idx, w);
        Assert.All(y, v => Assert.Equal(float.NegativeInfinity, v));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (i / 20) * 80 + (i % 20) * 2), idx);
    }

    /// <summary>Small integers (many ties), sprinkled with distinct NaN payloads, ±∞ and −0.</summary>
    private static float[] Data(int n, int seed)
    {
        var g = new Generator(seed);
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            double u = g.NextDouble();
            x[i] = u switch
            {
                < 0.03 => BitConverter.Int32BitsToSingle(0x7FC00000 | i), // quiet NaN tagged with its position
                < 0.05 => float.NegativeInfinity,
                < 0.06 => float.PositiveInfinity,
                < 0.10 => -0f,
                _ => (int)(g.NextDouble() * 5) - 2,
            };
        }

        return x;
    }
}
