using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetDl.Samples.Plotting;

/// <summary>
/// Writes 8-bit RGBA (colour type 6) or RGB (colour type 2) PNGs: signature, IHDR, one zlib IDAT, IEND.
/// Each row gets the filter (None, Sub, Up, Average or Paeth) with the smallest sum of absolute residuals,
/// the usual heuristic from the PNG specification, which keeps flat chart backgrounds small.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>PNG bytes of the canvas; <paramref name="alpha"/> false drops the alpha channel (colour type 2).</summary>
    public static byte[] Encode(Canvas canvas, bool alpha = false) => Encode(canvas.Pixels, canvas.Width, canvas.Height, alpha);

    /// <summary>PNG bytes of row-major RGBA pixels (<paramref name="width"/>·<paramref name="height"/>·4 bytes).</summary>
    /// <exception cref="ArgumentException">The buffer length does not match the size.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> rgba, int width, int height, bool alpha = true)
    {
        if (width < 1 || height < 1 || rgba.Length != (long)width * height * 4)
        {
            throw new ArgumentException($"PngEncoder: expected {width}×{height}×4 RGBA bytes; got {rgba.Length}.", nameof(rgba));
        }

        int bpp = alpha ? 4 : 3, stride = width * bpp;
        var raw = new byte[stride * height];
        for (int p = 0, o = 0; p < width * height; p++)
        {
            raw[o++] = rgba[p * 4];
            raw[o++] = rgba[(p * 4) + 1];
            raw[o++] = rgba[(p * 4) + 2];
            if (alpha)
            {
                raw[o++] = rgba[(p * 4) + 3];
            }
        }

        using var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var best = new byte[stride];
            var trial = new byte[stride];
            for (int y = 0; y < height; y++)
            {
                var row = raw.AsSpan(y * stride, stride);
                var prev = y > 0 ? raw.AsSpan((y - 1) * stride, stride) : default;
                long bestCost = long.MaxValue;
                byte bestType = 0;
                for (byte type = 0; type <= 4; type++)
                {
                    long cost = Filter(type, row, prev, bpp, trial);
                    if (cost < bestCost)
                    {
                        (bestCost, bestType) = (cost, type);
                        trial.CopyTo(best, 0);
                    }
                }

                z.WriteByte(bestType);
                z.Write(best);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;                        // bit depth
        header[9] = (byte)(alpha ? 6 : 2);    // colour type: RGBA or RGB
        // [10..12] = compression 0 (deflate), filter method 0, interlace 0 (none)

        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Writes the canvas to <paramref name="path"/> atomically (temporary file in the same folder, then rename).</summary>
    public static void Save(Canvas canvas, string path, bool alpha = false) => AtomicFile.WriteAllBytes(path, Encode(canvas, alpha));

    private static long Filter(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prev, int bpp, Span<byte> dst)
    {
        long cost = 0;
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0, b = prev.IsEmpty ? 0 : prev[i], c = i >= bpp && !prev.IsEmpty ? prev[i - bpp] : 0;
            int predicted = type switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) >> 1, _ => Paeth(a, b, c) };
            byte v = (byte)(row[i] - predicted);
            dst[i] = v;
            cost += v < 128 ? v : 256 - v; // residuals as signed bytes
        }

        return cost;
    }

    internal static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buf = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(buf, (uint)data.Length);
        s.Write(buf);
        Span<byte> typeBytes = [(byte)type[0], (byte)type[1], (byte)type[2], (byte)type[3]];
        s.Write(typeBytes);
        s.Write(data);
        uint crc = Crc32.Update(Crc32.Update(0, typeBytes), data); // CRC covers type and data, not length
        BinaryPrimitives.WriteUInt32BigEndian(buf, crc);
        s.Write(buf);
    }
}

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as PNG and zip use it.</summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues <paramref name="crc"/> (0 to start) over <paramref name="data"/>.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            t[n] = c;
        }

        return t;
    }
}

/// <summary>Writes files so that readers never see a half-written one.</summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var f = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                f.Write(bytes);
                f.Flush(flushToDisk: true);
            }

            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
}
