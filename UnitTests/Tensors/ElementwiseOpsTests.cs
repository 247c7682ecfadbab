using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

public class ElementwiseOpsTests
{
    private static readonly float Nan = float.NaN;

    public static TheoryData<float?, float?, float[]> ClampCases() => new()
    {
        { -1f, 1f, [-1, -1, 0, 1, 1, Nan] },
        { 0f, null, [0, 0, 0, 1, 2, Nan] },
        { null, 0.5f, [-2, -1, 0, 0.5f, 0.5f, Nan] },
    };

    [Theory]
    [MemberData(nameof(ClampCases))]
    public void ClampBoundsValuesAndKeepsNaN(float? min, float? max, float[] expected) =>
        TensorAssert.Equal([6], expected, Tensor.FromArray(new[] { -2f, -1, 0, 1, 2, Nan }).Clamp(min, max));

    [Fact]
    public void ClampGradientPassesInclusiveOfTheBounds()
    {
        var x = Tensor.FromArray(new[] { -2f, -1, 0, 1, 2 }).RequiresGradInPlace();
        x.Clamp(-1f, 1f).Sum().Backward();
        TensorAssert.Equal([5], [0, 1, 1, 1, 0], x.Grad!);
    }

    [Fact]
    public void ClampWithoutBoundsThrows() =>
        TensorAssert.Throws<ArgumentException>(() => Tensor.Zeros(2).Clamp(), "min or max", "[2]");

    [Fact]
    public void MaximumAndMinimumBroadcastAndPropagateNaN()
    {
        var a = Tensor.FromArray(new[] { 1f, 5, Nan, -1 }, 2, 2);
        var b = Tensor.FromArray(new[] { 2f, 3 });
        TensorAssert.Equal([2, 2], [2, 5, Nan, 3], Tensor.Maximum(a, b));
        TensorAssert.Equal([2, 2], [1, 3, Nan, -1], a.Min(b));
    }

    [Fact]
    public void TiesSplitTheGradientHalfAndHalf()
    {
        var a = Tensor.FromArray(new[] { 1f, 2, 3 }).RequiresGradInPlace();
        var b = Tensor.FromArray(new[] { 1f, 5, 0 }).RequiresGradInPlace();
        Tensor.Maximum(a, b).Sum().Backward();
        TensorAssert.Equal([3], [0.5f, 0, 1], a.Grad!);
        TensorAssert.Equal([3], [0.5f, 1, 0], b.Grad!);
    }

    [Fact]
    public void PowTensorBroadcastsAndDifferentiatesBoth()
    {
        var a = Tensor.FromArray(new[] { 2f, 3f, 0f }).RequiresGradInPlace();
        var b = Tensor.FromArray(new[] { 2f }).RequiresGradInPlace();
        var y = a.Pow(b);
        TensorAssert.Equal([3], [4, 9, 0], y);
        y.Sum().Backward();
        TensorAssert.Equal([3], [4, 6, 0], a.Grad!);
        // d/db = Σ a^b ln a, with the 0^b term taken as 0.
        TensorAssert.Equal([1], [(float)(4 * Math.Log(2) + 9 * Math.Log(3))], b.Grad!, 1e-4f);
    }

    public static TheoryData<int, bool, int[], float[], long[]> MinDimCases() => new()
    {
        { 0, false, [3], [1, -2, 0], [1, 0, 1] },
        { 1, false, [2], [-2, 0], [1, 1] },
        { -1, true, [2, 1], [-2, 0], [1, 1] },
    };

    [Theory]
    [MemberData(nameof(MinDimCases))]
    public void MinAlongDimGivesValuesAndFirstIndex(int dim, bool keepDim, int[] shape, float[] values, long[] indices)
    {
        var x = Tensor.FromArray(new[] { 3f, -2, 4, 1, 0, 0 }, 2, 3);
        var (v, i) = x.Min(dim, keepDim);
        TensorAssert.Equal(shape, values, v);
        TensorAssert.Elements(shape, indices, i);
    }

    [Fact]
    public void MinAllAndArgMin()
    {
        var x = Tensor.FromArray(new[] { 3f, -2, 4, -2 }, 2, 2);
        TensorAssert.Equal([], [-2f], x.Min());
        TensorAssert.Elements([], new long[] { 1 }, x.ArgMin());
        TensorAssert.Elements([2], new long[] { 1, 1 }, x.ArgMin(1));
        Assert.True(float.IsNaN(Tensor.FromArray(new[] { 1f, Nan, 0f }).Min().Item()));
    }

    [Fact]
    public void MinOverEmptyDimensionThrows() =>
        TensorAssert.Throws<ArgumentException>(() => Tensor.Zeros(2, 0).Min(1), "size 0");
}
