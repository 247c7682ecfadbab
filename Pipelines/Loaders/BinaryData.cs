using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MlNetDl.Pipelines.Loaders;

/// <summary>
/// Shared plumbing of the binary readers: gzip sniffing, exact reads with offsets in the errors, and chunked
/// decoding straight into the destination array (the raw bytes are never held whole next to the result).
/// </summary>
internal static class BinaryData
{
    private const int ChunkBytes = 1 << 16;

    /// <summary>Opens <paramref name="path"/>; gzip (magic 1F 8B) is decompressed on the fly.</summary>
    /// <returns>The content stream and, for plain files, its length (null for gzip, whose length is unknown up front).</returns>
    public static (Stream Stream, long? Length) Open(string path) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: ChunkBytes), leaveOpen: false);

    /// <summary>As <see cref="Open(string)"/> for a seekable stream positioned at the start of the data (e.g. an
    /// embedded resource); the returned stream disposes <paramref name="source"/> unless <paramref name="leaveOpen"/>.</summary>
    public static (Stream Stream, long? Length) Open(Stream source, bool leaveOpen)
    {
        if (!source.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable (the reader sniffs the gzip magic and checks the length).", nameof(source));
        }

        long start = source.Position;
        Span<byte> head = stackalloc byte[2];
        int got = source.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        source.Position = start;
        if (got == 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            return (new GZipStream(source, CompressionMode.Decompress, leaveOpen), null);
        }

        return (leaveOpen ? new NonDisposingStream(source) : source, source.Length - start);
    }

    /// <summary>Forwards reads to a stream the caller keeps ownership of.</summary>
    private sealed class NonDisposingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the data ends; returns the bytes read.</summary>
    public static int ReadFully(Stream s, Span<byte> buffer, string path)
    {
        try
        {
            return s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: corrupt gzip data ({e.Message}).", e);
        }
    }

    /// <summary>True when the stream has no byte left (used to refuse trailing data after the declared array).</summary>
    public static bool AtEnd(Stream s, string path)
    {
        Span<byte> one = stackalloc byte[1];
        return ReadFully(s, one, path) == 0;
    }

    /// <summary>
    /// Reads <paramref name="count"/> elements into a new array of the element's own .NET type, swapping bytes
    /// when the file's byte order differs from the machine's.
    /// </summary>
    public static Array ReadNative(Stream s, ElementType type, long count, bool bigEndian, in DataLocation at)
    {
        var array = ElementTypes.Allocate(type, count);
        int size = type.SizeOf();
        long total = count * size;
        ref byte start = ref MemoryMarshal.GetArrayDataReference(array);
        for (long done = 0; done < total;)
        {
            int want = (int)Math.Min(ChunkBytes, total - done);
            var chunk = MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref start, (nint)done), want);
            int got = ReadFully(s, chunk, at.Path);
            if (got < want)
            {
                throw at.Truncated(done + got, count, type);
            }

            if (bigEndian == BitConverter.IsLittleEndian)
            {
                Swap(chunk, size);
            }

            done += want;
        }

        return array;
    }

    /// <summary>Reads <paramref name="count"/> elements converted to float (C# cast semantics), then divided by <paramref name="divisor"/> (as torchvision's ToTensor: <c>x.float() / 255</c>).</summary>
    public static float[] ReadFloat(Stream s, ElementType type, long count, bool bigEndian, float divisor, in DataLocation at)
    {
        var result = new float[count];
        int size = type.SizeOf();
        var buffer = new byte[ChunkBytes];
        int perChunk = ChunkBytes / size;
        for (long done = 0; done < count;)
        {
            int n = (int)Math.Min(perChunk, count - done);
            var chunk = buffer.AsSpan(0, n * size);
            int got = ReadFully(s, chunk, at.Path);
            if (got < chunk.Length)
            {
                throw at.Truncated(done * size + got, count, type);
            }

            if (bigEndian == BitConverter.IsLittleEndian)
            {
                Swap(chunk, size);
            }

            var dst = result.AsSpan((int)done, n);
            Convert(type, chunk, dst);
            if (divisor != 1f)
            {
                TensorPrimitives.Divide(dst, divisor, dst);
            }

            done += n;
        }

        return result;
    }

    private static void Convert(ElementType type, ReadOnlySpan<byte> raw, Span<float> dst)
    {
        switch (type)
        {
            case ElementType.UInt8: for (int i = 0; i < dst.Length; i++) { dst[i] = raw[i]; } break;
            case ElementType.Int8: for (int i = 0; i < dst.Length; i++) { dst[i] = (sbyte)raw[i]; } break;
            case ElementType.Bool: for (int i = 0; i < dst.Length; i++) { dst[i] = raw[i] != 0 ? 1f : 0f; } break;
            case ElementType.Int16: Widen(MemoryMarshal.Cast<byte, short>(raw), dst); break;
            case ElementType.Int32: Widen(MemoryMarshal.Cast<byte, int>(raw), dst); break;
            case ElementType.Int64: Widen(MemoryMarshal.Cast<byte, long>(raw), dst); break;
            case ElementType.Float32: MemoryMarshal.Cast<byte, float>(raw).CopyTo(dst); break;
            case ElementType.Float64: TensorPrimitives.ConvertTruncating(MemoryMarshal.Cast<byte, double>(raw), dst); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "unknown element type");
        }
    }

    private static void Widen<T>(ReadOnlySpan<T> src, Span<float> dst) where T : System.Numerics.INumberBase<T>
    {
        for (int i = 0; i < src.Length; i++)
        {
            dst[i] = float.CreateTruncating(src[i]);
        }
    }

    private static void Swap(Span<byte> chunk, int size)
    {
        switch (size)
        {
            case 2: var s = MemoryMarshal.Cast<byte, short>(chunk); BinaryPrimitives.ReverseEndianness(s, s); break;
            case 4: var i = MemoryMarshal.Cast<byte, int>(chunk); BinaryPrimitives.ReverseEndianness(i, i); break;
            case 8: var l = MemoryMarshal.Cast<byte, long>(chunk); BinaryPrimitives.ReverseEndianness(l, l); break;
        }
    }
}

/// <summary>Where an array's data starts in a file, for error messages that give byte offsets.</summary>
internal readonly record struct DataLocation(string Path, string Format, long DataOffset)
{
    public InvalidDataException Truncated(long bytesRead, long count, ElementType type) => new(
        $"{Path}: truncated {Format} file: the data ends at byte offset {DataOffset + bytesRead}, but the header declares " +
        $"{count} {type} elements ({count * type.SizeOf()} bytes from offset {DataOffset}, so {DataOffset + count * type.SizeOf()} in all).");
}
