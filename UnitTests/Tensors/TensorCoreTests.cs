using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

public class TensorCoreTests
{
    [Fact]
    public void CreationFunctionsFillShapesAndValues()
    {
        Assert.Equal([0f, 0, 0, 0, 0, 0], Tensor.Zeros(2, 3).ToFloatArray());
        Assert.Equal(new Shape(2, 3), Tensor.Ones(2, 3).Shape);
        Assert.Equal([7f, 7], Tensor.Full([2], 7f).ToFloatArray());
        Assert.Equal([0f, 0.5f, 1f, 1.5f], Tensor.Arange(0, 2, 0.5f).ToFloatArray());
        Assert.Equal(0, Tensor.Scalar(1f).Rank);
        Assert.Equal(5f, Tensor.Scalar(5f).Item());
    }

    [Fact]
    public void FromArrayRejectsWrongElementCount()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromArray([1f, 2, 3], 2, 2));
        Assert.Contains("[2, 2]", ex.Message);
        Assert.Contains("3 values", ex.Message);
    }

    [Fact]
    public void SeededGeneratorsReproduceAndHaveTheRightMoments()
    {
        var a = Tensor.Randn([100_000], new Generator(42)).ToFloatArray();
        var b = Tensor.Randn([100_000], new Generator(42)).ToFloatArray();
        Assert.Equal(a, b);
        double mean = a.Average(), var = a.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(var, 0.98, 1.02);
        var u = Tensor.Uniform([100_000], -2f, 3f, new Generator(1)).ToFloatArray();
        Assert.True(u.Min() >= -2f && u.Max() < 3f);
        Assert.InRange(u.Average(), 0.45, 0.55);
        var ints = Tensor.RandInt(3, 7, [10_000], new Generator(5)).ToArray<long>();
        Assert.Equal([3L, 4, 5, 6], ints.Distinct().Order().ToArray());
    }

    [Fact]
    public void ReshapeIsAViewAndInfersOneDimension()
    {
        var x = Tensor.Arange(12);
        var y = x.Reshape(3, -1);
        Assert.Equal(new Shape(3, 4), y.Shape);
        x.AsWritableSpan<float>()[5] = 100f;
        Assert.Equal(100f, y.AsReadOnlySpan<float>()[5]);
        var ex = Assert.Throws<ArgumentException>(() => x.Reshape(5, -1));
        Assert.Contains("[12]", ex.Message);
    }

    [Fact]
    public void BroadcastingFollowsNumPyRulesAndNamesShapesOnError()
    {
        var a = Tensor.FromArray([1f, 2, 3, 4, 5, 6], 2, 3);
        var b = Tensor.FromArray([10f, 20, 30]);
        var c = Tensor.FromArray([100f, 200], 2, 1);
        Assert.Equal([11f, 22, 33, 14, 25, 36], (a + b).ToFloatArray());
        Assert.Equal([101f, 102, 103, 204, 205, 206], (a + c).ToFloatArray());
        Assert.Equal(new Shape(2, 3), (b * c).Shape);
        Assert.Equal([1000f, 2000, 3000, 2000, 4000, 6000], (b * c).ToFloatArray());
        var ex = Assert.Throws<ArgumentException>(() => a + Tensor.Ones(2));
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[2]", ex.Message);
        Assert.Contains("add", ex.Message);
    }

    public static TheoryData<int[], int[]> MatMulShapes() => new()
    {
        { [3, 4], [4, 5] }, { [3, 4], [4] }, { [4], [4, 2] }, { [5], [5] },
        { [2, 3, 4], [2, 4, 5] }, { [2, 3, 4], [4, 5] }, { [3, 4], [2, 4, 5] }, { [2, 1, 7], [2, 7, 1] },
    };

    [Theory]
    [MemberData(nameof(MatMulShapes))]
    public void MatMulMatchesNaiveProduct(int[] sa, int[] sb)
    {
        var g = new Generator(3);
        var a = Tensor.Randn(new Shape(sa), g);
        var b = Tensor.Randn(new Shape(sb), g);
        var y = a.MatMul(b);
        int m = sa.Length == 1 ? 1 : sa[^2], k = sa[^1], n = sb.Length == 1 ? 1 : sb[^1];
        int batch = Math.Max(sa.Length == 3 ? sa[0] : 1, sb.Length == 3 ? sb[0] : 1);
        var av = a.ToFloatArray();
        var bv = b.ToFloatArray();
        var yv = y.ToFloatArray();
        Assert.Equal(batch * m * n, yv.Length);
        for (int t = 0; t < batch; t++)
        {
            int ao = sa.Length == 3 ? t * m * k : 0, bo = sb.Length == 3 ? t * k * n : 0;
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++)
                    {
                        s += av[ao + i * k + p] * bv[bo + p * n + j];
                    }

                    Assert.Equal(s, yv[(t * m + i) * n + j], 4);
                }
            }
        }
    }

    [Fact]
    public void MatMulRejectsMismatchedInnerDimensions()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Ones(2, 3).MatMul(Tensor.Ones(4, 5)));
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4, 5]", ex.Message);
    }

    [Fact]
    public void ReductionsOverDimsWithKeepDim()
    {
        var x = Tensor.FromArray([1f, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([5f, 7, 9], x.Sum(0).ToFloatArray());
        Assert.Equal(new Shape(2, 1), x.Sum(1, keepDim: true).Shape);
        Assert.Equal([2f, 5], x.Mean(1).ToFloatArray());
        Assert.Equal(21f, x.Sum().Item());
        Assert.Equal([1f, 1], x.Var([1]).ToFloatArray());
        Assert.Equal(3.5f, x.Var().Item(), 5);
        Assert.Equal(MathF.Sqrt(3.5f), x.Std().Item(), 5);
        var (values, indices) = x.Max(1);
        Assert.Equal([3f, 6], values.ToFloatArray());
        Assert.Equal([2L, 2], indices.ToArray<long>());
        Assert.Equal([1L, 1, 1], x.ArgMax(0).ToArray<long>());
        Assert.Equal(6f, x.Max().Item());
    }

    [Fact]
    public void PermuteAndTransposeReorderElements()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        Assert.Equal([0f, 3, 1, 4, 2, 5], x.T.ToFloatArray());
        var y = Tensor.Arange(24).Reshape(2, 3, 4).Permute(2, 0, 1);
        Assert.Equal(new Shape(4, 2, 3), y.Shape);
        Assert.Equal(13f, y.ToFloatArray()[1 * 6 + 1 * 3 + 0]);
    }

    [Fact]
    public void DimensionOutOfRangeMessageNamesTheRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Ones(2, 3).Sum(2));
        Assert.Contains("[-2, 1]", ex.Message);
        Assert.Contains("got 2", ex.Message);
    }
}
