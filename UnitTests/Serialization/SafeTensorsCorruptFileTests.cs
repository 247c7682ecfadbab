using System.Buffers.Binary;
using System.Text;
using MlNetDl.Tensors.Serialization;

namespace MlNetDl.UnitTests.Serialization;

/// <summary>One row per validity rule: the file is rejected with a message naming the file and the fault.</summary>
public sealed class SafeTensorsCorruptFileTests : IDisposable
{
    private const string F32x2 = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":";

    private static readonly Dictionary<string, (byte[] Bytes, string[] Fragments)> Cases = new()
    {
        ["shorter than 8 bytes"] = ([1, 2, 3, 4, 5], ["5 bytes", "8-byte"]),
        ["header longer than file"] = (Concat(U64(1000), Utf8("{}      ")), ["1000", "only 8 bytes"]),
        ["header over 100 MB"] = (Concat(U64(200_000_000), Utf8("{}      ")), ["200000000", "100000000"]),
        ["header length u64 max"] = (Concat(U64(ulong.MaxValue), Utf8("{}      ")), ["18446744073709551615", "limit"]),
        ["invalid json"] = (File("{\"a\": nope}", 0), ["not valid JSON", "near file offset 15"]),
        ["invalid utf8"] = (Concat(U64(8), Utf8("{\""), [0xC3, 0x28], Utf8("\":1}")), ["not valid UTF-8", "8 to 16"]),
        ["header not an object"] = (File("[1, 2]", 0), ["JSON object", "Array"]),
        ["tensor not an object"] = (File("{\"a\": 3}", 0), ["'a'", "Number"]),
        ["unknown dtype"] = (File("{\"a\":{\"dtype\":\"U16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2), ["'a'", "'U16'", "F32"]),
        ["missing dtype"] = (File("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4), ["'a'", "'dtype'"]),
        ["missing offsets"] = (File("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), ["'a'", "'data_offsets'"]),
        ["three offsets"] = (File("{\"a\":" + F32x2 + "[0,4,8]}}", 8), ["'a'", "'data_offsets'", "got 3"]),
        ["negative dim"] = (File("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), ["'a'", "'shape'[0]", "-2"]),
        ["fractional dim"] = (File("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", 8), ["'a'", "1.5"]),
        ["negative offset"] = (File("{\"a\":" + F32x2 + "[-8,0]}}", 8), ["'a'", "'data_offsets'[0]"]),
        ["shape overflow"] = (File("{\"a\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", 8), ["'a'", "overflows"]),
        ["size mismatch"] = (File("{\"a\":" + F32x2 + "[0,4]}}", 4), ["'a'", "needs 8 bytes", "spans 4"]),
        ["end before begin"] = (File("{\"a\":" + F32x2 + "[8,0]}}", 8), ["'a'", "[8, 0]", "ends before"]),
        ["offsets past end"] = (File("{\"a\":" + F32x2 + "[0,8]}}", 4), ["'a'", "[0, 8]", "past the end", "4 bytes"]),
        ["overlap"] = (File("{\"a\":" + F32x2 + "[0,8]},\"b\":" + F32x2 + "[4,12]}}", 12), ["'b'", "overlaps", "'a'"]),
        ["hole"] = (File("{\"a\":" + F32x2 + "[0,8]},\"b\":" + F32x2 + "[12,20]}}", 20), ["'b'", "hole of 4 bytes", "file offset"]),
        ["first tensor not at 0"] = (File("{\"a\":" + F32x2 + "[4,12]}}", 12), ["'a'", "hole of 4 bytes"]),
        ["trailing bytes"] = (File("{\"a\":" + F32x2 + "[0,8]}}", 11), ["cover 8 bytes", "11 bytes", "3 unclaimed"]),
        ["duplicate names"] = (File("{\"a\":" + F32x2 + "[0,8]},\"a\":" + F32x2 + "[8,16]}}", 16), ["'a'", "twice"]),
        ["metadata not strings"] = (File("{\"__metadata__\":{\"epoch\":3}}", 0), ["__metadata__", "'epoch'", "Number"]),
        ["metadata not an object"] = (File("{\"__metadata__\":[\"x\"]}", 0), ["__metadata__", "Array"]),
    };

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("safetensors-corrupt-");

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void LoadRejectsCorruptFile(string caseName)
    {
        var (bytes, fragments) = Cases[caseName];
        string path = Path.Combine(_directory.FullName, "corrupt.safetensors");
        System.IO.File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));

        Assert.StartsWith(path + ":", e.Message);
        Assert.All(fragments, f => Assert.Contains(f, e.Message));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ReadRejectsCorruptStreamWithTheSameMessage(string caseName)
    {
        var (bytes, fragments) = Cases[caseName];

        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new MemoryStream(bytes), "upload #7"));

        Assert.StartsWith("upload #7:", e.Message);
        Assert.All(fragments, f => Assert.Contains(f, e.Message));
    }

    [Fact]
    public void NullMetadataAndUnknownTensorFieldsAreAccepted()
    {
        // The reference implementation reads "__metadata__": null as no metadata and ignores extra tensor fields.
        var file = SafeTensors.Read(new MemoryStream(File(
            "{\"__metadata__\":null,\"a\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[0,2],\"extra\":1}}", 2)));

        Assert.Empty(file.Metadata);
        Assert.Equal([2L], file["a"].Shape);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>A file with the given header (unpadded: padding is a writer convention) and zeroed data.</summary>
    private static byte[] File(string header, int dataBytes)
    {
        var json = Utf8(header);
        return Concat(U64((ulong)json.Length), json, new byte[dataBytes]);
    }

    private static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
