using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

public class ConversionTests
{
    [Fact]
    public void FloatToIntegerTruncatesTowardZero()
    {
        var x = Tensor.FromArray(new[] { -2.7f, -0.5f, 0f, 0.9f, 3.99f });
        TensorAssert.Elements([5], new long[] { -2, 0, 0, 0, 3 }, x.Long());
        TensorAssert.Elements([5], new[] { -2, 0, 0, 0, 3 }, x.To(DType.Int32));
        TensorAssert.Elements([5], new[] { true, true, false, true, true }, x.Bool());
    }

    [Fact]
    public void IntegerAndBoolToFloat()
    {
        TensorAssert.Equal([3], [-1f, 0f, 7f], Tensor.FromArray(new long[] { -1, 0, 7 }).Float());
        TensorAssert.Equal([2], [1f, 0f], Tensor.FromArray(new[] { true, false }).Float());
        TensorAssert.Elements([2], new long[] { 1, 0 }, Tensor.FromArray(new[] { true, false }).Long());
        TensorAssert.Elements([2], new long[] { 5, -6 }, Tensor.FromArray(new[] { 5, -6 }).Long());
        TensorAssert.Elements([0], Array.Empty<float>(), Tensor.FromArray(Array.Empty<long>()).Float());
    }

    [Fact]
    public void ToSameDTypeReturnsTheSameTensorAndIntegerCastCutsTheGraph()
    {
        var x = Tensor.Ones(2).RequiresGradInPlace();
        Assert.Same(x, x.To(DType.Float32));
        Assert.False((x * 2f).Long().RequiresGrad);
    }

    public static TheoryData<int[]?, bool, int[], long[]> IntegerSumCases() => new()
    {
        { null, false, [], [21] },
        { [0], false, [3], [5, 7, 9] },
        { [-1], true, [2, 1], [6, 15] },
        { [0, 1], false, [], [21] },
    };

    [Theory]
    [MemberData(nameof(IntegerSumCases))]
    public void IntegerSumReturnsInt64(int[]? dims, bool keepDim, int[] shape, long[] expected)
    {
        TensorAssert.Elements(shape, expected, Tensor.FromArray(new long[] { 1, 2, 3, 4, 5, 6 }, 2, 3).Sum(dims, keepDim));
        TensorAssert.Elements(shape, expected, Tensor.FromArray(new[] { 1, 2, 3, 4, 5, 6 }, 2, 3).Sum(dims, keepDim));
    }

    [Fact]
    public void IntegerSumOfEmptyAndScalar()
    {
        Assert.Equal(0L, Tensor.FromArray(Array.Empty<long>()).Sum().Item<long>());
        Assert.Equal(4L, Tensor.From<long>([4L], new Shape()).Sum().Item<long>());
    }
}
