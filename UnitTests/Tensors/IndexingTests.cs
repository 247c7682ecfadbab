using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

public class IndexingTests
{
    private static Tensor Range(params int[] shape) => Tensor.Arange(new Shape(shape).Numel).Reshape(shape);

    public static TheoryData<int[], int, long[], int[], float[]> IndexSelectCases() => new()
    {
        { [3, 2], 0, [2, 0, 2], [3, 2], [4, 5, 0, 1, 4, 5] },
        { [2, 3], 1, [1], [2, 1], [1, 4] },
        { [2, 3], -1, [2, 1, 0], [2, 3], [2, 1, 0, 5, 4, 3] },
        { [2, 3], 0, [], [0, 3], [] },
    };

    [Theory]
    [MemberData(nameof(IndexSelectCases))]
    public void IndexSelectPicksSlices(int[] shape, int dim, long[] index, int[] outShape, float[] expected) =>
        TensorAssert.Equal(outShape, expected, Range(shape).IndexSelect(dim, Tensor.FromArray(index)));

    [Fact]
    public void IndexSelectAcceptsInt32IndexAndIntegerData()
    {
        var labels = Tensor.FromArray(new long[] { 10, 11, 12, 13 });
        TensorAssert.Elements([2], new long[] { 13, 10 }, labels.IndexSelect(0, Tensor.FromArray(new[] { 3, 0 })));
    }

    [Theory]
    [InlineData(3L, "index 3", "size 3")]
    [InlineData(-1L, "index -1", "size 3")]
    public void IndexSelectOutOfRangeNamesIndexAndSize(long bad, string f1, string f2) =>
        TensorAssert.Throws<ArgumentOutOfRangeException>(
            () => Range(2, 3).IndexSelect(1, Tensor.FromArray(new[] { 0, bad })), f1, f2, "[2, 3]");

    [Fact]
    public void IndexSelectRejectsFloatAndMultiDimIndex()
    {
        TensorAssert.Throws<ArgumentException>(() => Range(3).IndexSelect(0, Tensor.FromArray(new[] { 1f })), "int64", "torch.float32");
        TensorAssert.Throws<ArgumentException>(() => Range(3).IndexSelect(0, Tensor.FromArray(new long[] { 0, 1 }, 1, 2)), "1-D", "[1, 2]");
    }

    [Fact]
    public void IndexSelectBackwardAccumulatesRepeatedIndices()
    {
        var x = Range(3, 2).RequiresGradInPlace();
        x.IndexSelect(0, Tensor.FromArray(new long[] { 2, 0, 2 })).Sum().Backward();
        TensorAssert.Equal([3, 2], [1, 1, 0, 0, 2, 2], x.Grad!);
    }

    public static TheoryData<int[], int, int[], long[], float[]> GatherCases() => new()
    {
        // torch.gather(arange(6).view(2,3), 1, [[2,0],[1,1]]) = [[2,0],[4,4]]
        { [2, 3], 1, [2, 2], [2, 0, 1, 1], [2, 0, 4, 4] },
        // dim 0: out[i][j] = x[idx[i][j]][j]
        { [2, 3], 0, [1, 3], [1, 0, 1], [3, 1, 5] },
        { [2, 3], -1, [2, 1], [0, 2], [0, 5] },
        { [4], 0, [2], [3, 3], [3, 3] },
    };

    [Theory]
    [MemberData(nameof(GatherCases))]
    public void GatherMatchesTorch(int[] shape, int dim, int[] indexShape, long[] index, float[] expected) =>
        TensorAssert.Equal(indexShape, expected, Range(shape).Gather(dim, Tensor.FromArray(index, indexShape)));

