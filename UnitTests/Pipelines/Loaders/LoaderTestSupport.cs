using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using MlNetDl.Pipelines.Loaders;

namespace MlNetDl.UnitTests.Pipelines.Loaders;

/// <summary>A temp directory per test class, deleted afterwards, plus file builders for the loader tests.</summary>
public abstract class LoaderTestBase : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("mlnetdl-loaders-").FullName;

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string PathOf(string name) => System.IO.Path.Combine(Dir, name);

    protected string WriteBytes(string name, byte[] bytes, bool gzip = false)
    {
        var path = PathOf(name);
        if (gzip)
        {
            using var f = File.Create(path);
            using var z = new GZipStream(f, CompressionLevel.Fastest);
            z.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }

        return path;
    }

    /// <summary>IDX bytes: magic 00 00 code rank, big-endian dims, big-endian data converted from <paramref name="values"/>.</summary>
    protected static byte[] Idx(ElementType type, int[] shape, double[] values)
    {
        int size = type.SizeOf();
        var bytes = new byte[4 + 4 * shape.Length + values.Length * size];
        bytes[2] = IdxReader.TypeCode(type);
        bytes[3] = (byte)shape.Length;
        for (int i = 0; i < shape.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), shape[i]);
        }

        var data = bytes.AsSpan(4 + 4 * shape.Length);
        for (int i = 0; i < values.Length; i++)
        {
            var at = data[(i * size)..];
            double v = values[i];
            switch (type)
            {
                case ElementType.UInt8: at[0] = (byte)v; break;
                case ElementType.Int8: at[0] = (byte)(sbyte)v; break;
                case ElementType.Int16: BinaryPrimitives.WriteInt16BigEndian(at, (short)v); break;
                case ElementType.Int32: BinaryPrimitives.WriteInt32BigEndian(at, (int)v); break;
                case ElementType.Float32: BinaryPrimitives.WriteSingleBigEndian(at, (float)v); break;
                case ElementType.Float64: BinaryPrimitives.WriteDoubleBigEndian(at, v); break;
            }
        }

        return bytes;
    }
}

/// <summary>/usr/bin/python3 with NumPy (and optionally scikit-learn) for interop checks.</summary>
internal static class NumPyPython
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<bool> HasNumPy = new(() => File.Exists(Python) && Run("import numpy", out _) == 0);
    private static readonly Lazy<bool> HasSklearn = new(() => HasNumPy.Value && Run("import sklearn.datasets", out _) == 0);

    public static bool Available => HasNumPy.Value;
    public static bool SklearnAvailable => HasSklearn.Value;

    public static string RunChecked(string script, params string[] args)
    {
        int rc = Run(script, out var output, args);
        Assert.True(rc == 0, $"python exited with {rc}:\n{output}");
        return output;
    }

    private static int Run(string script, out string output, params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        output = stdout + err.Result;
        return p.ExitCode;
    }
}
