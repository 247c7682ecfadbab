using System.Runtime.InteropServices;
using MlNetDl.Pipelines;
using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Pipelines;

public class DataViewTests
{
    [Fact]
    public void CursorReadsEveryTypeInRowOrder()
    {
        var data = PipelineData.Small(4);
        using var cursor = data.GetRowCursorForAllColumns();
        var age = cursor.GetGetter<float>("Age");
        var label = cursor.GetGetter<uint>("Label");
        var name = cursor.GetGetter<string>("Name");
        var features = cursor.GetGetter<ReadOnlyMemory<float>>("Features");
        var featureArray = cursor.GetGetter<float[]>("Features");
        int row = 0;
        float a = 0;
        uint l = 0;
        string n = "";
        ReadOnlyMemory<float> f = default;
        float[] fa = null!;
        Assert.Equal(-1, cursor.Position);
        while (cursor.MoveNext())
        {
            age(ref a);
            label(ref l);
            name(ref n);
            features(ref f);
            var before = fa;
            featureArray(ref fa);
            Assert.Equal(20f + row, a);
            Assert.Equal((uint)(row % 3 + 1), l);
            Assert.Equal($"n{row}", n);
            Assert.Equal(new[] { row * 2f - 3.25f, row * 2f - 2.75f, row * 2f - 2.25f, row * 2f - 1.75f }, f.ToArray());
            Assert.Equal(f.ToArray(), fa);
            if (before is not null)
            {
                Assert.Same(before, fa); // the getter refills a buffer of the right size
            }
            row++;
        }
        Assert.Equal(4, row);
        Assert.Equal(4L, data.GetRowCount());
    }

    [Fact]
    public void GetterOfWrongTypeNamesColumnTypeAndRequest()
    {
        using var cursor = PipelineData.Small().GetRowCursorForAllColumns();
        var e = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<int>("Label"));
        Assert.Equal("GetGetter<Int32>: column 'Label' has type Key<UInt32, 0-2> and cannot be read as Int32; read it as UInt32.", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<double>("Features"));
        Assert.Contains("column 'Features' has type Vector<Single, 2, 2> and cannot be read as Double; read it as ReadOnlyMemory<Single> or Single[]", e.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => cursor.GetGetter<float>("Nope"));
        Assert.Contains("Column 'Nope' not found; available: Features, Age, Label, Name.", missing.Message);
        var before = Assert.Throws<InvalidOperationException>(() => { float v = 0; cursor.GetGetter<float>("Age")(ref v); });
        Assert.Contains("MoveNext", before.Message);
    }

    [Fact]
    public void SequentialBatchesAliasTheSourceArray()
    {
        const int rows = 1000, size = 784, batch = 128;
        var pixels = new float[rows * size];
        var view = new DataViewBuilder().AddVector("Pixels", pixels, 1, 28, 28).AddKey("Label", new long[rows], 10).Build();
        int seen = 0;
        foreach (var b in view.GetBatches(batch, "Pixels", "Label"))
        {
            var memory = b.GetVector("Pixels");
            Assert.True(MemoryMarshal.TryGetArray(memory, out var segment));
            Assert.Same(pixels, segment.Array);
            Assert.Equal(seen * size, segment.Offset);
            Assert.Equal(b.Count * size, segment.Count);
            using var scope = TensorScope.Begin();
            var tensor = b.GetTensor("Pixels");
            Assert.Equal(new Shape(b.Count, 1, 28, 28), tensor.Shape);
            pixels[seen * size + 5] = 42f; // written after the tensor was made: visible through it, so no copy
            Assert.Equal(42f, tensor.AsReadOnlySpan<float>()[5]);
            Assert.Equal(new long[b.Count], b.GetTensor("Label").ToArray<long>());
            seen += b.Count;
        }
        Assert.Equal(rows, seen);
    }

    [Fact]
    public void ShuffledBatchesAreSeededPermutationsCopiedOnceIntoAReusedBuffer()
    {
        const int rows = 103;
        var values = Enumerable.Range(0, rows * 3).Select(i => (float)i).ToArray();
        var view = new DataViewBuilder().AddVector("X", values, 3).AddInt32("Id", [.. Enumerable.Range(0, rows)]).Build();
        var options = new BatchOptions { BatchSize = 10, Shuffle = true, Seed = 7 };
        var batches = view.GetBatches(options, "X", "Id");
        List<int> Pass()
        {
            var ids = new List<int>();
            float[]? buffer = null;
            foreach (var b in batches)
            {
                var x = b.GetVector("X");
                Assert.True(MemoryMarshal.TryGetArray(x, out var segment));
                Assert.NotSame(values, segment.Array);
                buffer ??= segment.Array;
                Assert.Same(buffer, segment.Array);
                var id = b.GetValues<int>("Id").Span;
                for (int r = 0; r < b.Count; r++)
                {
                    Assert.Equal(id[r] * 3f, x.Span[r * 3]);
                    Assert.Equal(b.RowIndices.Span[r], id[r]);
                }
                ids.AddRange(id.ToArray());
            }
            return ids;
        }
        var first = Pass();
        var second = Pass();
        Assert.Equal(Enumerable.Range(0, rows), first.Order());
        Assert.NotEqual(first, second); // a new order each pass
        Assert.NotEqual(Enumerable.Range(0, rows), first);
        var again = view.GetBatches(options, "X", "Id").SelectMany(b => b.GetValues<int>("Id").ToArray()).ToList();
        Assert.Equal(first, again); // same seed, same first pass
    }

    [Fact]
    public void BatchTensorsUsePyTorchDTypes()
    {
        var view = new DataViewBuilder().AddKey("Label", [1u, 0u, 3u], 3).AddDouble("D", [0.5, 1.5, 2.5]).AddBoolean("B", [true, false, true]).Build();
        var batch = view.GetBatches(new BatchOptions { BatchSize = 2, DropLast = true }).Single();
        Assert.Equal(new long[] { 0, -100 }, batch.GetTensor("Label").ToArray<long>());
        Assert.Equal(new[] { 0.5f, 1.5f }, batch.GetTensor("D").ToFloatArray());
        Assert.Equal(DType.Bool, batch.GetTensor("B").DType);
        var e = Assert.Throws<InvalidOperationException>(() => batch.GetValues<int>("Label"));
        Assert.Contains("column 'Label' has type Key<UInt32, 0-2>; read it as UInt32", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => view.GetBatches(new BatchOptions { BatchSize = 0 }).ToList());
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => view.GetBatches(2, "Nope"));
        Assert.Contains("column 'Nope' not found; available: Label, D, B", missing.Message);
    }

    [Fact]
    public void BuilderRejectsBadShapesAndLabels()
    {
        var e = Assert.Throws<ArgumentException>(() => new DataViewBuilder().AddVector("X", new float[10], 3));
        Assert.Contains("cannot hold 10 floats", e.Message);
        var l = Assert.Throws<ArgumentOutOfRangeException>(() => new DataViewBuilder().AddKey("L", [0L, 5L], 3));
        Assert.Contains("Label at row 1 is 5; labels must be in [0, 3)", l.Message);
        var len = Assert.Throws<ArgumentException>(() => new DataViewBuilder().AddSingle("A", [1f]).AddSingle("B", [1f, 2f]).Build());
        Assert.Contains("Column 'B' has 2 rows but column 'A' has 1", len.Message);
    }
}
