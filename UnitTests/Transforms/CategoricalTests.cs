using MlNetDl.Pipelines;
using MlNetDl.Transforms;

namespace MlNetDl.UnitTests.Transforms;

/// <summary>MapValueToKey / MapKeyToValue / OneHotEncoding: key numbering, missing and unseen values, round trips.</summary>
public class CategoricalTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static InMemoryDataView Text(params string?[] values) => new DataViewBuilder().AddString("C", values!).Build();

    [Fact]
    public void KeysFollowFirstOccurrenceAndUnknownValuesMapToZero()
    {
        var model = Ml.Transforms.MapValueToKey("K", "C").Fit(Text("cat", "dog", "cat", null, "", "emu"));
        Assert.Equal(["cat", "dog", "", "emu"], model.GetKeyValues<string>());
        Assert.Equal(4UL, model.KeyType.Count);
        var keys = model.Transform(Text("emu", "cat", "lion", null, "")).GetColumn<uint>("K").ToArray();
        Assert.Equal([4u, 1u, 0u, 0u, 3u], keys); // unseen "lion" and null → 0 (missing); "" is a value
        Assert.Equal(new KeyDataViewType(typeof(uint), 4), model.GetOutputSchema(Text("a").Schema)["K"].Type);
    }

    [Fact]
    public void KeyToValueRoundTripRestoresValues()
    {
        var train = Text("b", "a", "c", "a");
        var pipeline = Ml.Transforms.MapValueToKey("K", "C").Append(Ml.Transforms.MapKeyToValue("Back", "K"));
        var model = pipeline.Fit(train);
        var test = Text("c", "zebra", "a");
        var output = model.Transform(test);
        Assert.Equal(["c", "", "a"], output.GetColumn<string>("Back").ToArray()); // unseen → key 0 → ""
        Assert.Equal(TextDataViewType.Instance, output.Schema["Back"].Type);
    }

    [Fact]
    public void NumericKeysByValueAndMissingNumbers()
    {
        var data = new DataViewBuilder().AddSingle("F", [3, float.NaN, -1, 3, 2]).AddInt32("I", [30, 10, 20, 10, 30]).AddInt64("L", [5, 6, 5, 7, 8]).Build();
        var f = Ml.Transforms.MapValueToKey("K", "F", keyOrdinality: KeyOrdinality.ByValue).Fit(data);
        Assert.Equal([-1f, 2f, 3f], f.GetKeyValues<float>());
        Assert.Equal([3u, 0u, 1u, 3u, 2u], f.Transform(data).GetColumn<uint>("K").ToArray());
        var i = Ml.Transforms.MapValueToKey("K", "I", keyOrdinality: KeyOrdinality.ByValue).Fit(data);
        Assert.Equal([10, 20, 30], i.GetKeyValues<int>());
        Assert.Throws<InvalidOperationException>(() => i.GetKeyValues<long>());
        var l = Ml.Transforms.MapValueToKey("K", "L", maximumNumberOfKeys: 2).Fit(data);
        Assert.Equal([5L, 6L], l.GetKeyValues<long>());
        Assert.Equal([1u, 2u, 1u, 0u, 0u], l.Transform(data).GetColumn<uint>("K").ToArray()); // beyond the maximum → 0
        // Back to numbers: the missing key gives NaN for Single.
        var back = Ml.Transforms.MapValueToKey("K", "F").Append(Ml.Transforms.MapKeyToValue("B", "K")).Fit(data).Transform(data);
        var values = back.GetColumn<float>("B").ToArray();
        Assert.Equal(3f, values[0]);
        Assert.True(float.IsNaN(values[1]));
    }

    [Fact]
    public void TextAnnotationsMakeKeyToValueReturnText()
    {
        var data = new DataViewBuilder().AddSingle("F", [0.5f, 2]).Build();
        var output = Ml.Transforms.MapValueToKey("K", "F", addKeyValueAnnotationsAsText: true).Append(Ml.Transforms.MapKeyToValue("B", "K")).Fit(data).Transform(data);
        Assert.Equal(["0.5", "2"], output.GetColumn<string>("B").ToArray());
    }

    [Fact]
    public void KeyToValueNeedsKeyValues()
    {
        var data = new DataViewBuilder().AddKey("Label", [0L, 1L], 2).Build();
        var e = Assert.Throws<SchemaMismatchException>(() => Ml.Transforms.MapKeyToValue("V", "Label").Fit(data));
        Assert.Equal("Schema mismatch for input column 'Label' of MapKeyToValue: expected Key with key values (made by MapValueToKey), got Key<UInt32, 0-1>.", e.Description);
    }

    [Fact]
    public void OneHotOfValuesAndOfUnseenValues()
    {
        var model = Ml.Transforms.OneHotEncoding("H", "C").Fit(Text("red", "green", "red", "blue"));
        var rows = model.Transform(Text("green", "purple", null, "blue")).GetColumn<float[]>("H").ToArray();
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), model.GetOutputSchema(Text("x").Schema)["H"].Type);
        Assert.Equal([0f, 1f, 0f], rows[0]);
        Assert.Equal([0f, 0f, 0f], rows[1]); // unseen → all zeros
        Assert.Equal([0f, 0f, 0f], rows[2]); // missing → all zeros
        Assert.Equal([0f, 0f, 1f], rows[3]);
        Assert.Equal(["red", "green", "blue"], model.Keys!.GetKeyValues<string>());
    }

    [Fact]
    public void OneHotOfKeysAndKeyOutput()
    {
        var data = new DataViewBuilder().AddKey("Label", [2u, 0u, 3u], 3).Build();
        var rows = Ml.Transforms.OneHotEncoding("H", "Label").Fit(data).Transform(data).GetColumn<float[]>("H").ToArray();
        Assert.Equal([[0f, 1f, 0f], [0f, 0f, 0f], [0f, 0f, 1f]], rows);
        var keys = Ml.Transforms.OneHotEncoding("K", "C", OneHotEncodingOutputKind.Key).Fit(Text("x", "y")).Transform(Text("y", "q"));
        Assert.Equal([2u, 0u], keys.GetColumn<uint>("K").ToArray());
    }

    [Fact]
    public void ChainIsCheckedBeforeTrainingThroughKeyValueTypes()
    {
        var data = Text("a", "b");
        var shape = Ml.Transforms.MapValueToKey("K", "C").Append(Ml.Transforms.MapKeyToValue("B", "K")).GetOutputSchema(SchemaShape.Create(data.Schema));
        Assert.True(shape.TryFindColumn("B", out var b));
        Assert.Equal(TextDataViewType.Instance, b.ItemType);
        // A key without values fails the chain check with the template message before anything is fitted.
        var keyed = new DataViewBuilder().AddKey("K", [1u], 1).Build();
        Assert.Throws<SchemaMismatchException>(() => Ml.Transforms.CopyColumns("K2", "K").Append(Ml.Transforms.MapKeyToValue("B", "K2")).Fit(keyed));
    }
}
