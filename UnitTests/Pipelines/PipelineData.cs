using MlNetDl.Pipelines;

namespace MlNetDl.UnitTests.Pipelines;

/// <summary>Small data sets shared by the pipeline tests.</summary>
internal static class PipelineData
{
    /// <summary>Rows: Features (Vector&lt;Single, 2, 2&gt;), Age (Single), Label (Key 3), Name (String).</summary>
    public static InMemoryDataView Small(int rows = 10)
    {
        var features = new float[rows * 4];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = i * 0.5f - 3.25f;
        }
        return new DataViewBuilder()
            .AddVector("Features", features, 2, 2)
            .AddSingle("Age", [.. Enumerable.Range(0, rows).Select(i => 20f + i)])
            .AddKey("Label", [.. Enumerable.Range(0, rows).Select(i => (long)(i % 3))], 3)
            .AddString("Name", [.. Enumerable.Range(0, rows).Select(i => $"n{i}")])
            .Build();
    }

    /// <summary>Every column of a view as strings (float formatting round-trips, so equal strings mean equal bits).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Dump(IDataView view) => view.Preview(int.MaxValue);

    public static void AssertSameRows(IDataView expected, IDataView actual)
    {
        Assert.True(expected.Schema.SameAs(actual.Schema), $"schemas differ: {expected.Schema} vs {actual.Schema}");
        var a = Dump(expected);
        var b = Dump(actual);
        Assert.Equal(a.Count, b.Count);
        for (int r = 0; r < a.Count; r++)
        {
            Assert.Equal(a[r], b[r]);
        }
    }
}
