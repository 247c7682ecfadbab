using System.Buffers.Binary;
using System.IO.Compression;
using MlNetDl.Samples.Plotting;

namespace MlNetDl.UnitTests.Samples.Plotting;

/// <summary>
/// An independent, strict reader for the PNGs the encoder writes (8-bit RGB/RGBA, no interlace): checks the
/// signature, every chunk's CRC and the chunk order, and undoes all five filters.
/// </summary>
internal static class PngTestDecoder
{
    public sealed record Image(int Width, int Height, int ColorType, byte[] Rgba, List<string> Chunks);

    public static Image Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, png[..8]);
        var chunks = new List<string>();
        var idat = new MemoryStream();
        int width = 0, height = 0, colorType = 0;
        for (int pos = 8; pos < png.Length;)
        {
            int len = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, len);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + len));
            Assert.Equal(ReferenceCrc(png.AsSpan(pos + 4, len + 4)), crc);
            chunks.Add(type);
            if (type == "IHDR")
            {
                Assert.Equal(13, len);
                width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);               // bit depth
                colorType = data[9];
                Assert.Contains(colorType, new[] { 2, 6 });
                Assert.Equal(new byte[] { 0, 0, 0 }, data[10..13].ToArray()); // deflate, filter method 0, no interlace
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            pos += 12 + len;
        }

        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);

        int bpp = colorType == 6 ? 4 : 3, stride = width * bpp;
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        Assert.Equal(height * (stride + 1), bytes.Length);
        var rows = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = bytes[y * (stride + 1)];
            Assert.InRange(filter, 0, 4);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? rows[(y * stride) + i - bpp] : 0, b = y > 0 ? rows[((y - 1) * stride) + i] : 0;
                int c = i >= bpp && y > 0 ? rows[((y - 1) * stride) + i - bpp] : 0;
                int pred = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, _ => PaethRef(a, b, c) };
                rows[(y * stride) + i] = (byte)(bytes[(y * (stride + 1)) + 1 + i] + pred);
            }
        }

        var rgba = new byte[width * height * 4];
        for (int p = 0; p < width * height; p++)
        {
            rows.AsSpan(p * bpp, 3).CopyTo(rgba.AsSpan(p * 4));
            rgba[(p * 4) + 3] = bpp == 4 ? rows[(p * 4) + 3] : (byte)255;
        }

        return new Image(width, height, colorType, rgba, chunks);
    }

    // Bitwise CRC-32, deliberately not the table version under test.
    private static uint ReferenceCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    private static int PaethRef(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
