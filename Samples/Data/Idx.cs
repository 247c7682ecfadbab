using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetDl.Samples.Data;

/// <summary>
/// Minimal IDX reader (MNIST format, plain or gzip) for the samples: images as float pixels in [0, 1] and labels
/// as int64. The pipeline loaders (issue: pipeline core) will supersede it; it validates the header so a wrong
/// or truncated file fails with the path and offset instead of producing garbage.
/// </summary>
internal static class Idx
{
    public static (float[] Pixels, int Count, int Rows, int Cols) ReadImages(Stream stream, string source)
    {
        using var input = Open(stream, source);
        Span<byte> header = stackalloc byte[16];
        Require(ReadFully(input, header, source) == 16, source, 0, "file shorter than the 16-byte image header");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        Require(magic == 0x00000803, source, 0, $"magic 0x{magic:X8} is not an unsigned-byte 3-D IDX file (0x00000803)");
        int n = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        int rows = BinaryPrimitives.ReadInt32BigEndian(header[8..]);
        int cols = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        long size = (long)n * rows * cols;
        Require(n >= 0 && rows > 0 && cols > 0 && size <= Array.MaxLength, source, 4, $"implausible dimensions {n}x{rows}x{cols}");

        // Decode in chunks straight into floats: the bytes are never held whole next to the pixels.
        var pixels = new float[size];
        var chunk = new byte[1 << 16];
        long done = 0;
        while (done < size)
        {
            int want = (int)Math.Min(chunk.Length, size - done);
            int got = ReadFully(input, chunk.AsSpan(0, want), source);
            Require(got == want, source, 16 + done + got, $"header says {n} images of {rows}x{cols} ({16 + size} bytes) but the data ends early");
            for (int i = 0; i < got; i++)
            {
                pixels[done + i] = chunk[i] * (1f / 255f);
            }

            done += got;
        }

        return (pixels, n, rows, cols);
    }

    public static long[] ReadLabels(Stream stream, string source)
    {
        using var input = Open(stream, source);
        Span<byte> header = stackalloc byte[8];
        Require(ReadFully(input, header, source) == 8, source, 0, "file shorter than the 8-byte label header");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        Require(magic == 0x00000801, source, 0, $"magic 0x{magic:X8} is not an unsigned-byte 1-D IDX file (0x00000801)");
        int n = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        Require(n >= 0, source, 4, $"negative label count {n}");
        var bytes = new byte[n];
        int got = ReadFully(input, bytes, source);
        Require(got == n, source, 8 + got, $"header says {n} labels but the data ends after {got}");
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = bytes[i];
        }

        return labels;
    }

    /// <summary>The decompressed content: gzip is recognised by its magic bytes, anything else is read as is.</summary>
    private static Stream Open(Stream stream, string source)
    {
        var head = new byte[2];
        int got = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        var rest = new ConcatStream(head.AsMemory(0, got), stream);
        return got == 2 && head[0] == 0x1F && head[1] == 0x8B ? new GZipStream(rest, CompressionMode.Decompress) : rest;
    }

    private static int ReadFully(Stream s, Span<byte> buffer, string source)
    {
        try
        {
            return s.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: corrupt gzip data ({e.Message}).", e);
        }
    }

    private static void Require(bool ok, string source, long offset, string what)
    {
        if (!ok)
        {
            throw new InvalidDataException($"{source}: invalid IDX file at byte offset {offset}: {what}.");
        }
    }

    /// <summary>Replays already-read bytes before the rest of a stream (to sniff the gzip magic).</summary>
    private sealed class ConcatStream(ReadOnlyMemory<byte> head, Stream tail) : Stream
    {
        private ReadOnlyMemory<byte> _head = head;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_head.Length > 0)
            {
                int n = Math.Min(count, _head.Length);
                _head.Span[..n].CopyTo(buffer.AsSpan(offset));
                _head = _head[n..];
                return n;
            }

            return tail.Read(buffer, offset, count);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