    [Fact]
    public void GatherErrorsNameShapesAndIndex()
    {
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => Range(2, 3).Gather(1, Tensor.FromArray(new long[] { 0, 5 }, 2, 1)), "index 5", "size 3");
        TensorAssert.Throws<ArgumentException>(() => Range(2, 3).Gather(1, Tensor.FromArray(new long[] { 0, 1 })), "[2]", "[2, 3]");
        TensorAssert.Throws<ArgumentException>(() => Range(2, 3).Gather(1, Tensor.FromArray(new long[] { 0, 0, 0 }, 3, 1)), "[3, 1]", "dimension 0");
    }

    [Fact]
    public void GatherPicksPerRowClassScoresForNll()
    {
        var logp = Tensor.FromArray(new[] { -1f, -2f, -3f, -4f, -5f, -6f }, 2, 3);
        var target = Tensor.FromArray(new long[] { 2, 0 });
        TensorAssert.Equal([2, 1], [-3f, -4f], logp.Gather(1, target.Unsqueeze(1)));
    }

    public static TheoryData<int[][], int, int[], float[]> CatCases() => new()
    {
        { [[2, 1], [2, 2]], 1, [2, 3], [0, 0, 1, 1, 2, 3] },
        { [[1, 2], [2, 2]], 0, [3, 2], [0, 1, 0, 1, 2, 3] },
        { [[2, 2], [2, 1]], -1, [2, 3], [0, 1, 0, 2, 3, 1] },
        { [[0, 2], [1, 2]], 0, [1, 2], [0, 1] },
    };

    [Theory]
    [MemberData(nameof(CatCases))]
    public void CatJoinsAlongDim(int[][] shapes, int dim, int[] outShape, float[] expected) =>
        TensorAssert.Equal(outShape, expected, Tensor.Cat(shapes.Select(s => Range(s)).ToList(), dim));

    [Fact]
    public void CatErrorsNameTheOffendingTensor()
    {
        TensorAssert.Throws<ArgumentException>(() => Tensor.Cat([Range(2, 3), Range(2, 3), Range(3, 3)], 1), "tensor 2", "[3, 3]", "[2, 3]");
        TensorAssert.Throws<ArgumentException>(() => Tensor.Cat([Range(2), Tensor.FromArray(new long[] { 1 })]), "tensor 1", "torch.int64");
        TensorAssert.Throws<ArgumentException>(() => Tensor.Cat([]), "non-empty");
    }

    [Fact]
    public void StackAddsANewDimension()
    {
        var a = Range(2);
        var b = Range(2) + 10f;
        TensorAssert.Equal([2, 2], [0, 1, 10, 11], Tensor.Stack([a, b]));
        TensorAssert.Equal([2, 2], [0, 10, 1, 11], Tensor.Stack([a, b], -1));
        TensorAssert.Elements([2], new long[] { 3, 4 }, Tensor.Stack([Tensor.From<long>([3L], new Shape()), Tensor.From<long>([4L], new Shape())]));
    }

    [Fact]
    public void StackErrorNamesEntryAndShapes() =>
        TensorAssert.Throws<ArgumentException>(() => Tensor.Stack([Range(2, 3), Range(2, 3), Range(3, 2)]), "entry 2", "[3, 2]", "[2, 3]");

    [Fact]
    public void CatBackwardSplitsTheGradient()
    {
        var a = Range(2, 1).RequiresGradInPlace();
        var b = Range(2, 2).RequiresGradInPlace();
        var w = Tensor.Arange(6).Reshape(2, 3);
        (Tensor.Cat([a, b], 1) * w).Sum().Backward();
        TensorAssert.Equal([2, 1], [0, 3], a.Grad!);
        TensorAssert.Equal([2, 2], [1, 2, 4, 5], b.Grad!);
    }

    [Fact]
    public void OneHotMatchesTorch()
    {
        TensorAssert.Elements([3, 3], new long[] { 1, 0, 0, 0, 0, 1, 0, 1, 0 }, Tensor.OneHot(Tensor.FromArray(new long[] { 0, 2, 1 })));
        TensorAssert.Elements([1, 2, 4], new long[] { 0, 0, 0, 1, 0, 1, 0, 0 }, Tensor.OneHot(Tensor.FromArray(new long[] { 3, 1 }, 1, 2), 4));
        TensorAssert.Elements([0, 5], Array.Empty<long>(), Tensor.OneHot(Tensor.FromArray(Array.Empty<long>()), 5));
    }

    [Theory]
    [InlineData(new long[] { 0, 3 }, 3, "label 3")]
    [InlineData(new long[] { -1 }, 3, "label -1")]
    public void OneHotOutOfRangeNamesTheLabel(long[] labels, int numClasses, string fragment) =>
        TensorAssert.Throws<ArgumentOutOfRangeException>(() => Tensor.OneHot(Tensor.FromArray(labels), numClasses), fragment, "[0, 3)");

    [Fact]
    public void OneHotRejectsFloatLabelsAndEmptyWithoutClassCount()
    {
        TensorAssert.Throws<ArgumentException>(() => Tensor.OneHot(Tensor.FromArray(new[] { 1f })), "torch.float32");
        TensorAssert.Throws<ArgumentException>(() => Tensor.OneHot(Tensor.FromArray(Array.Empty<long>())), "empty");
    }
}
