using System.Buffers.Binary;

namespace MlNetDl.Pipelines.Loaders;

/// <summary>An IDX array: element type, shape (row-major) and the data as a typed array (byte[], sbyte[], short[], int[], float[] or double[]).</summary>
public sealed record IdxArray(ElementType ElementType, int[] Shape, Array Data)
{
    /// <summary>The data converted to a new float[] (C# casts; no scaling).</summary>
    public float[] ToFloat32() => ElementTypes.ToFloat32(Data);
}

/// <summary>N images as one contiguous row-major float[] of N × ItemSize values (layout [N, ..ItemShape]).</summary>
public sealed record ImageArray(float[] Pixels, int Count, int[] ItemShape)
{
    /// <summary>Values per image (product of <see cref="ItemShape"/>).</summary>
    public int ItemSize => Count == 0 ? (int)ElementTypes.CheckedProduct(ItemShape, int.MaxValue) : Pixels.Length / Count;

    /// <summary>The full shape [N, ..ItemShape].</summary>
    public int[] Shape => [Count, .. ItemShape];
}

/// <summary>
/// Reader of IDX files (the MNIST format; also Fashion-MNIST, KMNIST): magic 00 00 TT RR (TT = element type
/// 0x08 ubyte, 0x09 sbyte, 0x0B short, 0x0C int, 0x0D float, 0x0E double; RR = rank), RR big-endian int32
/// dimensions, then the big-endian data in row-major order. Plain or gzip (recognised by its magic bytes).
/// </summary>
public static class IdxReader
{
    /// <summary>Refused before allocation: more elements than this (2^31) is not a dataset we can hold in one array.</summary>
    public const long MaxElements = 1L << 31;

    /// <summary>Reads the whole array in its own element type.</summary>
    /// <exception cref="InvalidDataException">Bad magic, rank or dimensions, or data shorter/longer than declared (message gives path and byte offset).</exception>
    public static IdxArray Read(string path) => Read(BinaryData.Open(path), path);

    /// <summary>As <see cref="Read(string)"/> from a seekable stream (e.g. an embedded resource), named <paramref name="source"/> in errors.</summary>
    public static IdxArray Read(Stream stream, string source) => Read(BinaryData.Open(stream, leaveOpen: true), source);

    private static IdxArray Read((Stream Stream, long? Length) opened, string path)
    {
        using var h = Header.Open(opened, path);
        var data = BinaryData.ReadNative(h.Stream, h.Type, h.Count, bigEndian: true, h.Location);
        h.RequireEnd();
        return new IdxArray(h.Type, h.Shape, data);
    }

    /// <summary>
    /// Reads images [N, ...] as float; with <paramref name="scale"/> ubyte pixels are divided by 255 (values in [0, 1]),
    /// converted to float first. Decodes in chunks into the single float[] result.
    /// </summary>
    /// <exception cref="InvalidDataException">As <see cref="Read(string)"/>; also rank 0, or <paramref name="scale"/> on non-ubyte data.</exception>
    public static ImageArray ReadImages(string path, bool scale = true) => ReadImages(BinaryData.Open(path), path, scale);

    /// <summary>As <see cref="ReadImages(string, bool)"/> from a seekable stream, named <paramref name="source"/> in errors.</summary>
    public static ImageArray ReadImages(Stream stream, string source, bool scale = true) =>
        ReadImages(BinaryData.Open(stream, leaveOpen: true), source, scale);

    private static ImageArray ReadImages((Stream Stream, long? Length) opened, string path, bool scale)
    {
        using var h = Header.Open(opened, path);
        if (h.Shape.Length < 1)
        {
            throw new InvalidDataException($"{path}: an image file needs rank >= 1 (N, ...), got a rank-0 IDX array.");
        }

        if (scale && h.Type != ElementType.UInt8)
        {
            throw new InvalidDataException($"{path}: scale=true divides ubyte pixels by 255, but the file holds {h.Type} data; read it with scale: false.");
        }

        var pixels = BinaryData.ReadFloat(h.Stream, h.Type, h.Count, bigEndian: true, scale ? 255f : 1f, h.Location);
        h.RequireEnd();
        return new ImageArray(pixels, h.Shape[0], h.Shape[1..]);
    }

    /// <summary>Reads a rank-1 integer IDX array (ubyte, sbyte, short or int) as int64 labels.</summary>
    /// <exception cref="InvalidDataException">As <see cref="Read(string)"/>; also rank ≠ 1 or a floating-point element type.</exception>
    public static long[] ReadLabels(string path) => ToLabels(Read(path), path);

    /// <summary>As <see cref="ReadLabels(string)"/> from a seekable stream, named <paramref name="source"/> in errors.</summary>
    public static long[] ReadLabels(Stream stream, string source) => ToLabels(Read(stream, source), source);

