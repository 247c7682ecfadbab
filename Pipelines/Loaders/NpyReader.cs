using System.Buffers.Binary;
using System.Text;

namespace MlNetDl.Pipelines.Loaders;

/// <summary>An NPY array: element type, C-order shape and the data as a typed array.</summary>
public sealed record NpyArray(ElementType ElementType, int[] Shape, Array Data)
{
    /// <summary>The data converted to a new float[] (C# casts; bool → 0/1).</summary>
    public float[] ToFloat32() => ElementTypes.ToFloat32(Data);
}

/// <summary>
/// Reader of NumPy <c>.npy</c> files, format versions 1.0, 2.0 and 3.0: magic <c>\x93NUMPY</c>, version, header
/// length (uint16 for 1.0, uint32 after), a Python-literal header dict ('descr', 'fortran_order', 'shape'), then
/// the raw data. Dtypes u1, i1, b1, i2, i4, i8, f4, f8 in either byte order (converted to the machine's); C order only.
/// </summary>
public static class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the array in its own element type.</summary>
    /// <exception cref="InvalidDataException">Bad magic/version/header, unsupported dtype, Fortran order, or data length ≠ declared (messages name the file).</exception>
    public static NpyArray Read(string path)
    {
        using var h = Open(path, out var header, out var type, out bool big, out long count, out var at);
        var data = BinaryData.ReadNative(h, type, count, big, at);
        return new NpyArray(type, header.Shape, data);
    }

    /// <summary>Reads the array converted to float while streaming (one float[] allocation, no intermediate typed copy).</summary>
    /// <exception cref="InvalidDataException">As <see cref="Read"/>.</exception>
    public static (float[] Data, int[] Shape) ReadFloat32(string path)
    {
        using var h = Open(path, out var header, out var type, out bool big, out long count, out var at);
        return (BinaryData.ReadFloat(h, type, count, big, 1f, at), header.Shape);
    }

    private static FileStream Open(string path, out NpyHeader header, out ElementType type, out bool bigEndian, out long count, out DataLocation at)
    {
        var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            (header, type, bigEndian, count, at) = ParseHeader(s, path);
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    private static (NpyHeader, ElementType, bool, long, DataLocation) ParseHeader(FileStream s, string path)
    {
        Span<byte> pre = stackalloc byte[12];
        int got = BinaryData.ReadFully(s, pre[..10], path);
        if (got < 10 || !pre[..6].SequenceEqual(Magic))
        {
            throw Error(path, "missing the magic string \\x93NUMPY at byte offset 0 (not an .npy file)");
        }

        byte major = pre[6], minor = pre[7];
        long headerLen;
        int preamble;
        switch (major)
        {
            case 1:
                headerLen = BinaryPrimitives.ReadUInt16LittleEndian(pre[8..]);
                preamble = 10;
                break;
            case 2 or 3:
                if (BinaryData.ReadFully(s, pre[10..12], path) < 2)
                {
                    throw Error(path, "file ends inside the 4-byte header length at byte offset 8");
                }

                headerLen = BinaryPrimitives.ReadUInt32LittleEndian(pre[8..]);
                preamble = 12;
                break;
            default:
                throw Error(path, $"unsupported format version {major}.{minor} (expected 1.0, 2.0 or 3.0)");
        }

        if (preamble + headerLen > s.Length)
        {
            throw Error(path, $"header length {headerLen} runs past the end of the file ({s.Length} bytes)");
        }

        var raw = new byte[headerLen];
        s.ReadExactly(raw);
        // 1.0/2.0 headers are latin-1; 3.0 allows UTF-8 (only field names could use it).
        string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(raw);
        NpyHeader header;
        try
        {
            header = NpyHeader.Parse(text);
        }
        catch (FormatException e)
        {
            throw Error(path, $"cannot parse the header dict ({e.Message}): {text.Trim()}");
        }

        var dt = NpyHeader.ParseDescr(header.Descr)
            ?? throw Error(path, $"unsupported dtype '{header.Descr}' (supported: u1, i1, b1, i2, i4, i8, f4, f8 in either byte order)");
        if (header.FortranOrder)
        {
            throw Error(path, $"fortran_order is True (shape {ElementTypes.Format(header.Shape)}); only C-order arrays are read — save with np.ascontiguousarray(a)");
        }

        long count = ElementTypes.CheckedProduct(header.Shape, Array.MaxLength);
        if (count < 0)
        {
            throw Error(path, $"shape {ElementTypes.Format(header.Shape)} has more than {Array.MaxLength} elements; refusing to allocate");
        }

        long dataOffset = preamble + headerLen;
        long expected = dataOffset + count * dt.Type.SizeOf();
        if (s.Length != expected)
        {
            string what = s.Length < expected ? "truncated" : "longer than declared";
            throw Error(path, $"{what}: shape {ElementTypes.Format(header.Shape)} of '{header.Descr}' needs {expected} bytes " +
                $"(data from byte offset {dataOffset}) but the file has {s.Length}");
        }

        return (header, dt.Type, dt.BigEndian, count, new DataLocation(path, "NPY", dataOffset));
    }

    private static InvalidDataException Error(string path, string what) => new($"{path}: invalid .npy file: {what}.");
}
