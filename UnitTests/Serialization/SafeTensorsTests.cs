using System.Buffers.Binary;
using System.Text;
using MlNetDl.Tensors.Serialization;

namespace MlNetDl.UnitTests.Serialization;

public sealed class SafeTensorsTests
{
    [Fact]
    public void RoundTripKeepsEveryDTypeShapeAndValue()
    {
        var entries = new[]
        {
            SafeTensorEntry.FromFloats("w", [2, 3], [1f, -2f, 3.5f, float.NaN, float.PositiveInfinity, -0f]),
            SafeTensorEntry.FromDoubles("d", [2], [Math.PI, -1e300]),
            SafeTensorEntry.FromInt64s("ids", [3], [long.MinValue, 0, long.MaxValue]),
            SafeTensorEntry.FromInt32s("i32", [1, 2], [int.MinValue, 7]),
            Raw("half", SafeTensorDType.F16, [2], 0x00, 0x3C, 0x00, 0xC0),
            Raw("brain", SafeTensorDType.BF16, [1], 0x80, 0x3F),
            Raw("i16", SafeTensorDType.I16, [1], 0xFF, 0x7F),
            Raw("i8", SafeTensorDType.I8, [2], 0x80, 0x7F),
            Raw("u8", SafeTensorDType.U8, [3], 0, 128, 255),
            Raw("mask", SafeTensorDType.Bool, [2], 1, 0),
        };
        var file = RoundTrip(entries);

        Assert.Equal(entries.Length, file.Entries.Count);
        foreach (var expected in entries)
        {
            var actual = file[expected.Name];
            Assert.Equal(expected.DType, actual.DType);
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
        }
        Assert.Equal([1f, -2f, 3.5f, float.NaN, float.PositiveInfinity, -0f], file["w"].ToFloats());
        Assert.Equal([Math.PI, -1e300], file["d"].ToDoubles());
        Assert.Equal([long.MinValue, 0, long.MaxValue], file["ids"].ToInt64s());
        Assert.Equal([int.MinValue, 7], file["i32"].ToInt32s());
    }

    [Fact]
    public void RoundTripKeepsEmptyAndScalarTensors()
    {
        var file = RoundTrip(
        [
            SafeTensorEntry.FromFloats("empty", [0, 3], []),
            SafeTensorEntry.FromFloats("scalar", [], [42f]),
            SafeTensorEntry.FromInt64s("zeros", [4, 0], []),
        ]);

        Assert.Equal([0L, 3L], file["empty"].Shape);
        Assert.Empty(file["empty"].ToFloats());
        Assert.Empty(file["scalar"].Shape);
        Assert.Equal(1, file["scalar"].ElementCount);
        Assert.Equal([42f], file["scalar"].ToFloats());
        Assert.Empty(file["zeros"].ToInt64s());
    }

    [Fact]
    public void RoundTripKeepsMetadata()
    {
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\" <tag>" };
        var file = RoundTrip([SafeTensorEntry.FromFloats("x", [1], [1f])], metadata);

