using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

public class ComparisonTests
{
    private static readonly Tensor A = Tensor.FromArray(new[] { 1f, 2, 3, 4, 5, 6 }, 2, 3);
    private static readonly Tensor B = Tensor.FromArray(new[] { 2f, 2, 2 });

    public static TheoryData<string, bool[]> TensorCases() => new()
    {
        { "eq", [false, true, false, false, false, false] },
        { "ne", [true, false, true, true, true, true] },
        { "gt", [false, false, true, true, true, true] },
        { "ge", [false, true, true, true, true, true] },
        { "lt", [true, false, false, false, false, false] },
        { "le", [true, true, false, false, false, false] },
    };

    [Theory]
    [MemberData(nameof(TensorCases))]
    public void TensorComparisonsBroadcast(string op, bool[] expected)
    {
        var r = op switch
        {
            "eq" => A.Eq(B), "ne" => A.Ne(B), "gt" => A > B, "ge" => A >= B, "lt" => A < B, _ => A <= B,
        };
        Assert.Equal(DType.Bool, r.DType);
        TensorAssert.Elements([2, 3], expected, r);
    }

    [Theory]
    [MemberData(nameof(TensorCases))]
    public void ScalarComparisonsMatchTensorOnes(string op, bool[] expected)
    {
        var r = op switch
        {
            "eq" => A.Eq(2), "ne" => A.Ne(2), "gt" => A > 2f, "ge" => 2f <= A, "lt" => 2f > A, _ => A.Le(2),
        };
        TensorAssert.Elements([2, 3], expected, r);
    }

    [Fact]
    public void IntegerComparisonsForAccuracy()
    {
        var pred = Tensor.FromArray(new long[] { 1, 2, 3, 0 });
        var labels = Tensor.FromArray(new long[] { 1, 0, 3, 0 });
        var correct = pred.Eq(labels).Sum();
        Assert.Equal(DType.Int64, correct.DType);
        Assert.Equal(3L, correct.Item<long>());
        TensorAssert.Elements([3], new[] { false, true, true }, Tensor.FromArray(new[] { 0, 1, 2 }).Gt(0.5));
        TensorAssert.Elements([2], new[] { true, false }, Tensor.FromArray(new long[] { 2, 3 }).Eq(Tensor.FromArray(new[] { 2f, 2.5f })));
    }

    [Fact]
    public void ComparisonShapeMismatchNamesBothShapes() =>
        TensorAssert.Throws<ArgumentException>(() => A.Gt(Tensor.Zeros(2)), "gt", "[2, 3]", "[2]");

    [Fact]
    public void WhereBroadcastsAllThreeAndRoutesGradient()
    {
        var cond = Tensor.FromArray(new[] { true, false, true });
        var a = Tensor.FromArray(new[] { 1f, 2 }, 2, 1).RequiresGradInPlace();
        var b = Tensor.Scalar(-1f).RequiresGradInPlace();
        var y = Tensor.Where(cond, a, b);
        TensorAssert.Equal([2, 3], [1, -1, 1, 2, -1, 2], y);
        y.Sum().Backward();
        TensorAssert.Equal([2, 1], [2, 2], a.Grad!);
        TensorAssert.Equal([], [2f], b.Grad!);
    }

    [Fact]
    public void WhereRejectsNonBoolCondition() =>
        TensorAssert.Throws<ArgumentException>(() => Tensor.Where(Tensor.Ones(2), Tensor.Ones(2), Tensor.Ones(2)), "bool", "torch.float32");

    [Fact]
    public void MaskedFillReplacesAndBlocksGradient()
    {
        var x = Tensor.FromArray(new[] { 1f, 2, 3, 4 }, 2, 2).RequiresGradInPlace();
        var y = x.MaskedFill(Tensor.FromArray(new[] { false, true }), float.NegativeInfinity);
        TensorAssert.Equal([2, 2], [1, float.NegativeInfinity, 3, float.NegativeInfinity], y);
        y.MaskedFill(y.Eq(float.NegativeInfinity), 0f).Sum().Backward();
        TensorAssert.Equal([2, 2], [1, 0, 1, 0], x.Grad!);
        TensorAssert.Throws<ArgumentException>(() => Tensor.Zeros(2).MaskedFill(Tensor.FromArray(new[] { true, false }, 2, 1), 0), "[2, 1]", "[2]");
    }

    [Fact]
    public void BoolReductions()
    {
        var m = Tensor.FromArray(new[] { true, false, true, true }, 2, 2);
        Assert.True(m.Any().Item<bool>());
        Assert.False(m.All().Item<bool>());
        Assert.True(Tensor.FromArray(Array.Empty<bool>()).All().Item<bool>());
        Assert.False(Tensor.FromArray(Array.Empty<bool>()).Any().Item<bool>());
        Assert.Equal(3L, m.CountNonzero().Item<long>());
        TensorAssert.Elements([2], new long[] { 1, 2 }, m.CountNonzero(1));
        TensorAssert.Elements([2], new long[] { 2, 1 }, m.Sum(0));
        Assert.Equal(2L, Tensor.FromArray(new[] { 0f, 1.5f, -2f }).CountNonzero().Item<long>());
        TensorAssert.Elements([2], new[] { false, true }, m.LogicalAnd(Tensor.FromArray(new[] { false, true })).Select(0, 1));
        TensorAssert.Elements([2, 2], new[] { true, true, true, true }, m.LogicalOr(m.LogicalNot()));
    }
}
