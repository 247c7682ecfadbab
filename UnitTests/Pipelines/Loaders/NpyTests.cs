using System.Text;
using MlNetDl.Pipelines.Loaders;
using Xunit.Abstractions;

namespace MlNetDl.UnitTests.Pipelines.Loaders;

public sealed class NpyTests(ITestOutputHelper output) : LoaderTestBase
{
    public static TheoryData<Array, string> Arrays() => new()
    {
        { new float[] { 1.5f, -2, float.NaN, float.MaxValue, 0, 3 }, "<f4" },
        { new double[] { 1e300, -2.5, 0, 4, 5, 6 }, "<f8" },
        { new long[] { long.MinValue, -1, 0, 1, long.MaxValue, 42 }, "<i8" },
        { new int[] { int.MinValue, -1, 0, 1, int.MaxValue, 42 }, "<i4" },
        { new byte[] { 0, 1, 127, 128, 255, 9 }, "|u1" },
        { new bool[] { true, false, true, true, false, false }, "|b1" },
    };

    [Theory]
    [MemberData(nameof(Arrays))]
    public void WriterAndReaderRoundTrip(Array data, string descr)
    {
        var path = PathOf("a.npy");
        NpyWriter.Write(path, data, [2, 3]);
        var raw = File.ReadAllBytes(path);

        var a = NpyReader.Read(path);

        Assert.Equal(ElementTypes.Of(data), a.ElementType);
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal(data.Cast<object>(), a.Data.Cast<object>());
        Assert.Equal(ElementTypes.ToFloat32(data), a.ToFloat32());
        Assert.Equal(ElementTypes.ToFloat32(data), NpyReader.ReadFloat32(path).Data);
        Assert.Contains($"'descr': '{descr}'", Encoding.ASCII.GetString(raw, 10, 60));
        Assert.Equal(0, (raw.Length - data.Length * ElementTypes.Of(data).SizeOf()) % 64); // NumPy's 64-byte alignment
        Assert.Empty(Directory.GetFiles(Dir, "*.tmp"));
    }

    [Theory]
    [InlineData(new int[0], "()")]
    [InlineData(new[] { 1 }, "(1,)")]
    [InlineData(new[] { 1, 1, 1 }, "(1, 1, 1)")]
    public void ShapesOfEveryRankAreWrittenAsPythonTuples(int[] shape, string tuple)
    {
        var path = PathOf("s.npy");
        NpyWriter.Write(path, new[] { 7.0 }, shape);
        Assert.Contains($"'shape': {tuple}", File.ReadAllText(path, Encoding.Latin1));
        Assert.Equal(shape, NpyReader.Read(path).Shape);
    }

    [Fact]
    public void WriterRejectsShapeMismatchAndReplacesExistingFiles()
    {
        var path = PathOf("w.npy");
        Assert.Contains("[2, 2]", Assert.Throws<ArgumentException>(() => NpyWriter.Write(path, new float[3], [2, 2])).Message);
        Assert.False(File.Exists(path));
        NpyWriter.Write(path, new float[] { 1 }, [1]);
        NpyWriter.Write(path, new float[] { 2, 3 }, [2]);
        Assert.Equal(new float[] { 2, 3 }, (float[])NpyReader.Read(path).Data);
    }

    [Fact]
    public void NumPyReadsOurFilesAndWeReadNumPys()
    {
        if (!NumPyPython.Available)
        {
            output.WriteLine("SKIPPED: /usr/bin/python3 with numpy is not available; NPY interop with NumPy did not run.");
            return;
        }

        // Ours → NumPy.
        var ours = new[] { ("f4.npy", (Array)new float[] { 0.1f, -2, 3.5f, 1e-30f, 5, 6 }), ("f8.npy", new double[] { 0.1, 2, 3, 4, 5, 6 }),
            ("i8.npy", new long[] { -5, 1L << 40, 3, 4, 5, 6 }), ("u1.npy", new byte[] { 0, 255, 3, 4, 5, 6 }) };
        foreach (var (name, data) in ours)
        {
            NpyWriter.Write(PathOf(name), data, [3, 2]);
        }

        var described = NumPyPython.RunChecked("""
            import numpy as np, sys, os
            for n in ['f4', 'f8', 'i8', 'u1']:
                a = np.load(os.path.join(sys.argv[1], n + '.npy'))
                print(n, a.dtype.str, a.shape, a.flags['C_CONTIGUOUS'], ' '.join(repr(float(v)) for v in a.ravel()))
            """, Dir);
        var lines = described.Trim().Split('\n');
        for (int k = 0; k < ours.Length; k++)
        {
            var parts = lines[k].Split(' ', 6);
            Assert.Equal(NpyHeader(ours[k].Item2), parts[1]);
            Assert.Equal("(3, 2) True", parts[2] + " " + parts[3] + " " + parts[4]);
            Assert.Equal(ElementTypes.ToFloat32(ours[k].Item2), parts[5].Split(' ').Select(v => (float)double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)));
        }