        Assert.Equal(metadata, file.Metadata);
        Assert.Empty(RoundTrip([SafeTensorEntry.FromFloats("x", [1], [1f])]).Metadata);
    }

    [Theory]
    // The same bytes as the reference implementation's serialization tests: compact JSON padded with spaces.
    [InlineData("attn.0", "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}")]
    [InlineData("attn0", "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ")]
    public void HeaderIsCompactJsonPaddedToEightBytes(string name, string expectedHeader)
    {
        long[] shape = name == "attn0" ? [1, 1, 2, 3] : [1, 2, 3];
        var bytes = WriteToBytes([SafeTensorEntry.FromFloats(name, shape, [0f, 1f, 2f, 3f, 4f, 5f])]);

        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        Assert.Equal(expectedHeader.Length, headerLength);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(expectedHeader, Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
        Assert.Equal(8 + headerLength + 24, bytes.Length);
    }

    [Fact]
    public void EmptyFileAndMetadataOnlyMatchReference()
    {
        Assert.Equal("{}      ", HeaderOf(WriteToBytes([])));
        Assert.Equal("{\"__metadata__\":{\"framework\":\"pt\"}}     ",
            HeaderOf(WriteToBytes([], new Dictionary<string, string> { ["framework"] = "pt" })));
    }

    [Fact]
    public void WriterSortsByDescendingAlignmentThenName()
    {
        var bytes = WriteToBytes(
        [
            Raw("a_u8", SafeTensorDType.U8, [1], 1),
            SafeTensorEntry.FromFloats("b_f32", [1], [1f]),
            SafeTensorEntry.FromInt64s("c_i64", [1], [1]),
            SafeTensorEntry.FromFloats("a_f32", [1], [2f]),
        ]);
        var file = SafeTensors.Read(new MemoryStream(bytes));

        Assert.Equal(["c_i64", "a_f32", "b_f32", "a_u8"], file.Names);
    }

    [Fact]
    public void WriteRejectsInvalidEntries()
    {
        var ok = SafeTensorEntry.FromFloats("x", [1], [1f]);
        AssertRejected([ok, SafeTensorEntry.FromFloats("x", [1], [2f])], "'x'", "more than once");
        AssertRejected([new SafeTensorEntry("short", SafeTensorDType.F32, [2], new byte[7])], "'short'", "8 bytes", "7 bytes");
        AssertRejected([new SafeTensorEntry("neg", SafeTensorDType.U8, [-1], Array.Empty<byte>())], "'neg'", "negative");
        AssertRejected([ok with { Name = "__metadata__" }], "__metadata__");

        static void AssertRejected(SafeTensorEntry[] entries, params string[] fragments)
        {
            var stream = new MemoryStream();
            var e = Assert.Throws<ArgumentException>(() => SafeTensors.Write(stream, entries));
            Assert.All(fragments, f => Assert.Contains(f, e.Message));
            Assert.Equal(0, stream.Length);
        }
    }

    [Fact]
    public void ConversionsCheckDTypeAndShape()
    {
        var ids = SafeTensorEntry.FromInt64s("ids", [2], [1, 2]);
        var e = Assert.Throws<InvalidOperationException>(() => ids.ToFloats());
        Assert.Contains("'ids'", e.Message);
        Assert.Contains("I64", e.Message);
        Assert.Contains("F32", e.Message);

        var shape = Assert.Throws<ArgumentException>(() => SafeTensorEntry.FromFloats("w", [2, 2], [1f, 2f, 3f]));
        Assert.Contains("[2, 2]", shape.Message);
        Assert.Contains("3 values", shape.Message);
    }

    [Fact]
    public void FactoriesCopyShapeAndData()
    {
        long[] shape = [2];
        float[] values = [1f, 2f];
        var entry = SafeTensorEntry.FromFloats("w", shape, values);
        shape[0] = 99;
        values[0] = 99f;

        Assert.Equal([2L], entry.Shape);
        Assert.Equal([1f, 2f], entry.ToFloats());
    }

    [Fact]
    public void MissingNameListsAvailableNames()
    {
        var file = RoundTrip([SafeTensorEntry.FromFloats("encoder.weight", [1], [1f])]);

        var e = Assert.Throws<KeyNotFoundException>(() => file["decoder.weight"]);
        Assert.Contains("'decoder.weight'", e.Message);
        Assert.Contains("'encoder.weight'", e.Message);
        Assert.False(file.TryGet("decoder.weight", out _));
        Assert.True(file.TryGet("encoder.weight", out var found));
        Assert.Equal([1f], found.ToFloats());
    }

    [Fact]
    public void ReadsFromNonSeekableStreams()
    {
        var bytes = WriteToBytes([SafeTensorEntry.FromFloats("x", [2], [1f, 2f])]);
        var file = SafeTensors.Read(new ForwardOnlyStream(bytes), "pipe");

        Assert.Equal("pipe", file.SourceName);
        Assert.Equal([1f, 2f], file["x"].ToFloats());
    }

    internal static SafeTensorEntry Raw(string name, SafeTensorDType dtype, long[] shape, params byte[] data) =>
        new(name, dtype, shape, data);

    internal static byte[] WriteToBytes(SafeTensorEntry[] entries, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var stream = new MemoryStream();
        SafeTensors.Write(stream, entries, metadata);
        return stream.ToArray();
    }

    private static SafeTensorFile RoundTrip(SafeTensorEntry[] entries, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensors.Read(new MemoryStream(WriteToBytes(entries, metadata)));

    private static string HeaderOf(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes, 8, (int)BinaryPrimitives.ReadInt64LittleEndian(bytes));

    /// <summary>A stream that cannot seek or report its length, like a pipe or a network response.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
