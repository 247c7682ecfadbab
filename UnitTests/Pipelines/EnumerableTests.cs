using MlNetDl.Pipelines;

namespace MlNetDl.UnitTests.Pipelines;

public class EnumerableTests
{
    public sealed class House
    {
        [LoadColumn(0)] public float Size { get; set; }
        [LoadColumn(1), ColumnName("Label")] public float Price { get; set; }
        [VectorType(2, 2)] public float[] Pixels = [];
        [KeyType(3)] public uint Kind { get; set; }
        public uint Count;
        public double Weight { get; set; }
        public int Rooms;
        public long Id { get; set; }
        public bool Sold { get; set; }
        public string City { get; set; } = "";
        [NoColumn] public object? Ignored { get; set; }
    }

    public sealed class Partial
    {
        [ColumnName("Label")] public float Price { get; set; }
        public string City { get; set; } = "";
        public float Missing { get; set; }
    }

    private static House[] Houses(int n) => [.. Enumerable.Range(0, n).Select(i => new House
    {
        Size = i, Price = 10 * i, Pixels = [i, i + 0.5f, -i, 1e-7f * i], Kind = (uint)(i % 3 + 1), Count = (uint)i,
        Weight = i / 3.0, Rooms = i + 1, Id = 1L << 40 | (long)i, Sold = i % 2 == 0, City = $"c{i}",
    })];

    [Fact]
    public void AttributesDecideColumnsAndTypes()
    {
        var data = new MLContext(1).Data.LoadFromEnumerable(Houses(3));
        Assert.Equal("{Size: Single; Label: Single; Kind: Key<UInt32, 0-2>; Count: UInt32; Weight: Double; Id: Int64; Sold: Boolean; City: String; Pixels: Vector<Single, 2, 2>; Rooms: Int32}",
            Canonical(data.Schema));
        Assert.Equal(10, data.Schema.Count);
        Assert.Null(data.Schema.GetColumnOrNull("Ignored"));
        Assert.Null(data.Schema.GetColumnOrNull("Price"));
        var definition = SchemaDefinition.Create(typeof(House));
        Assert.Equal([0], definition["Size"].LoadColumnIndices!);
        Assert.Equal([1], definition["Label"].LoadColumnIndices!);
    }

    /// <summary>Columns sorted as in <see cref="AttributesDecideColumnsAndTypes"/>'s expected text (member order
    /// between fields and properties depends on metadata tokens).</summary>
    private static string Canonical(DataViewSchema schema)
    {
        string[] order = ["Size", "Label", "Kind", "Count", "Weight", "Id", "Sold", "City", "Pixels", "Rooms"];
        return "{" + string.Join("; ", order.Select(n => schema[n].ToString())) + "}";
    }

    [Fact]
    public void CreateEnumerableRoundTripsEveryMember()
    {
        var context = new MLContext(1);
        var houses = Houses(5);
        var back = context.Data.CreateEnumerable<House>(context.Data.LoadFromEnumerable(houses), reuseRowObject: false).ToList();
        Assert.Equal(5, back.Count);
        for (int i = 0; i < 5; i++)
        {
            var (a, b) = (houses[i], back[i]);
            Assert.Equal((a.Size, a.Price, a.Kind, a.Count, a.Weight, a.Rooms, a.Id, a.Sold, a.City), (b.Size, b.Price, b.Kind, b.Count, b.Weight, b.Rooms, b.Id, b.Sold, b.City));
            Assert.Equal(a.Pixels, b.Pixels);
            Assert.NotSame(a.Pixels, b.Pixels);
        }
        Assert.NotSame(back[0], back[1]);
    }

    [Fact]
    public void ReuseRowObjectRefillsOneObjectAndItsArray()
    {
        var context = new MLContext(1);
        var data = context.Data.LoadFromEnumerable(Houses(3));
        House? first = null;
        float[]? pixels = null;
        int i = 0;
        foreach (var h in context.Data.CreateEnumerable<House>(data, reuseRowObject: true))
        {
            first ??= h;
            Assert.Same(first, h);
            Assert.Equal(10f * i, h.Price);
            if (i > 0)
            {
                Assert.Same(pixels, h.Pixels);
            }
            pixels = h.Pixels;
            i++;
        }
    }

    [Fact]
    public void MissingColumnsFailUnlessIgnored()
    {
        var context = new MLContext(1);
        var data = context.Data.LoadFromEnumerable(Houses(2));
        var e = Assert.Throws<SchemaMismatchException>(() => context.Data.CreateEnumerable<Partial>(data, false));
        Assert.StartsWith("Schema mismatch for input column 'Missing' of CreateEnumerable<Partial>: expected Single, not found; available: ", e.Message);
        var rows = context.Data.CreateEnumerable<Partial>(data, false, ignoreMissingColumns: true).ToList();
        Assert.Equal([0f, 10f], rows.Select(r => r.Price));
        Assert.Equal(["c0", "c1"], rows.Select(r => r.City));
    }

    public sealed class Vec4 { [VectorType(4)] public float[] Pixels { get; set; } = []; }

    public sealed class Vec3 { [VectorType(3)] public float[] Pixels { get; set; } = []; }

    public sealed class VecAny { public float[] Pixels { get; set; } = []; }

    [Fact]
    public void VectorSizeMismatchesNameRowAndColumn()
    {
        var context = new MLContext(1);
        var e = Assert.Throws<ArgumentException>(() => context.Data.LoadFromEnumerable(new[] { new Vec4 { Pixels = [1, 2, 3, 4] }, new Vec4 { Pixels = [1, 2, 3] } }));
        Assert.Equal("LoadFromEnumerable<Vec4>: column 'Pixels' (member Vec4.Pixels): row 1 has 3 values but its type is Vector<Single, 4> (4 values).", e.Message);
        e = Assert.Throws<ArgumentException>(() => context.Data.LoadFromEnumerable(new[] { new VecAny { Pixels = [1, 2] }, new VecAny { Pixels = [1] } }));
        Assert.Contains("row 1 has 1 values but row 0 had 2", e.Message);
        var inferred = context.Data.LoadFromEnumerable(new[] { new VecAny { Pixels = [1, 2] } });
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 2), inferred.Schema["Pixels"].Type);
        var data = context.Data.LoadFromEnumerable(new[] { new Vec4 { Pixels = [1, 2, 3, 4] } });
        var m = Assert.Throws<SchemaMismatchException>(() => context.Data.CreateEnumerable<Vec3>(data, false));
        Assert.StartsWith("Schema mismatch for input column 'Pixels' of CreateEnumerable<Vec3>: expected Vector<Single, 3>, got Vector<Single, 4>.", m.Message);
    }

    [Fact]
    public void SchemaDefinitionCanSizeVectorsAtRunTime()
    {
        var context = new MLContext(1);
        var definition = SchemaDefinition.Create(typeof(VecAny));
        definition["Pixels"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, 2);
        var data = context.Data.LoadFromEnumerable(new[] { new VecAny { Pixels = [1, 2] } }, definition);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 1, 2), data.Schema["Pixels"].Type);
    }
}
