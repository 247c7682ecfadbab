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
        var data = ReadAll(stream, source);
        Require(data.Length >= 16, source, 0, "file shorter than the 16-byte image header");
        int magic = BinaryPrimitives.ReadInt32BigEndian(data);
        Require(magic == 0x00000803, source, 0, $"magic 0x{magic:X8} is not an unsigned-byte 3-D IDX file (0x00000803)");
        int n = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
        int rows = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(8));
        int cols = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(12));
        long expected = 16L + (long)n * rows * cols;
        Require(n >= 0 && rows > 0 && cols > 0 && data.Length >= expected, source, data.Length,
            $"header says {n} images of {rows}x{cols} ({expected} bytes) but the file has {data.Length} bytes");
        var pixels = new float[n * rows * cols];
        var bytes = data.AsSpan(16, pixels.Length);
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = bytes[i] * (1f / 255f);
        }

        return (pixels, n, rows, cols);
    }

    public static long[] ReadLabels(Stream stream, string source)
    {
        var data = ReadAll(stream, source);
        Require(data.Length >= 8, source, 0, "file shorter than the 8-byte label header");
        int magic = BinaryPrimitives.ReadInt32BigEndian(data);
        Require(magic == 0x00000801, source, 0, $"magic 0x{magic:X8} is not an unsigned-byte 1-D IDX file (0x00000801)");
        int n = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
        Require(n >= 0 && data.Length >= 8L + n, source, data.Length, $"header says {n} labels but the file has {data.Length - 8} bytes after it");
        var labels = new long[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = data[8 + i];
        }

        return labels;
    }

    private static byte[] ReadAll(Stream stream, string source)
    {
        using var buffered = new MemoryStream();
        var head = new byte[2];
        int got = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        bool gzip = got == 2 && head[0] == 0x1F && head[1] == 0x8B;
        var rest = new ConcatStream(head.AsMemory(0, got), stream);
        try
        {
            (gzip ? new GZipStream(rest, CompressionMode.Decompress) : (Stream)rest).CopyTo(buffered);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: corrupt gzip data ({e.Message}).", e);
        }

        return buffered.ToArray();
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
