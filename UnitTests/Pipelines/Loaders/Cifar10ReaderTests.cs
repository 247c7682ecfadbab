using MlNetDl.Pipelines.Loaders;

namespace MlNetDl.UnitTests.Pipelines.Loaders;

public sealed class Cifar10ReaderTests : LoaderTestBase
{
    /// <summary>A batch of <paramref name="n"/> records; pixel (c, y, x) of record r is (r + 3c + 5y + 7x) mod 256.</summary>
    private string Batch(string name, int n, int labelOffset = 0, int badRecord = -1)
    {
        var bytes = new byte[n * Cifar10Reader.RecordBytes];
        for (int r = 0; r < n; r++)
        {
            var rec = bytes.AsSpan(r * Cifar10Reader.RecordBytes);
            rec[0] = (byte)(r == badRecord ? 10 : (r + labelOffset) % 10);
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < 32; y++)
                {
                    for (int x = 0; x < 32; x++)
                    {
                        rec[1 + c * 1024 + y * 32 + x] = (byte)((r + 3 * c + 5 * y + 7 * x) % 256);
                    }
                }
            }
        }

        return WriteBytes(name, bytes);
    }

    [Fact]
    public void BatchesConcatenateInOrderAsChwFloatsInUnitRange()
    {
        // 70 records cross the reader's 64-record blocks.
        var data = Cifar10Reader.Read([Batch("data_batch_1.bin", 70), Batch("data_batch_2.bin", 3, labelOffset: 4)]);

        Assert.Equal([73, 3, 32, 32], data.Images.Shape);
        Assert.Equal(73 * 3072, data.Images.Pixels.Length);
        Assert.Equal(Enumerable.Range(0, 70).Select(r => (long)(r % 10)).Concat([4L, 5, 6]), data.Labels);
        foreach (var (r, c, y, x, source) in new[] { (0, 0, 0, 0, 0), (69, 2, 31, 31, 69), (71, 1, 5, 9, 1) })
        {
            float expected = (byte)((source + 3 * c + 5 * y + 7 * x) % 256) / 255f;
            Assert.Equal(expected, data.Images.Pixels[r * 3072 + c * 1024 + y * 32 + x]);
        }

        Assert.InRange(data.Images.Pixels.Min(), 0f, 0f);
        Assert.InRange(data.Images.Pixels.Max(), 1f, 1f);
        Assert.Equal(10, Cifar10Reader.ClassNames.Count);
        Assert.Equal("truck", Cifar10Reader.ClassNames[9]);
    }

    [Fact]
    public void LengthNotMultipleOfRecordNamesFileAndLength()
    {
        var path = WriteBytes("short.bin", new byte[2 * 3073 - 1]);
        var e = Assert.Throws<InvalidDataException>(() => Cifar10Reader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("6145", e.Message);
        Assert.Contains("3073", e.Message);
    }

    [Fact]
    public void LabelAboveNineNamesTheRecord()
    {
        var path = Batch("bad.bin", 5, badRecord: 3);
        var e = Assert.Throws<InvalidDataException>(() => Cifar10Reader.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("record 3", e.Message);
        Assert.Contains("label 10", e.Message);
    }

    [Fact]
    public void MissingFileOrNoFilesAreClearErrors()
    {
        var missing = PathOf("nope.bin");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => Cifar10Reader.Read(missing)).Message);
        Assert.Throws<ArgumentException>(() => Cifar10Reader.Read(Array.Empty<string>()));
    }
}
