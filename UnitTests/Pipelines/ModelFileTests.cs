using System.IO.Compression;
using System.Text;
using MlNetDl.Pipelines;

namespace MlNetDl.UnitTests.Pipelines;

public class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlnetdl-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (ITransformer Model, InMemoryDataView Data) Trained()
    {
        var context = new MLContext(seed: 1);
        var data = PipelineData.Small();
        var pipeline = context.Transforms.Concatenate("All", "Features", "Age").Append(new MeanCenterEstimator(new MeanCenterOptions { InputColumnName = "All" }));
        return (pipeline.Fit(data), data);
    }

    [Fact]
    public void FileRoundTripIsExactAndAtomic()
    {
        var (model, data) = Trained();
        var context = new MLContext();
        string path = Path.Combine(_dir, "model.zip");
        File.WriteAllText(path, "old");
        context.Model.Save(model, data.Schema, path);
        Assert.Equal(["model.zip"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        var loaded = context.Model.Load(path, out var schema);
        Assert.True(schema.SameAs(data.Schema));
        PipelineData.AssertSameRows(model.Transform(data), loaded.Transform(data));
        var chain = Assert.IsType<TransformerChain<ITransformer>>(loaded);
        Assert.Equal(((TransformerChain<MeanCenterTransformer>)model).LastTransformer.Mean, Assert.IsType<MeanCenterTransformer>(chain.LastTransformer).Mean);
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["manifest.json", "tensors.safetensors"], zip.Entries.Select(e => e.FullName));
        var manifest = new StreamReader(zip.GetEntry("manifest.json")!.Open()).ReadToEnd();
        Assert.Contains("\"format\": \"MlNetDl.Model\"", manifest);
        Assert.Contains("\"formatVersion\": 1", manifest);
        Assert.Contains("\"kind\": \"Concatenate\"", manifest);
    }

    [Fact]
    public void UnsavableModelLeavesTheOldFile()
    {
        string path = Path.Combine(_dir, "model.zip");
        File.WriteAllText(path, "old");
        var e = Assert.Throws<InvalidOperationException>(() => new MLContext().Model.Save(new Unsavable(), PipelineData.Small().Schema, path));
        Assert.Contains("Cannot save a Unsavable: it does not implement ICanSaveModel", e.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    private sealed class Unsavable : ITransformer
    {
        public bool IsRowToRowMapper => true;
        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;
        public IDataView Transform(IDataView input) => input;
    }

    private static byte[] Valid()
    {
        var (model, data) = Trained();
        var stream = new MemoryStream();
        new MLContext().Model.Save(model, data.Schema, stream);
        return stream.ToArray();
    }

    /// <summary>A copy of a valid model zip with the manifest rewritten and extra entries added.</summary>
    private static byte[] Rewrite(Func<string, string> manifest, params (string Name, string Content)[] extra)
    {
        using var source = new ZipArchive(new MemoryStream(Valid()));
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                using var to = zip.CreateEntry(entry.FullName).Open();
                if (entry.FullName == "manifest.json")
                {
                    to.Write(Encoding.UTF8.GetBytes(manifest(new StreamReader(from).ReadToEnd())));
                }
                else
                {
                    from.CopyTo(to);
                }
            }
            foreach (var (name, content) in extra)
            {
                using var to = zip.CreateEntry(name).Open();
                to.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return output.ToArray();
    }

    public static TheoryData<string, Func<byte[]>, string> Hostile => new()
    {
        { "not a zip", () => Encoding.UTF8.GetBytes("hello, not a zip"), "not a valid zip archive" },
        { "truncated", () => Valid()[..(Valid().Length / 2)], "not a valid zip archive" },
        { "empty", () => [], "not a valid zip archive" },
        { "future version", () => Rewrite(m => m.Replace("\"formatVersion\": 1", "\"formatVersion\": 2")), "format version 2 is newer than this library reads (up to 1)" },
        { "other format", () => Rewrite(m => m.Replace("\"MlNetDl.Model\"", "\"Other\"")), "the format is 'Other', expected 'MlNetDl.Model'" },
        { "unknown kind", () => Rewrite(m => m.Replace("\"kind\": \"Concatenate\"", "\"kind\": \"System.Diagnostics.Process\"")),
            "model.transformers[0]: unknown transformer kind 'System.Diagnostics.Process'; known kinds: " },
        { "dot-dot entry", () => Rewrite(m => m, ("../evil.txt", "x")), "entry '../evil.txt' has an unsafe path" },
        { "nested dot-dot entry", () => Rewrite(m => m, ("a/../../evil.txt", "x")), "entry 'a/../../evil.txt' has an unsafe path" },
        { "absolute entry", () => Rewrite(m => m, ("/etc/evil", "x")), "entry '/etc/evil' has an unsafe path" },
        { "drive entry", () => Rewrite(m => m, ("C:/evil", "x")), "entry 'C:/evil' has an unsafe path" },
        { "bad json", () => Rewrite(m => m[..^5]), "the manifest is not valid JSON" },
        { "bad options", () => Rewrite(m => m.Replace("\"InputColumnNames\": [", "\"InputColumnNames\": [ 5, ")), "model.transformers[0] (Concatenate): the options cannot be read" },
        { "invalid options", () => Rewrite(m => m.Replace("\"OutputColumnName\": \"All\"", "\"OutputColumnName\": \"\"")), "The 'OutputColumnName' option of Concatenate must be a non-empty string" },
        { "missing tensor", () => Rewrite(m => m.Replace("\"mean\": \"transformers.1.mean\"", "\"mean\": \"nope\"")), "(Test.MeanCenter): tensor 'mean' is missing" },
        { "bad schema", () => Rewrite(m => m.Replace("\"type\": \"Single\"", "\"type\": \"Quaternion\"")), "input schema column 1 is invalid (unknown column type 'Quaternion')" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostileFilesAreRefusedWithClearMessages(string name, Func<byte[]> make, string expected)
    {
        string path = Path.Combine(_dir, name.Replace(' ', '_') + ".zip");
        File.WriteAllBytes(path, make());
        var e = Assert.Throws<InvalidDataException>(() => new MLContext().Model.Load(path, out _));
        Assert.StartsWith($"Model file '{path}'", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_dir)!, "evil.txt")));
    }

    [Fact]
    public void CorruptTensorDataIsRefused()
    {
        var bytes = Valid();
        // Flip bytes inside the (deflated) tensors entry: the CRC or inflater must catch it.
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            Assert.NotNull(zip.GetEntry("tensors.safetensors"));
        }
        int at = bytes.AsSpan().IndexOf("tensors.safetensors"u8) + "tensors.safetensors"u8.Length + 10;
        for (int i = at; i < at + 8; i++)
        {
            bytes[i] ^= 0x5A;
        }
        var e = Assert.Throws<InvalidDataException>(() => new MLContext().Model.Load(new MemoryStream(bytes), out _));
        Assert.StartsWith("Model file '<stream>'", e.Message);
    }

    [Fact]
    public void RegistryRefusesDuplicateKindsAndKnowsBuiltIns()
    {
        Assert.Contains("Concatenate", ModelRegistry.Kinds);
        Assert.Contains("TransformerChain", ModelRegistry.Kinds);
        Assert.Contains("Test.MeanCenter", ModelRegistry.Kinds);
        var e = Assert.Throws<InvalidOperationException>(() => ModelRegistry.Register("Concatenate", _ => new Unsavable()));
        Assert.Contains("Model kind 'Concatenate' is already registered by", e.Message);
        ModelRegistry.Register("Test.Explicit", ExplicitLoader);
        ModelRegistry.Register("Test.Explicit", ExplicitLoader); // idempotent for the same loader
        Assert.True(ModelRegistry.IsRegistered("Test.Explicit"));
    }

    private static ITransformer ExplicitLoader(ModelLoadContext context) => new Unsavable();
}
