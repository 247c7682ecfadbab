using System.Runtime.Intrinsics.X86;
using MlNetDl.Pipelines;
using MlNetDl.Trainers;
using MlNetDl.Trainers.Knn;

namespace MlNetDl.UnitTests.Trainers;

public class KnnByteTests
{
    public static TheoryData<int, int, int, int, float> Cases => new()
    {
        { 300, 3, 1, 4, 255f },    // n, d, k, levels used, divisor: few levels → many exact distance ties
        { 500, 7, 5, 256, 255f },  // d not a multiple of 4, n not a multiple of the panel width
        { 211, 784, 3, 256, 255f },
        { 64, 20, 64, 3, 1f },     // k = n, raw levels
        { 97, 33, 4, 256, 1f },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IntegerPathEqualsNaive(int n, int d, int k, int levels, float divisor)
    {
        var rng = new Random(n * 31 + d);
        float Next() => (levels < 256 ? rng.Next(levels) * 85 : rng.Next(256)) / divisor;
        var train = Enumerable.Range(0, n * d).Select(_ => Next()).ToArray();
        int q = 203; // more than one query block, not a multiple of the sliver height
        var queries = Enumerable.Range(0, q * d).Select(_ => Next()).ToArray();
        Array.Copy(train, 0, queries, 0, d * 5); // queries that sit on training points
        var expectedI = new int[q * k];
        var expectedD = new double[q * k];
        Neighbors.Naive(train, n, d, queries, q, k, expectedI, expectedD);

        var search = ByteBruteForceSearch.TryCreate(train, n, d);
        if (!AvxVnni.IsSupported)
        {
            Assert.Null(search); // the float path answers on such CPUs
            return;
        }
        Assert.NotNull(search);
        Assert.Equal(divisor, search.Divisor);
        Assert.True(search.Accepts(queries));
        foreach (int block in new[] { 4, 192, 1000 })
        {
            var i = new int[q * k];
            var dist = new double[q * k];
            search.Search(train, queries, q, k, i, dist, block);
            Assert.Equal(expectedI, i);
            Assert.Equal(expectedD, dist);
        }
    }

    [Theory]
    [InlineData(0.5f, 0f)]          // not a level of either scale
    [InlineData(256f, 0f)]          // out of [0, 255]
    [InlineData(-1f, 0f)]
    [InlineData(float.NaN, 0f)]
    [InlineData(-0f, 255f)]         // level 0: the same distances as +0
    [InlineData(37f, 1f)]
    [InlineData(37f / 255f, 255f)]
    [InlineData(1f, 255f)]          // 255/255: both scales fit, the /255 one is tried first
    public void DetectsLevelsOnlyWhenEveryValueIsOne(float odd, float expected)
    {
        // 35 values so both the vector body and the scalar tail see the odd value.
        foreach (int at in new[] { 3, 34 })
        {
            var x = Enumerable.Range(0, 35).Select(i => (i % 2) / 255f).ToArray();
            if (expected == 1f)
            {
                x = Enumerable.Range(0, 35).Select(i => (float)(i % 2)).ToArray();
            }
            x[at] = odd;
            Assert.Equal(expected, ByteLevels.DetectDivisor(x));
        }
    }

    [Fact]
    public void NonLevelQueriesAreRejectedSoTheFloatPathAnswers()
    {
        var train = new float[] { 0, 1 / 255f, 2 / 255f, 3 / 255f };
        if (AvxVnni.IsSupported)
        {
            Assert.False(ByteBruteForceSearch.TryCreate(train, 4, 1)!.Accepts([1.5f / 255f]));
        }
        Assert.Null(ByteBruteForceSearch.TryCreate([0.25f, 1f], 2, 1));
        // Through the transformer: the naive search's neighbours either way (1/255 and 3/255 are not exactly
        // equidistant from 2/255 in float, so the exact re-ranking decides that tie, not the level distance).
        var model = new MLContext(1).MulticlassClassification.Trainers.Knn(2)
            .Fit(new DataViewBuilder().AddVector("Features", train, 1).AddKey("Label", [0L, 1, 0, 1], 2).Build());
        foreach (var query in new[] { 1.5f / 255f, 2 / 255f, 0f })
        {
            var expected = new int[2];
            Neighbors.Naive(train, 4, 1, [query], 1, 2, expected, new double[2]);
            Assert.Equal(expected, model.FindNeighbors([query], 1).Indices);
        }
    }
}
