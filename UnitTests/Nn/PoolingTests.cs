using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.UnitTests.Nn;

/// <summary>Pooling modules: output shapes (ceil_mode and padding edge cases, checked against PyTorch 1.13), reprs as
/// PyTorch prints them, argmax indices and gradient routing, and error messages that name the layer and the input.</summary>
public class PoolingTests
{
    // input shape, kernel, stride, padding, dilation, ceil_mode → PyTorch's output shape (max and avg pooling alike
    // where dilation is 1).
    public static TheoryData<int[], (int, int), (int, int)?, (int, int), (int, int), bool, int[]> Shapes() => new()
    {
        { [1, 1, 5, 5], (2, 2), null, (0, 0), (1, 1), false, [1, 1, 2, 2] },
        { [1, 1, 5, 5], (2, 2), null, (0, 0), (1, 1), true, [1, 1, 3, 3] },
        { [2, 3, 7, 7], (3, 3), (2, 2), (1, 1), (1, 1), true, [2, 3, 4, 4] },
        { [2, 3, 7, 7], (3, 3), (2, 2), (1, 1), (1, 1), false, [2, 3, 4, 4] },
        { [1, 1, 6, 6], (3, 3), (3, 3), (1, 1), (1, 1), true, [1, 1, 3, 3] },
        { [3, 10, 10], (4, 4), (3, 3), (2, 2), (1, 1), true, [3, 4, 4] }, // ceil mode drops a window starting in the right padding
        { [1, 1, 8, 9], (3, 2), (2, 3), (1, 1), (2, 1), true, [1, 1, 4, 4] },
        { [1, 1, 4, 4], (3, 3), (2, 2), (1, 1), (2, 2), false, [1, 1, 1, 1] },
        { [1, 2, 24, 24], (2, 2), null, (0, 0), (1, 1), false, [1, 2, 12, 12] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OutputShapesMatchPyTorch(int[] input, (int, int) k, (int, int)? s, (int, int) p, (int, int) d, bool ceil, int[] expected)
    {
        var x = Tensor.Zeros(input);
        Assert.Equal(new Shape(expected), new MaxPool2d(k, s, p, d, ceil).Call(x).Shape);
        if (d == (1, 1))
        {
            Assert.Equal(new Shape(expected), new AvgPool2d(k, s, p, ceil).Call(x).Shape);
        }
    }

    public static TheoryData<Module, string> Reprs() => new()
    {
        { new MaxPool2d(2), "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)" },
        { new MaxPool2d((2, 3)), "MaxPool2d(kernel_size=(2, 3), stride=(2, 3), padding=0, dilation=1, ceil_mode=False)" },
        { new MaxPool2d(3, 1, 1, ceilMode: true), "MaxPool2d(kernel_size=3, stride=1, padding=1, dilation=1, ceil_mode=True)" },
        { new AvgPool2d(2), "AvgPool2d(kernel_size=2, stride=2, padding=0)" },
        { new AvgPool2d((2, 3), padding: (1, 1), countIncludePad: false, divisorOverride: 3), "AvgPool2d(kernel_size=(2, 3), stride=(2, 3), padding=(1, 1))" },
        { new AdaptiveAvgPool2d(1), "AdaptiveAvgPool2d(output_size=1)" },
        { new AdaptiveAvgPool2d((4, 4)), "AdaptiveAvgPool2d(output_size=(4, 4))" },
        { new AdaptiveAvgPool2d((null, 4)), "AdaptiveAvgPool2d(output_size=(None, 4))" },
        { new AdaptiveMaxPool2d(2), "AdaptiveMaxPool2d(output_size=2)" },
        { new BatchNorm2d(16), "BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)" },
        { new BatchNorm2d(8, momentum: null, affine: false), "BatchNorm2d(8, eps=1e-05, momentum=None, affine=False, track_running_stats=True)" },
        { new Dropout2d(), "Dropout2d(p=0.5, inplace=False)" },
        { new Dropout2d(0.2f), "Dropout2d(p=0.2, inplace=False)" },
        { new Upsample(scaleFactor: 2), "Upsample(scale_factor=2.0, mode=nearest)" },
        { new Upsample(size: (4, 5)), "Upsample(size=(4, 5), mode=nearest)" },
        { new Upsample(size: 4), "Upsample(size=4, mode=nearest)" },
        { new Upsample(scaleFactor: (2.0, 3.0)), "Upsample(scale_factor=(2.0, 3.0), mode=nearest)" },
        { new Upsample(1.5), "Upsample(scale_factor=1.5, mode=nearest)" },
    };

    [Theory]
    [MemberData(nameof(Reprs))]
    public void ReprMatchesPyTorch(Module module, string expected) => Assert.Equal(expected, module.ToString());

    // Ties: the first maximum in scan order wins (PyTorch CPU); values and indices from torch 1.13.
    private static readonly float[] Ties = [1, 3, 3, 0, 3, 2, 5, 5, 0, 0, 1, 1, 1, 0, 1, 1];

    [Fact]
    public void MaxPoolIndicesAndGradientGoToTheFirstMaximum()
    {
        var x = Tensor.FromArray(Ties, 1, 1, 4, 4).RequiresGradInPlace();
        var (y, indices) = new MaxPool2d(2).ForwardWithIndices(x);
        Assert.Equal(new float[] { 3, 5, 1, 1 }, y.ToFloatArray());
        Assert.Equal(DType.Int64, indices.DType);
        Assert.Equal(new long[] { 1, 6, 12, 10 }, indices.ToArray<long>());
        y.Sum().Backward();
        Assert.Equal(new float[] { 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0 }, x.Grad!.ToFloatArray());

        var (_, adaptive) = F.AdaptiveMaxPool2dWithIndices(Tensor.FromArray(Ties, 1, 4, 4), (2, 2));
        Assert.Equal(new long[] { 1, 6, 12, 10 }, adaptive.ToArray<long>());
    }

    [Fact]
    public void MaxPoolPropagatesNaNAsPyTorch()
    {
        var x = Tensor.FromArray([1, float.NaN, 3, 0, 3, float.NaN, 5, 5], 1, 2, 4);
        var (y, indices) = F.MaxPool2dWithIndices(x, (2, 2));
        Assert.True(float.IsNaN(y.ToFloatArray()[0]));
        Assert.Equal(5f, y.ToFloatArray()[1]);
        Assert.Equal(new long[] { 5, 6 }, indices.ToArray<long>()); // the last NaN, as torch 1.13
    }

    [Fact]
    public void PaddingIsNegativeInfinityForMaxAndCountedOrNotForAverage()
    {
        var x = Tensor.Full(new Shape(1, 1, 2, 2), -5f);
        Assert.All(F.MaxPool2d(x, 3, 1, 1).ToFloatArray(), v => Assert.Equal(-5f, v));
        var ones = Tensor.Ones(1, 1, 2, 2);
        Assert.Equal(new float[] { 4f / 9, 4f / 9, 4f / 9, 4f / 9 }, F.AvgPool2d(ones, 3, 1, 1).ToFloatArray());
        Assert.Equal(new float[] { 1, 1, 1, 1 }, F.AvgPool2d(ones, 3, 1, 1, countIncludePad: false).ToFloatArray());
        Assert.Equal(new float[] { 2, 2, 2, 2 }, F.AvgPool2d(ones, 3, 1, 1, divisorOverride: 2).ToFloatArray());
    }

    [Fact]
    public void AdaptiveAveragePoolToOneIsTheSpatialMeanAndKeepsUnbatchedRank()
    {
        var x = Tensor.Uniform(new Shape(2, 3, 5, 7), -1, 1, new Generator(4));
        var expected = x.Mean([2, 3], keepDim: true).ToFloatArray();
        NnAssert.Close(expected, new AdaptiveAvgPool2d(1).Call(x), 1e-6f);
        Assert.Equal(new Shape(3, 4, 4), new AdaptiveAvgPool2d(4).Call(Tensor.Zeros(3, 9, 10)).Shape);
        Assert.Equal(new Shape(3, 2, 10), new AdaptiveMaxPool2d((2, null)).Call(Tensor.Zeros(3, 9, 10)).Shape);
    }

    public static TheoryData<Func<Tensor>, string[]> Errors() => new()
    {
        { () => new MaxPool2d(2).Call(Tensor.Zeros(4, 4)), ["MaxPool2d(kernel_size=2", "3-D [C, H, W] or 4-D", "[4, 4]"] },
        { () => new MaxPool2d(2, padding: 2).Call(Tensor.Zeros(1, 1, 4, 4)), ["MaxPool2d(kernel_size=2", "pad should be at most half of kernel size", "padding=(2, 2)"] },
        { () => new MaxPool2d(2).Call(Tensor.Zeros(1, 1, 1, 1)), ["MaxPool2d(", "[1, 1, 1, 1]", "0x0", "too small"] },
        { () => new MaxPool2d(0).Call(Tensor.Zeros(1, 1, 4, 4)), ["kernel_size must be greater than zero"] },
        { () => new MaxPool2d(2, 0).Call(Tensor.Zeros(1, 1, 4, 4)), ["stride must be greater than zero"] },
        { () => new MaxPool2d(2, dilation: 0).Call(Tensor.Zeros(1, 1, 4, 4)), ["dilation must be greater than zero"] },
        { () => new MaxPool2d(2).Call(Tensor.Zeros(1, 1, 0, 4)), ["non-zero H and W", "[1, 1, 0, 4]"] },
        { () => new AvgPool2d(3, padding: 2).Call(Tensor.Zeros(1, 1, 4, 4)), ["AvgPool2d(kernel_size=3", "pad should be at most half"] },
        { () => new AvgPool2d(2, divisorOverride: 0).Call(Tensor.Zeros(1, 1, 4, 4)), ["AvgPool2d(", "divisor_override must be non-zero"] },
        { () => new AdaptiveAvgPool2d(2).Call(Tensor.Zeros(4, 4)), ["AdaptiveAvgPool2d(output_size=2)", "[4, 4]"] },
        { () => F.AdaptiveMaxPool2d(Tensor.Zeros(1, 4, 4), -1), ["adaptive_max_pool2d", "non-negative", "[1, 4, 4]"] },
        { () => new BatchNorm2d(3).Call(Tensor.Zeros(2, 3, 4)), ["BatchNorm2d(3", "expected 4D input (got 3D input", "[2, 3, 4]"] },
        { () => new BatchNorm2d(3).Call(Tensor.Zeros(2, 4, 2, 2)), ["BatchNorm2d(3", "3 channels", "[2, 4, 2, 2]"] },
        { () => new BatchNorm2d(3).Call(Tensor.Zeros(1, 3, 1, 1)), ["Expected more than 1 value per channel when training", "[1, 3, 1, 1]"] },
        { () => new Upsample(scaleFactor: 2).Call(Tensor.Zeros(4, 4)), ["Upsample(scale_factor=2.0", "4-D", "[4, 4]"] },
        { () => F.Interpolate(Tensor.Zeros(1, 1, 4, 4)), ["either size or scale_factor should be defined"] },
        { () => F.Interpolate(Tensor.Zeros(1, 1, 4, 4), (2, 2), (2.0, 2.0)), ["only one of size or scale_factor"] },
        { () => F.Interpolate(Tensor.Zeros(1, 1, 4, 4), 0.1), ["[1, 1, 4, 4]", "output size 0x0"] },
        { () => new Dropout2d().Call(Tensor.Zeros(4)), ["dropout2d", "[4]"] },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void BadInputsThrowNamingTheLayerAndShape(Func<Tensor> call, string[] fragments)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => call());
        foreach (var f in fragments)
        {
            Assert.Contains(f, ex.Message);
        }
    }

    [Fact]
    public void UpsampleCopiesNearestPixelsAndSumsGradientOverCopies()
    {
        var x = Tensor.FromArray([1f, 2, 3, 4], 1, 1, 2, 2).RequiresGradInPlace();
        var y = new Upsample(scaleFactor: 2).Call(x);
        Assert.Equal(new float[] { 1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4 }, y.ToFloatArray());
        y.Sum().Backward();
        Assert.Equal(new float[] { 4, 4, 4, 4 }, x.Grad!.ToFloatArray());

        // Downsampling by size uses in/out, by a scale factor 1/scale (torch 1.13: both give [0, 1, 3] here).
        var row = Tensor.FromArray([0f, 1, 2, 3, 4], 1, 1, 1, 5);
        Assert.Equal(new float[] { 0, 1, 3 }, F.Interpolate(row, (1, 3)).ToFloatArray());
        Assert.Equal(new float[] { 0, 1, 3 }, F.Interpolate(row, null, (1.0, 0.6)).ToFloatArray());
    }
}
