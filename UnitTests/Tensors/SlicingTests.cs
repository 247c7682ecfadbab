using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

public class SlicingTests
{
    private static Tensor Range(params int[] shape) => Tensor.Arange(new Shape(shape).Numel).Reshape(shape);

    public static TheoryData<int[], int, int, int, int[], float[]> NarrowCases() => new()
    {
        { [4, 2], 0, 1, 2, [2, 2], [2, 3, 4, 5] },
        { [2, 3], 1, 1, 2, [2, 2], [1, 2, 4, 5] },
        { [2, 3], -1, -2, 2, [2, 2], [1, 2, 4, 5] },
        { [1, 2, 3], 1, 1, 1, [1, 1, 3], [3, 4, 5] },
        { [3], 0, 3, 0, [0], [] },
    };

    [Theory]
    [MemberData(nameof(NarrowCases))]
    public void NarrowTakesTheRange(int[] shape, int dim, int start, int length, int[] outShape, float[] expected) =>
        TensorAssert.Equal(outShape, expected, Range(shape).Narrow(dim, start, length));

    [Fact]
    public void NarrowAlongLeadingDimIsAViewAndInnerDimIsACopy()
    {
        var x = Range(1, 3, 2);
        var view = x.Narrow(1, 1, 1);
        var copy = x.Narrow(2, 0, 1);
        x.AsWritableSpan<float>()[2] = 100;
        Assert.Equal([100f, 3f], view.ToFloatArray());
        Assert.Equal([0f, 2f, 4f], copy.ToFloatArray());
    }

    [Theory]
    [InlineData(-4, 1, "start -4")]
    [InlineData(4, 1, "start 4")]
    [InlineData(2, 2, "length (2)")]
    public void NarrowOutOfRangeNamesStartLengthAndShape(int start, int length, string fragment) =>
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => Range(3, 2).Narrow(0, start, length), fragment, "[3, 2]");

    public static TheoryData<int, int, float[]> SliceCases() => new()
    {
        { 1, 3, [1, 2] },
        { -2, 100, [3, 4] },
        { -100, 2, [0, 1] },
        { 3, 1, [] },
        { 5, 9, [] },
    };

    [Theory]
    [MemberData(nameof(SliceCases))]
    public void SliceClampsLikePython(int start, int end, float[] expected) =>
        TensorAssert.Equal([expected.Length], expected, Tensor.Arange(5).Slice(start, end));

    [Fact]
    public void RangeAndIntIndexersFollowPython()
    {
        var x = Range(4, 2);
        TensorAssert.Equal([2, 2], [2, 3, 4, 5], x[1..3]);
        TensorAssert.Equal([1, 2], [6, 7], x[^1..]);
        TensorAssert.Equal([0, 2], [], x[..^9]);
        TensorAssert.Equal([2], [6, 7], x[-1]);
        var labels = Tensor.FromArray(new long[] { 5, 6, 7 });
        TensorAssert.Elements([2], new long[] { 6, 7 }, labels.Slice(1, 3));
    }

    [Theory]
    [InlineData(0, 1, new[] { 3 }, new float[] { 3, 4, 5 })]
    [InlineData(1, -1, new[] { 2 }, new float[] { 2, 5 })]
    [InlineData(-1, 0, new[] { 2 }, new float[] { 0, 3 })]
    public void SelectDropsTheDimension(int dim, int index, int[] shape, float[] expected) =>
        TensorAssert.Equal(shape, expected, Range(2, 3).Select(dim, index));

    [Fact]
    public void SelectOutOfRangeNamesIndexAndSize() =>
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => Range(2, 3).Select(1, 3), "index 3", "size 3", "[2, 3]");

    public static TheoryData<int[], int?, int[]> SqueezeCases() => new()
    {
        { [1, 3, 1], null, [3] },
        { [1, 3, 1], 0, [3, 1] },
        { [1, 3, 1], -1, [1, 3] },
        { [1, 3, 1], 1, [1, 3, 1] },
        { [1], null, [] },
    };

    [Theory]
    [MemberData(nameof(SqueezeCases))]
    public void SqueezeRemovesSizeOneDims(int[] shape, int? dim, int[] expected) =>
        Assert.Equal(new Shape(expected), Tensor.Zeros(shape).Squeeze(dim).Shape);

    [Theory]
    [InlineData(0, new[] { 1, 2, 3 })]
    [InlineData(2, new[] { 2, 3, 1 })]
    [InlineData(-1, new[] { 2, 3, 1 })]
    [InlineData(-3, new[] { 1, 2, 3 })]
    public void UnsqueezeInsertsSizeOneDim(int dim, int[] expected) =>
        Assert.Equal(new Shape(expected), Tensor.Zeros(2, 3).Unsqueeze(dim).Shape);

    [Fact]
    public void UnsqueezeOutOfRangeNamesTheRange() =>
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Unsqueeze(3), "[-3, 2]", "[2, 3]");

    [Fact]
    public void NarrowBackwardScattersIntoZeros()
    {
        var x = Range(2, 3).RequiresGradInPlace();
        x.Narrow(1, 1, 2).Sum().Backward();
        TensorAssert.Equal([2, 3], [0, 1, 1, 0, 1, 1], x.Grad!);
    }
}
