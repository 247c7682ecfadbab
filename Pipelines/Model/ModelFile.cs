using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetDl.Tensors.Serialization;

namespace MlNetDl.Pipelines;

/// <summary>
/// The model file: a zip holding "manifest.json" ({"format": "MlNetDl.Model", "formatVersion": 1, "inputSchema":
/// [...], "model": {"kind", "options", "tensors", "children"}}) and "tensors.safetensors" with every array.
/// Reading validates before building anything and creates transformers only through <see cref="ModelRegistry"/>.
/// </summary>
public static class ModelFile
{
    public const string FormatName = "MlNetDl.Model";
    public const int FormatVersion = 1;
    internal const string ManifestEntry = "manifest.json";
    internal const string TensorsEntry = "tensors.safetensors";
    private const long MaxManifestBytes = 64L << 20;

    /// <summary>Writes atomically: to a temporary file in the same directory, then moved over <paramref name="path"/>.</summary>
    public static void Save(ITransformer model, DataViewSchema inputSchema, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(full) ?? ".";
        string temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(model, inputSchema, stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    /// <exception cref="InvalidOperationException">A transformer cannot be saved (nothing is written then).</exception>
    public static void Write(ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(stream);
        model.GetOutputSchema(inputSchema);
        var tensors = new List<SafeTensorEntry>();
        var manifest = new JsonObject
        {
            ["format"] = FormatName,
            ["formatVersion"] = FormatVersion,
            ["inputSchema"] = SchemaJson.Write(inputSchema),
            ["model"] = ModelSaveContext.SaveNode(model, "", tensors),
        };
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (var entry = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
        {
            JsonSerializer.Serialize(entry, manifest, ModelSaveContext.Json);
        }
        using (var entry = zip.CreateEntry(TensorsEntry, CompressionLevel.Fastest).Open())
        {
            SafeTensors.Write(entry, tensors, new Dictionary<string, string> { ["format"] = FormatName });
        }
    }

    public static ITransformer Load(string path, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path, out inputSchema);
    }

    /// <exception cref="InvalidDataException">Not a valid model file: corrupt or truncated zip, unsafe entry path,
    /// missing or malformed manifest, other format, newer format version, unknown transformer kind, bad tensors.
    /// The message names <paramref name="sourceName"/> and the problem.</exception>
    public static ITransformer Read(Stream stream, string sourceName, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        InvalidDataException Bad(string problem, Exception? inner = null) => new($"Model file '{sourceName}': {problem}", inner);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            throw Bad($"not a valid zip archive (corrupt or truncated): {e.Message}", e);
        }
        using (zip)
        {
            foreach (var entry in zip.Entries)
            {
                if (!IsSafeEntryName(entry.FullName))
                {
                    throw Bad($"entry '{entry.FullName}' has an unsafe path (absolute, or escaping the archive with '..').");
                }
            }
            var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw Bad($"the '{ManifestEntry}' entry is missing.");
            JsonObject manifest;
            try
            {
                var bytes = ReadEntry(manifestEntry, MaxManifestBytes, Bad);
                manifest = JsonNode.Parse(bytes) as JsonObject ?? throw Bad("the manifest is not a JSON object.");
            }
            catch (JsonException e)
            {
                throw Bad($"the manifest is not valid JSON: {e.Message}", e);
            }
            CheckFormat(manifest, Bad);
            inputSchema = SchemaJson.Read(manifest["inputSchema"], p => Bad(p));
            SafeTensorFile? tensors = null;
            if (zip.GetEntry(TensorsEntry) is { } tensorsEntry)
            {
                var bytes = ReadEntry(tensorsEntry, Array.MaxLength, Bad);
                try
                {
                    tensors = SafeTensors.Read(new MemoryStream(bytes, writable: false), TensorsEntry);
                }
                catch (InvalidDataException e)
                {
                    throw Bad($"entry {e.Message}", e);
                }
            }
            if (manifest["model"] is not JsonObject root)
            {
                throw Bad("the manifest has no model.");
            }
            var model = ModelLoadContext.LoadNode(root, "model", sourceName, tensors);
            try
            {
                model.GetOutputSchema(inputSchema);
            }
            catch (SchemaMismatchException e)
            {
                throw Bad($"the model does not accept its own input schema: {e.Description}", e);
            }
            return model;
        }
    }

    private static void CheckFormat(JsonObject manifest, Func<string, Exception?, InvalidDataException> bad)
    {
        string? format = manifest["format"] is JsonValue f && f.TryGetValue(out string? s) ? s : null;
        if (format != FormatName)
        {
            throw bad($"the format is '{format ?? "(missing)"}', expected '{FormatName}'.", null);
        }
        int? version = manifest["formatVersion"] is JsonValue v && v.TryGetValue(out int n) ? n : null;
        if (version is null || version < 1)
        {
            throw bad($"the format version is missing or invalid ({manifest["formatVersion"]?.ToJsonString() ?? "missing"}).", null);
        }
        if (version > FormatVersion)
        {
            throw bad($"format version {version} is newer than this library reads (up to {FormatVersion}); update MlNetDl to load it.", null);
        }
    }

    /// <summary>Relative, forward-slash paths without "." or ".." segments, drive letters or empty segments.</summary>
    internal static bool IsSafeEntryName(string name) =>
        name.Length > 0 && !name.Contains('\\') && !name.Contains(':') && !name.StartsWith('/') &&
        !System.IO.Path.IsPathRooted(name) &&
        name.TrimEnd('/').Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    private static byte[] ReadEntry(ZipArchiveEntry entry, long limit, Func<string, Exception?, InvalidDataException> bad)
    {
        if (entry.Length > limit)
        {
            throw bad($"entry '{entry.FullName}' declares {entry.Length} bytes, over the {limit}-byte limit.", null);
        }
        var buffer = new byte[entry.Length];
        int total = 0;
        bool extra;
        try
        {
            using var source = entry.Open();
            int read;
            while (total < buffer.Length && (read = source.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }
            extra = source.ReadByte() != -1;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw bad($"entry '{entry.FullName}' cannot be read (corrupt data): {e.Message}", e);
        }
        if (total < buffer.Length)
        {
            throw bad($"entry '{entry.FullName}' is truncated: {total} of {entry.Length} bytes.", null);
        }
        if (extra)
        {
            throw bad($"entry '{entry.FullName}' holds more data than its declared {entry.Length} bytes.", null);
        }
        return buffer;
    }
}
