using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Serialization;

namespace MlNetDl.UnitTests.Nn;

public sealed class StateFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlnetdl-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequential Model(long seed, int hidden = 3) =>
        new(new Linear(4, hidden, generator: new Generator(seed)), new BatchNorm1d(hidden), new Linear(hidden, 2, generator: new Generator(seed + 1)));

    /// <summary>A model whose running statistics and counters are not at their defaults.</summary>
    private static Sequential Trained(long seed)
    {
        var m = Model(seed);
        m.Call(Tensor.Uniform(new Shape(8, 4), -1, 1, new Generator(seed + 2)));
        m.Call(Tensor.Uniform(new Shape(8, 4), -1, 1, new Generator(seed + 3)));
        return m;
    }

    [Fact]
    public void SaveThenLoadRestoresEveryTensorExactly()
    {
        var path = Path.Combine(_dir, "model.safetensors");
        var source = Trained(1);
        source.Save(path);

        var target = Model(10);
        target.Load(path);

        foreach (var ((key, a), (_, b)) in source.StateDict().Zip(target.StateDict()))
        {
            Assert.True(a.DType == DType.Int64
                ? a.ToArray<long>().SequenceEqual(b.ToArray<long>())
                : a.ToFloatArray().SequenceEqual(b.ToFloatArray()), $"'{key}' differs after load");
        }

        Assert.Equal(2L, target.StateDict().Single(e => e.Key == "1.num_batches_tracked").Value.Item<long>());
        var x = Tensor.Uniform(new Shape(5, 4), -1, 1, new Generator(5));
        source.Eval();
        target.Eval();
        Assert.Equal(source.Call(x).ToFloatArray(), target.Call(x).ToFloatArray());
    }

    [Fact]
    public void FileHasPyTorchKeysDtypesAndMetadata()
    {
        var path = Path.Combine(_dir, "model.safetensors");
        Model(1).Save(path);
        var file = SafeTensors.Load(path);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal("Sequential", file.Metadata["mlnetdl.module"]);
        Assert.Equal(9, file.Entries.Count);
        Assert.Equal(SafeTensorDType.I64, file["1.num_batches_tracked"].DType);
        Assert.Empty(file["1.num_batches_tracked"].Shape);
        Assert.Equal([3L, 4L], file["0.weight"].Shape);
    }

    public static TheoryData<string, string[]> BadFiles() => new()
    {
        { "missing", ["'0.bias'", "missing keys"] },
        { "unexpected", ["'3.weight'", "unexpected keys"] },
        { "shape", ["'0.weight'", "[5, 4]", "[3, 4]"] },
        { "dtype", ["'1.num_batches_tracked'", "F32", "I64"] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void LoadErrorsNameTheFileAndTheKeyAndChangeNothing(string kind, string[] expected)
    {
        var path = Path.Combine(_dir, kind + ".safetensors");
        var entries = SafeTensors.Load(Save(Trained(1))).Entries.ToList();
        switch (kind)
        {
            case "missing": entries.RemoveAll(e => e.Name == "0.bias"); break;
            case "unexpected": entries.Add(SafeTensorEntry.FromFloats("3.weight", [1], [1f])); break;
            case "shape": entries[entries.FindIndex(e => e.Name == "0.weight")] = SafeTensorEntry.FromFloats("0.weight", [5, 4], new float[20]); break;
            default: entries[entries.FindIndex(e => e.Name == "1.num_batches_tracked")] = SafeTensorEntry.FromFloats("1.num_batches_tracked", [], [1f]); break;
        }

        SafeTensors.Save(path, entries);
        var target = Model(10);
        var before = target.StateDict().Where(e => e.Value.DType == DType.Float32).Select(e => e.Value.ToFloatArray()).ToList();

        var e = Assert.Throws<InvalidDataException>(() => target.Load(path));

        Assert.Contains(path, e.Message);
        foreach (var s in expected)
        {
            Assert.Contains(s, e.Message);
        }

        var after = target.StateDict().Where(x => x.Value.DType == DType.Float32).Select(x => x.Value.ToFloatArray()).ToList();
        Assert.Equal(before, after);
    }

    [Fact]
    public void NonStrictLoadSkipsMissingAndUnexpectedKeys()
    {
        var path = Path.Combine(_dir, "partial.safetensors");
        var source = Trained(1);
        var entries = SafeTensors.Load(Save(source)).Entries.Where(e => !e.Name.StartsWith("2.", StringComparison.Ordinal)).ToList();
        entries.Add(SafeTensorEntry.FromFloats("extra", [1], [1f]));
        SafeTensors.Save(path, entries);

        var target = Model(10);
        var last = target.StateDict().Single(e => e.Key == "2.weight").Value.ToFloatArray();
        target.Load(path, strict: false);

        Assert.Equal(source[0].StateDict()[0].Value.ToFloatArray(), target[0].StateDict()[0].Value.ToFloatArray());
        Assert.Equal(last, target.StateDict().Single(e => e.Key == "2.weight").Value.ToFloatArray());
        // Shapes are checked even when not strict.
        Assert.Throws<InvalidDataException>(() => Model(10, hidden: 5).Load(path, strict: false));
    }

    [Fact]
    public void CorruptFileIsAnErrorNamingTheFile()
    {
        var path = Save(Trained(1));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^7]);
        var e = Assert.Throws<InvalidDataException>(() => Model(10).Load(path));
        Assert.Contains(path, e.Message);

        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => Model(10).Load(path)).Message);
    }

    private string Save(Module m)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".safetensors");
        m.Save(path);
        return path;
    }
}
