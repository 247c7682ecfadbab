using System.Text.Encodings.Web;
using System.Text.Json;

namespace MlNetDl.Tensors.Serialization;

/// <summary>Where one tensor's bytes lie in the data buffer that follows the header.</summary>
internal sealed record SafeTensorInfo(string Name, SafeTensorDType DType, long[] Shape, long Begin, long End);

/// <summary>
/// The JSON header: parsing with the validity rules of the reference implementation (huggingface/safetensors,
/// <c>Metadata::validate</c>), and building. Parsing checks everything against the data buffer's length so the
/// reader can trust every offset before it allocates.
/// </summary>
internal static class SafeTensorHeader
{
    /// <summary>The reference implementation's limit (100 MB, decimal); larger headers are hostile or broken.</summary>
    public const long MaxHeaderLength = 100_000_000;

    public const string MetadataKey = "__metadata__";

    /// <summary>Parses and validates a header; returns the tensors sorted by data offset.</summary>
    /// <param name="json">The header bytes, padding included.</param>
    /// <param name="dataLength">Bytes after the header; the tensors must cover exactly this many.</param>
    /// <param name="dataStart">File offset of the data buffer (8 + header length), for messages.</param>
    /// <param name="source">Names the file in messages.</param>
    /// <exception cref="InvalidDataException">Any rule is broken; the message names the source and the tensor.</exception>
    public static (List<SafeTensorInfo> Tensors, Dictionary<string, string> Metadata) Parse(
        ReadOnlyMemory<byte> json, long dataLength, long dataStart, string source)
    {
        // The JSON reader checks UTF-8 only where it decodes strings, so check the whole header up front.
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            throw Bad(source, $"the header (file bytes 8 to {dataStart}) is not valid UTF-8.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            // JsonException positions are relative to the header, which starts at file offset 8.
            string at = e.LineNumber == 0 && e.BytePositionInLine is long b ? $"file offset {8 + b}" : $"header line {e.LineNumber + 1}";
            throw Bad(source, $"the header (file bytes 8 to {dataStart}) is not valid JSON near {at}: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(source, $"the header must be a JSON object; got {root.ValueKind}.");
            }
            var tensors = new List<SafeTensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw Bad(source, $"the header names '{property.Name}' twice.");
                }
                if (property.Name == MetadataKey)
                {
                    ParseMetadata(property.Value, metadata, source);
                }
                else
                {
                    tensors.Add(ParseTensor(property.Name, property.Value, source));
                }
            }
            tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            Validate(tensors, dataLength, dataStart, source);
            return (tensors, metadata);
        }
    }

    /// <summary>The header bytes for tensors already in write order, padded with spaces to a multiple of 8.</summary>
    public static byte[] Build(IReadOnlyList<SafeTensorEntry> ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps names such as "a+b" or non-ASCII readable, as the Python library writes them.
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var entry in ordered)
            {
                writer.WriteStartObject(entry.Name);
                writer.WriteString("dtype", SafeTensorDTypes.HeaderName(entry.DType));
                writer.WriteStartArray("shape");
                foreach (long dim in entry.Shape)
                {
                    writer.WriteNumberValue(dim);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                offset += entry.Data.Length;
                writer.WriteNumberValue(offset);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        // Padding makes the data buffer start 8-aligned, so readers may map tensors in place.
        int padding = (int)((8 - buffer.Length % 8) % 8);
        for (int i = 0; i < padding; i++)
        {
            buffer.WriteByte((byte)' ');
        }
        return buffer.ToArray();
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return; // The reference implementation treats a null map as no metadata.
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, $"'{MetadataKey}' must be an object of strings; got {value.ValueKind}.");
        }
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Bad(source, $"'{MetadataKey}' entry '{item.Name}' must be a string; got {item.Value.ValueKind}.");
            }
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw Bad(source, $"'{MetadataKey}' names '{item.Name}' twice.");
            }
        }
    }

    private static SafeTensorInfo ParseTensor(string name, JsonElement value, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Bad(source, $"tensor '{name}': expected an object with dtype, shape and data_offsets; got {value.ValueKind}.");
        }
        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw Bad(source, $"tensor '{name}': 'dtype' is missing or not a string.");
        }
        string dtypeName = dtypeElement.GetString()!;
        if (!SafeTensorDTypes.TryParseHeaderName(dtypeName, out var dtype))
        {
            throw Bad(source, $"tensor '{name}': unknown or unsupported dtype '{dtypeName}'; supported: {SafeTensorDTypes.SupportedNames}.");
        }
        long[] shape = ReadIntegers(name, value, "shape", expectedCount: null, source);
        long[] offsets = ReadIntegers(name, value, "data_offsets", expectedCount: 2, source);
        return new SafeTensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadIntegers(string name, JsonElement tensor, string field, int? expectedCount, string source)
    {
        if (!tensor.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw Bad(source, $"tensor '{name}': '{field}' is missing or not an array.");
        }
        int count = array.GetArrayLength();
        if (expectedCount is int expected && count != expected)
        {
            throw Bad(source, $"tensor '{name}': '{field}' must have {expected} elements; got {count}.");
        }
        var result = new long[count];
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long v) || v < 0)
            {
                throw Bad(source, $"tensor '{name}': '{field}'[{i}] must be a non-negative integer; got {item.GetRawText()}.");
            }
            result[i++] = v;
        }
        return result;
    }

    /// <summary>Offsets contiguous from 0, each span equal to shape × dtype size, the last ending the buffer.</summary>
    private static void Validate(List<SafeTensorInfo> sorted, long dataLength, long dataStart, string source)
    {
        long expectedBegin = 0;
        SafeTensorInfo? previous = null;
        foreach (var t in sorted)
        {
            string at = $"data_offsets [{t.Begin}, {t.End}]";
            if (t.End < t.Begin)
            {
                throw Bad(source, $"tensor '{t.Name}': {at} ends before it begins.");
            }
            if (t.Begin > expectedBegin)
            {
                throw Bad(source, $"tensor '{t.Name}': {at} leaves a hole of {t.Begin - expectedBegin} bytes at file offset " +
                    $"{dataStart + expectedBegin}; tensor data must be contiguous.");
            }
            if (t.Begin < expectedBegin)
            {
                throw Bad(source, $"tensor '{t.Name}': {at} overlaps tensor '{previous!.Name}' " +
                    $"(data_offsets [{previous.Begin}, {previous.End}]).");
            }
            if (t.End > dataLength)
            {
                throw Bad(source, $"tensor '{t.Name}': {at} reaches past the end of the data buffer " +
                    $"({dataLength} bytes from file offset {dataStart}).");
            }
            int size = SafeTensorDTypes.SizeOf(t.DType);
            long bytes;
            try
            {
                bytes = checked(SafeTensorEntry.ElementCountOf(t.Shape) * size);
            }
            catch (OverflowException e)
            {
                throw Bad(source, $"tensor '{t.Name}': shape [{string.Join(", ", t.Shape)}] × {size} bytes overflows 64 bits.", e);
            }
            if (bytes != t.End - t.Begin)
            {
                throw Bad(source, $"tensor '{t.Name}': shape [{string.Join(", ", t.Shape)}] of {SafeTensorDTypes.HeaderName(t.DType)} " +
                    $"needs {bytes} bytes but {at} spans {t.End - t.Begin}.");
            }
            expectedBegin = t.End;
            previous = t;
        }
        if (expectedBegin != dataLength)
        {
            throw Bad(source, $"the tensors cover {expectedBegin} bytes but the data buffer after the header is {dataLength} " +
                $"bytes; {dataLength - expectedBegin} unclaimed bytes start at file offset {dataStart + expectedBegin}.");
        }
    }

    internal static InvalidDataException Bad(string source, string message, Exception? inner = null) =>
        new($"{source}: invalid safetensors file: {message}", inner);
}