    private static long[] ToLabels(IdxArray a, string path)
    {
        if (a.Shape.Length != 1)
        {
            throw new InvalidDataException($"{path}: labels must be a rank-1 IDX array, got shape {ElementTypes.Format(a.Shape)}.");
        }

        var labels = new long[a.Data.Length];
        switch (a.ElementType)
        {
            case ElementType.UInt8: { var b = (byte[])a.Data; for (int i = 0; i < b.Length; i++) { labels[i] = b[i]; } break; }
            case ElementType.Int8: { var b = (sbyte[])a.Data; for (int i = 0; i < b.Length; i++) { labels[i] = b[i]; } break; }
            case ElementType.Int16: { var b = (short[])a.Data; for (int i = 0; i < b.Length; i++) { labels[i] = b[i]; } break; }
            case ElementType.Int32: { var b = (int[])a.Data; for (int i = 0; i < b.Length; i++) { labels[i] = b[i]; } break; }
            default: throw new InvalidDataException($"{path}: labels must be integers, got {a.ElementType} data.");
        }

        return labels;
    }

    /// <summary>The IDX code of an element type (for writers and tests).</summary>
    public static byte TypeCode(ElementType type) => type switch
    {
        ElementType.UInt8 => 0x08,
        ElementType.Int8 => 0x09,
        ElementType.Int16 => 0x0B,
        ElementType.Int32 => 0x0C,
        ElementType.Float32 => 0x0D,
        ElementType.Float64 => 0x0E,
        _ => throw new ArgumentException($"IDX has no code for {type}; it stores UInt8, Int8, Int16, Int32, Float32 and Float64.", nameof(type)),
    };

    /// <summary>A parsed, validated header with the stream positioned at the data.</summary>
    private sealed class Header : IDisposable
    {
        public required Stream Stream { get; init; }
        public required ElementType Type { get; init; }
        public required int[] Shape { get; init; }
        public required long Count { get; init; }
        public required DataLocation Location { get; init; }

        public void Dispose() => Stream.Dispose();

        public void RequireEnd()
        {
            if (!BinaryData.AtEnd(Stream, Location.Path))
            {
                long end = Location.DataOffset + Count * Type.SizeOf();
                throw Error(Location.Path, end, $"trailing data after the {Count} elements declared by shape {ElementTypes.Format(Shape)}");
            }
        }

        public static Header Open((Stream Stream, long? Length) opened, string path)
        {
            var (stream, length) = opened;
            try
            {
                return Parse(stream, length, path);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        private static Header Parse(Stream stream, long? length, string path)
        {
            Span<byte> magic = stackalloc byte[4];
            int got = BinaryData.ReadFully(stream, magic, path);
            if (got < 4)
            {
                throw Error(path, got, "file shorter than the 4-byte magic number");
            }

            if (magic[0] != 0 || magic[1] != 0)
            {
                throw Error(path, 0, $"magic 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8} does not start with two zero bytes (not an IDX file)");
            }

            ElementType type = magic[2] switch
            {
                0x08 => ElementType.UInt8,
                0x09 => ElementType.Int8,
                0x0B => ElementType.Int16,
                0x0C => ElementType.Int32,
                0x0D => ElementType.Float32,
                0x0E => ElementType.Float64,
                _ => throw Error(path, 2, $"unknown element type code 0x{magic[2]:X2} (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)"),
            };
            int rank = magic[3];
            var dims = new byte[4 * rank];
            got = BinaryData.ReadFully(stream, dims, path);
            if (got < dims.Length)
            {
                throw Error(path, 4 + got, $"file ends inside the {rank} dimensions of the header ({4 + 4 * rank} bytes)");
            }

            var shape = new int[rank];
            for (int i = 0; i < rank; i++)
            {
                uint d = BinaryPrimitives.ReadUInt32BigEndian(dims.AsSpan(4 * i));
                if (d > int.MaxValue)
                {
                    throw Error(path, 4 + 4 * i, $"dimension {i} is {d}, larger than {int.MaxValue}");
                }

                shape[i] = (int)d;
            }

            long count = ElementTypes.CheckedProduct(shape, Math.Min(MaxElements, Array.MaxLength));
            if (count < 0)
            {
                throw Error(path, 4, $"shape {ElementTypes.Format(shape)} has more than {Math.Min(MaxElements, Array.MaxLength)} elements; refusing to allocate");
            }

            long dataOffset = 4 + 4L * rank;
            long bytes = count * type.SizeOf();
            // Plain files: compare with the real length before allocating (gzip is checked while streaming).
            if (length is long len && len != dataOffset + bytes)
            {
                string what = len < dataOffset + bytes ? "truncated" : "longer than declared";
                throw Error(path, Math.Min(len, dataOffset + bytes),
                    $"{what}: shape {ElementTypes.Format(shape)} of {type} needs {dataOffset + bytes} bytes but the file has {len}");
            }

            string format = length is null ? "gzip IDX (offsets in the decompressed data)" : "IDX";
            return new Header { Stream = stream, Type = type, Shape = shape, Count = count, Location = new DataLocation(path, format, dataOffset) };
        }
    }

    private static InvalidDataException Error(string path, long offset, string what) =>
        new($"{path}: invalid IDX file at byte offset {offset}: {what}.");
}
