using MlNetDl.Pipelines;

namespace MlNetDl.UnitTests.Pipelines;

public class DataOperationsTests
{
    private static int[] Ages(IDataView view) => [.. view.GetColumn<float>("Age").Select(a => (int)a - 20)];

    [Theory]
    [InlineData(100, 0.1, 10)]
    [InlineData(100, 0.25, 25)]
    [InlineData(7, 0.5, 4)]
    [InlineData(3, 0.1, 0)]
    public void TrainTestSplitSizesAndDisjointOrderedCover(int rows, double fraction, int expectedTest)
    {
        var context = new MLContext(seed: 3);
        var split = context.Data.TrainTestSplit(PipelineData.Small(rows), fraction, seed: 5);
        var train = Ages(split.TrainSet);
        var test = Ages(split.TestSet);
        Assert.Equal(expectedTest, test.Length);
        Assert.Equal(rows - expectedTest, train.Length);
        Assert.Equal(Enumerable.Range(0, rows), train.Concat(test).Order());
        Assert.Equal(train.Order(), train);
        Assert.Equal(test.Order(), test);
    }

    [Fact]
    public void TrainTestSplitIsDeterministicWithASeed()
    {
        var data = PipelineData.Small(50);
        var a = Ages(new MLContext(1).Data.TrainTestSplit(data, seed: 9).TestSet);
        var b = Ages(new MLContext(2).Data.TrainTestSplit(data, seed: 9).TestSet);
        var c = Ages(new MLContext(1).Data.TrainTestSplit(data, seed: 10).TestSet);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // Without a seed the context's seed decides.
        Assert.Equal(Ages(new MLContext(4).Data.TrainTestSplit(data).TestSet), Ages(new MLContext(4).Data.TrainTestSplit(data).TestSet));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext(1).Data.TrainTestSplit(data, 1.0));
        Assert.StartsWith("The 'testFraction' option of TrainTestSplit must be a number in (0, 1). Got 1.", e.Message);
    }

    [Fact]
    public void SamplingKeyKeepsGroupsTogether()
    {
        var context = new MLContext(1);
        var data = PipelineData.Small(30); // Label = row % 3
        var split = context.Data.TrainTestSplit(data, 0.34, samplingKeyColumnName: "Label", seed: 2);
        var trainLabels = split.TrainSet.GetColumn<uint>("Label").ToHashSet();
        var testLabels = split.TestSet.GetColumn<uint>("Label").ToHashSet();
        Assert.Single(testLabels);
        Assert.Empty(trainLabels.Intersect(testLabels));
        var e = Assert.Throws<SchemaMismatchException>(() => context.Data.TrainTestSplit(data, samplingKeyColumnName: "Features"));
        Assert.Equal("Schema mismatch for input column 'Features' of TrainTestSplit: expected a scalar, got Vector<Single, 2, 2>.", e.Description);
    }

    [Fact]
    public void ShuffleTakeSkipFilterCache()
    {
        var context = new MLContext(1);
        var data = PipelineData.Small(20);
        var shuffled = Ages(context.Data.ShuffleRows(data, seed: 4));
        Assert.Equal(Enumerable.Range(0, 20), shuffled.Order());
        Assert.NotEqual(Enumerable.Range(0, 20), shuffled);
        Assert.Equal(shuffled, Ages(context.Data.ShuffleRows(data, seed: 4)));
        Assert.Equal([0, 1, 2], Ages(context.Data.TakeRows(data, 3)));
        Assert.Equal([17, 18, 19], Ages(context.Data.SkipRows(data, 17)));
        Assert.Empty(Ages(context.Data.SkipRows(data, 100)));
        Assert.Equal([5, 6, 7], Ages(context.Data.FilterRowsByColumn(data, "Age", 25, 28)));
        Assert.Equal([2, 5, 8, 11, 14, 17], Ages(context.Data.FilterRowsByColumn(data, "Label", 3, 4)));
        var e = Assert.Throws<SchemaMismatchException>(() => context.Data.FilterRowsByColumn(data, "Name"));
        Assert.Contains("expected a numeric or key scalar, got String", e.Message);
        // Shuffled then cached: batches alias the cached arrays.
        var cached = context.Data.Cache(context.Data.ShuffleRows(data, seed: 4));
        Assert.Equal(shuffled, Ages(cached));
        var batch = cached.GetBatches(20, "Features").Single();
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(batch.GetVector("Features"), out var segment));
        Assert.Equal(80, segment.Array!.Length);
    }

    [Fact]
    public void TakeRowsOfStoredVectorsStaysZeroCopy()
    {
        var context = new MLContext(1);
        var features = new float[10 * 4];
        var data = new DataViewBuilder().AddVector("Features", features, 2, 2).Build();
        var middle = context.Data.TakeRows(context.Data.SkipRows(data, 4), 3);
        var batch = middle.GetBatches(3, "Features").Single();
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(batch.GetVector("Features"), out var segment));
        Assert.Same(features, segment.Array);
        Assert.Equal(16, segment.Offset);
    }
}
