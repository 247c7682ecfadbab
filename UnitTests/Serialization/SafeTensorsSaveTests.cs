using System.Buffers;
using MlNetDl.Tensors.Serialization;

namespace MlNetDl.UnitTests.Serialization;

/// <summary>Save is atomic: a failed save leaves the previous file byte for byte and no temporary file.</summary>
public sealed class SafeTensorsSaveTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("safetensors-save-");
    private readonly string _path;
    private readonly byte[] _original;

    public SafeTensorsSaveTests()
    {
        _path = Path.Combine(_directory.FullName, "model.safetensors");
        SafeTensors.Save(_path, [SafeTensorEntry.FromFloats("old", [2], [1f, 2f])]);
        _original = File.ReadAllBytes(_path);
    }

    [Fact]
    public void SaveReplacesExistingFileAndLeavesNoTemporaryFile()
    {
        SafeTensors.Save(_path, [SafeTensorEntry.FromInt64s("new", [1], [5])], new Dictionary<string, string> { ["v"] = "2" });

        var file = SafeTensors.Load(_path);
        Assert.Equal(["new"], file.Names);
        Assert.Equal([5L], file["new"].ToInt64s());
        Assert.Equal("2", file.Metadata["v"]);
        AssertOnlyTheSavedFileExists();
    }

    [Fact]
    public void InvalidEntryIsRejectedBeforeTheFileIsTouched()
    {
        var bad = new SafeTensorEntry("bad", SafeTensorDType.F32, [3], new byte[8]);

        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Save(_path, [SafeTensorEntry.FromFloats("ok", [1], [1f]), bad]));

        Assert.Contains("'bad'", e.Message);
        AssertOriginalIntact();
    }

    [Fact]
    public void EntriesThatThrowMidwayLeaveTheOldFile()
    {
        Assert.Throws<InvalidOperationException>(() => SafeTensors.Save(_path, ThrowingEntries()));

        AssertOriginalIntact();

        static IEnumerable<SafeTensorEntry> ThrowingEntries()
        {
            yield return SafeTensorEntry.FromFloats("first", [1], [1f]);
            throw new InvalidOperationException("producer failed");
        }
    }

    [Fact]
    public void FailureWhileWritingDataDeletesTheTemporaryFile()
    {
        // Validation reads only the data's length; the bytes are first touched while the temporary file is open.
        var failing = new SafeTensorEntry("late", SafeTensorDType.U8, [16], new FailingMemory(16).Memory);

        var e = Assert.Throws<IOException>(() => SafeTensors.Save(_path, [SafeTensorEntry.FromFloats("ok", [1], [1f]), failing]));

        Assert.Equal("device lost", e.Message);
        AssertOriginalIntact();
    }

    [Fact]
    public void SaveCreatesANewFile()
    {
        string fresh = Path.Combine(_directory.FullName, "fresh.safetensors");
        SafeTensors.Save(fresh, [SafeTensorEntry.FromFloats("x", [], [3f])]);

        Assert.Equal([3f], SafeTensors.Load(fresh)["x"].ToFloats());
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private void AssertOriginalIntact()
    {
        Assert.Equal(_original, File.ReadAllBytes(_path));
        AssertOnlyTheSavedFileExists();
    }

    private void AssertOnlyTheSavedFileExists() =>
        Assert.Equal([_path], Directory.GetFiles(_directory.FullName));

    /// <summary>Memory whose length is known but whose bytes cannot be read, like a tensor on a lost device.</summary>
    private sealed class FailingMemory(int length) : MemoryManager<byte>
    {
        public override Memory<byte> Memory => CreateMemory(length);
        public override Span<byte> GetSpan() => throw new IOException("device lost");
        public override MemoryHandle Pin(int elementIndex = 0) => throw new IOException("device lost");
        public override void Unpin() { }
        protected override void Dispose(bool disposing) { }
    }
}
