using System.Buffers.Binary;
using MlNetDl.Pipelines.Loaders;
using Xunit.Abstractions;

namespace MlNetDl.UnitTests.Pipelines.Loaders;

public sealed class IdxReaderTests(ITestOutputHelper output) : LoaderTestBase
{
    // Values representable in every element type, including the sign and range edges of each.
    public static TheoryData<ElementType, bool> Types()
    {
        var data = new TheoryData<ElementType, bool>();
        foreach (var t in new[] { ElementType.UInt8, ElementType.Int8, ElementType.Int16, ElementType.Int32, ElementType.Float32, ElementType.Float64 })
        {
            data.Add(t, false);
            data.Add(t, true);
        }

        return data;
    }

    private static double[] Values(ElementType t, int n) => Enumerable.Range(0, n).Select(i => t switch
    {
        ElementType.UInt8 => (double)(i * 37 % 256),
        ElementType.Int8 => i * 37 % 256 - 128,
        ElementType.Int16 => (i * 4099 % 65536) - 32768,
        ElementType.Int32 => (i * 1_000_003L % 4_000_000_000L) - 2_000_000_000,
        ElementType.Float32 => (float)(Math.Sin(i) * 1e3),
        _ => Math.Sin(i) * 1e300,
    }).ToArray();

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryElementTypeRoundTripsPlainAndGzip(ElementType type, bool gzip)
    {
        int[] shape = [3, 2, 5, 7]; // rank 4, 210 elements
        var values = Values(type, 210);
        var path = WriteBytes($"a-{type}.idx", Idx(type, shape, values), gzip);

        var a = IdxReader.Read(path);

        Assert.Equal(type, a.ElementType);
        Assert.Equal(shape, a.Shape);
        Assert.Equal(type.ClrType(), a.Data.GetType().GetElementType());
        Assert.Equal(values.Select(v => (float)v), a.ToFloat32());
        Assert.Equal(values, a.Data.Cast<object>().Select(Convert.ToDouble));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ImagesAreUbyteDividedBy255AndLabelsAreInt64(bool gzip)
    {
        // 70,000 bytes: several decode chunks, so chunk boundaries are crossed.
        var pixels = Enumerable.Range(0, 100 * 700).Select(i => (double)(i * 7 % 256)).ToArray();
        var images = IdxReader.ReadImages(WriteBytes("img", Idx(ElementType.UInt8, [100, 28, 25], pixels), gzip));
        var labels = IdxReader.ReadLabels(WriteBytes("lab", Idx(ElementType.UInt8, [100], Enumerable.Range(0, 100).Select(i => (double)(i % 10)).ToArray()), gzip));

        Assert.Equal(100, images.Count);
        Assert.Equal([28, 25], images.ItemShape);
        Assert.Equal(700, images.ItemSize);
        Assert.Equal([100, 28, 25], images.Shape);
        Assert.Equal(pixels.Select(p => (float)p / 255f), images.Pixels); // torchvision: x.float() / 255
        Assert.Equal(1f, images.Pixels.Max());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)(i % 10)), labels);
    }

    [Fact]
    public void UnscaledImagesKeepTheirValuesForAnyType()
    {
        var v = Values(ElementType.Int16, 12);
        var images = IdxReader.ReadImages(WriteBytes("s16", Idx(ElementType.Int16, [2, 6], v)), scale: false);
        Assert.Equal(v.Select(x => (float)x), images.Pixels);
    }

    [Fact]
    public void RankZeroIsOneScalar()
    {
        var a = IdxReader.Read(WriteBytes("scalar", Idx(ElementType.Float64, [], [2.5])));
        Assert.Empty(a.Shape);
        Assert.Equal(new[] { 2.5 }, (double[])a.Data);
    }

    public static TheoryData<string, Func<byte[], byte[]>, bool, string[]> BadFiles() => new()
    {
        { "bad magic", b => [1, 2, .. b[2..]], false, ["offset 0", "magic 0x0102"] },
        { "unknown type", b => { var c = (byte[])b.Clone(); c[2] = 0x0A; return c; }, false, ["offset 2", "0x0A"] },
        { "short magic", b => b[..3], false, ["offset 3", "4-byte magic"] },
        { "truncated dims", b => b[..10], false, ["offset 10", "dimensions"] },
        { "truncated data plain", b => b[..^5], false, ["truncated", "offset 31", "needs 36 bytes", "has 31"] },
        { "truncated data gzip", b => b[..^5], true, ["truncated", "byte offset 31", "decompressed", "16 UInt8 elements"] },
        { "trailing data plain", b => [.. b, 9], false, ["longer than declared", "has 37"] },
        { "trailing data gzip", b => [.. b, 9], true, ["offset 36", "trailing data"] },
        { "dim above int32", b => { var c = (byte[])b.Clone(); BinaryPrimitives.WriteUInt32BigEndian(c.AsSpan(4), 0x80000000); return c; }, false, ["offset 4", "2147483648"] },
        { "absurd size", b => { var c = (byte[])b.Clone(); BinaryPrimitives.WriteInt32BigEndian(c.AsSpan(4), 1 << 30); BinaryPrimitives.WriteInt32BigEndian(c.AsSpan(8), 1 << 30); return c; }, true, ["refusing to allocate", "[1073741824, 1073741824, 2, 1]"] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadInputFailsWithPathAndOffset(string name, Func<byte[], byte[]> corrupt, bool gzip, string[] expected)
    {
        var good = Idx(ElementType.UInt8, [4, 2, 2, 1], Enumerable.Range(0, 16).Select(i => (double)i).ToArray()); // 20-byte header + 16
        var path = WriteBytes(name.Replace(' ', '-'), corrupt(good), gzip);

        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, e.Message);
        foreach (var s in expected)
        {
            Assert.Contains(s, e.Message);
        }
    }

    [Fact]
    public void ScaleOnNonUbyteAndMatrixLabelsAreRefused()
    {
        var floats = WriteBytes("f", Idx(ElementType.Float32, [2, 2], [1, 2, 3, 4]));
        Assert.Contains("scale: false", Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(floats)).Message);
        Assert.Contains("rank-1", Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(floats)).Message);
        var floatLabels = WriteBytes("fl", Idx(ElementType.Float32, [2], [1, 2]));
        Assert.Contains("integers", Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(floatLabels)).Message);
    }

    [Fact]
    public void CorruptGzipNamesTheFile()
    {
        var bytes = File.ReadAllBytes(WriteBytes("ok.gz", Idx(ElementType.UInt8, [64], new double[64]), gzip: true));
        bytes[12] ^= 0xFF;
        bytes[13] ^= 0xFF;
        var path = WriteBytes("corrupt.gz", bytes);
        var e = Assert.ThrowsAny<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void DebianFashionMnistLoadsWithBalancedClasses()
    {
        const string dir = "/usr/share/datasets/fashion-mnist";
        if (!File.Exists(Path.Combine(dir, "train-images-idx3-ubyte.gz")))
        {
            output.WriteLine($"SKIPPED: {dir} is absent (apt-get install dataset-fashion-mnist); the full Fashion-MNIST check did not run.");
            return;
        }

        foreach (var (split, n) in new[] { ("train", 60_000), ("t10k", 10_000) })
        {
            var images = IdxReader.ReadImages(Path.Combine(dir, $"{split}-images-idx3-ubyte.gz"));
            var labels = IdxReader.ReadLabels(Path.Combine(dir, $"{split}-labels-idx1-ubyte.gz"));

            Assert.Equal([n, 28, 28], images.Shape);
            Assert.Equal(n * 784, images.Pixels.Length);
            Assert.Equal(n, labels.Length);
            Assert.All(labels.GroupBy(l => l).ToArray(), g => Assert.Equal(n / 10, g.Count()));
            Assert.Equal(10, labels.Distinct().Count());
            Assert.Equal(0f, images.Pixels.Min());
            Assert.Equal(1f, images.Pixels.Max());
        }
    }
}