        // NumPy → ours: both byte orders, every supported dtype, format versions 1.0, 2.0 and 3.0.
        NumPyPython.RunChecked("""
            import numpy as np, sys, os
            from numpy.lib import format as fmt
            d = sys.argv[1]
            base = np.arange(24).reshape(2, 3, 4) - 7
            for dt in ['<f4', '>f4', '<f8', '>f8', '|u1', '|i1', '<i2', '>i2', '<i4', '>i4', '<i8', '>i8', '|b1']:
                np.save(os.path.join(d, 'np_' + dt.replace('<', 'le').replace('>', 'be').replace('|', '') + '.npy'), (base % 2 if dt == '|b1' else (base % 100 if dt == '|u1' else base)).astype(dt))
            for v in [(2, 0), (3, 0)]:
                with open(os.path.join(d, 'v%d.npy' % v[0]), 'wb') as f:
                    fmt.write_array(f, base.astype('<f4'), version=v)
            np.save(os.path.join(d, 'fortran.npy'), np.asfortranarray(base.astype('<f4')))
            np.save(os.path.join(d, 'u2.npy'), base.astype('<u2') % 5)
            """, Dir);
        var expected = Enumerable.Range(0, 24).Select(i => (float)(i - 7)).ToArray();
        foreach (var file in Directory.GetFiles(Dir, "np_*.npy").Concat([PathOf("v2.npy"), PathOf("v3.npy")]))
        {
            var a = NpyReader.Read(file);
            Assert.Equal([2, 3, 4], a.Shape);
            var want = file.EndsWith("b1.npy") ? expected.Select(v => (float)(((v % 2) + 2) % 2)) : file.EndsWith("u1.npy") ? expected.Select(v => (float)(((v % 100) + 100) % 100)) : expected;
            Assert.Equal(want, a.ToFloat32());
        }

        Assert.Equal(ElementType.Int16, NpyReader.Read(PathOf("np_bei2.npy")).ElementType);
        var fortran = Assert.Throws<InvalidDataException>(() => NpyReader.Read(PathOf("fortran.npy")));
        Assert.Contains("fortran_order", fortran.Message);
        Assert.Contains(PathOf("fortran.npy"), fortran.Message);
        var u2 = Assert.Throws<InvalidDataException>(() => NpyReader.Read(PathOf("u2.npy")));
        Assert.Contains("'<u2'", u2.Message);
        Assert.Contains(PathOf("u2.npy"), u2.Message);
    }

    private static string NpyHeader(Array data) => ElementTypes.Of(data) switch
    {
        ElementType.Float32 => "<f4",
        ElementType.Float64 => "<f8",
        ElementType.Int64 => "<i8",
        _ => "|u1",
    };

    /// <summary>A hand-made v1.0 file with the given header dict and data bytes.</summary>
    private string Handmade(string name, string dict, int dataBytes, byte major = 1)
    {
        var header = Encoding.Latin1.GetBytes(dict + "\n");
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0, (byte)header.Length, 0 };
        bytes.AddRange(header);
        bytes.AddRange(new byte[dataBytes]);
        return WriteBytes(name, [.. bytes]);
    }

    public static TheoryData<string, string, int, string[]> BadHeaders() => new()
    {
        { "dtype", "{'descr': '<c8', 'fortran_order': False, 'shape': (2,), }", 16, ["unsupported dtype '<c8'"] },
        { "structured", "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", 8, ["unsupported dtype '[('a', '<f4')]'"] },
        { "syntax", "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }", 8, ["cannot parse the header", "True or False"] },
        { "no shape", "{'descr': '<f4', 'fortran_order': False, }", 8, ["'shape' is missing"] },
        { "negative dim", "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", 8, ["non-negative"] },
        { "truncated", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 20, ["truncated", "needs", "data from byte offset"] },
        { "trailing", "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 12, ["longer than declared"] },
        { "absurd", "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", 0, ["refusing to allocate"] },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void BadFilesNameTheFileAndTheProblem(string name, string dict, int dataBytes, string[] expected)
    {
        var path = Handmade(name.Replace(' ', '_') + ".npy", dict, dataBytes);
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(path));
        Assert.Contains(path, e.Message);
        foreach (var s in expected)
        {
            Assert.Contains(s, e.Message);
        }
    }

    [Fact]
    public void BadMagicAndVersionAreRefused()
    {
        var notNpy = WriteBytes("x.npy", Encoding.ASCII.GetBytes("just some text here"));
        Assert.Contains("\\x93NUMPY", Assert.Throws<InvalidDataException>(() => NpyReader.Read(notNpy)).Message);
        var v9 = Handmade("v9.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4, major: 9);
        Assert.Contains("version 9.0", Assert.Throws<InvalidDataException>(() => NpyReader.Read(v9)).Message);
    }
}
