using MlNetDl.Tensors.Serialization;

namespace MlNetDl.UnitTests.Serialization;

/// <summary>
/// Reads Fixtures/safetensors/sample.safetensors, written by Fixtures/make_safetensors_fixture.py from numpy/torch
/// arrays with Python's JSON formatting, a header in name order (not data order) and unaligned data.
/// </summary>
public sealed class SafeTensorsInteropTests
{
    private static readonly string FixturePath =
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors", "sample.safetensors");

    [Fact]
    public void ReadsPythonWrittenFixture()
    {
        var file = SafeTensors.Load(FixturePath);

        Assert.Equal(["weight", "ids", "scale", "half", "brain", "mask", "empty", "counts"], file.Names);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal("make_safetensors_fixture.py", file.Metadata["source"]);

        Assert.Equal([2L, 3L], file["weight"].Shape);
        Assert.Equal([-0.5f, -0.25f, 0f, 0.25f, 0.5f, 0.75f], file["weight"].ToFloats());
        Assert.Equal([-3L, 0L, 1L << 40], file["ids"].ToInt64s());
        Assert.Empty(file["scale"].Shape);
        Assert.Equal([2.5], file["scale"].ToDoubles());
        Assert.Equal([1.0f, -2.0f, 0.5f], HalfsOf(file["half"]));
        Assert.Equal(SafeTensorDType.BF16, file["brain"].DType);
        Assert.Equal(new byte[] { 0x80, 0x3F, 0x00, 0xBF }, file["brain"].Data.ToArray()); // 1.0, -0.5
        Assert.Equal(SafeTensorDType.Bool, file["mask"].DType);
        Assert.Equal(new byte[] { 1, 0, 1 }, file["mask"].Data.ToArray());
        Assert.Equal([0L, 3L], file["empty"].Shape);
        Assert.Empty(file["empty"].ToFloats());
        Assert.Equal([1, 2, 3, 4], file["counts"].ToInt32s());
    }

    [Fact]
    public void RewritingTheFixturePreservesEveryTensor()
    {
        var original = SafeTensors.Load(FixturePath);
        var stream = new MemoryStream();
        SafeTensors.Write(stream, original.Entries, original.Metadata);
        stream.Position = 0;

        var rewritten = SafeTensors.Read(stream);

        Assert.Equal(original.Metadata, rewritten.Metadata);
        foreach (var entry in original.Entries)
        {
            Assert.Equal(entry.DType, rewritten[entry.Name].DType);
            Assert.Equal(entry.Shape, rewritten[entry.Name].Shape);
            Assert.Equal(entry.Data.ToArray(), rewritten[entry.Name].Data.ToArray());
        }
    }

    private static float[] HalfsOf(SafeTensorEntry entry)
    {
        Assert.Equal(SafeTensorDType.F16, entry.DType);
        var bytes = entry.Data.Span;
        var result = new float[bytes.Length / 2];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)BitConverter.ToHalf(bytes.Slice(2 * i, 2));
        }
        return result;
    }
}
