using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace MlNetDl.Pipelines.Loaders;

/// <summary>
/// Writer of NumPy <c>.npy</c> files (format 1.0, or 2.0 when the header exceeds 64 KiB), little-endian, C order,
/// header padded so the data starts at a multiple of 64 bytes as NumPy does. The file is written to a temporary
/// name in the same directory and moved into place, so readers never see a partial file.
/// </summary>
public static class NpyWriter
{
    public static void Write(string path, float[] data, int[] shape) => Write(path, (Array)data, shape);
    public static void Write(string path, double[] data, int[] shape) => Write(path, (Array)data, shape);
    public static void Write(string path, long[] data, int[] shape) => Write(path, (Array)data, shape);
    public static void Write(string path, int[] data, int[] shape) => Write(path, (Array)data, shape);
    public static void Write(string path, byte[] data, int[] shape) => Write(path, (Array)data, shape);
    public static void Write(string path, bool[] data, int[] shape) => Write(path, (Array)data, shape);

    /// <summary>Writes any supported array (see <see cref="ElementTypes.Of"/>) with the given C-order shape.</summary>
    /// <exception cref="ArgumentException">Unsupported array type, negative dimension, or shape product ≠ data length.</exception>
    public static void Write(string path, Array data, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        var type = ElementTypes.Of(data);
        long count = ElementTypes.CheckedProduct(shape, long.MaxValue);
        if (count != data.Length)
        {
            throw new ArgumentException($"NpyWriter.Write: shape {ElementTypes.Format(shape)} does not match the {data.Length} elements of the data.", nameof(shape));
        }

        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("NpyWriter writes little-endian data and needs a little-endian machine.");
        }

        var full = Path.GetFullPath(path);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var s = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                s.Write(Preamble(new NpyHeader(NpyHeader.DescrOf(type), false, shape)));
                long bytes = count * type.SizeOf();
                ref byte start = ref MemoryMarshal.GetArrayDataReference(data);
                for (long done = 0; done < bytes;)
                {
                    int n = (int)Math.Min(1 << 20, bytes - done);
                    s.Write(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AddByteOffset(ref start, (nint)done), n));
                    done += n;
                }
            }

            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Magic, version, header length and the space-padded header ending in '\n'.</summary>
    private static byte[] Preamble(NpyHeader header)
    {
        string dict = header.Format();
        int pre = 10;
        int total = Align(pre + dict.Length + 1);
        if (total - pre > ushort.MaxValue)
        {
            pre = 12;
            total = Align(pre + dict.Length + 1);
        }

        var bytes = new byte[total];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = (byte)(pre == 10 ? 1 : 2);
        bytes[7] = 0;
        int len = total - pre;
        if (pre == 10)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(8), (ushort)len);
        }
        else
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(8), (uint)len);
        }

        var body = bytes.AsSpan(pre);
        body.Fill((byte)' ');
        Encoding.Latin1.GetBytes(dict).CopyTo(body);
        body[^1] = (byte)'\n';
        return bytes;
    }

    private static int Align(int n) => (n + 63) / 64 * 64;
}
