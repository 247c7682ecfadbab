using System.Buffers.Binary;

namespace MlNetDl.Tensors.Serialization;

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian u64 N, N bytes of UTF-8 JSON mapping each
/// tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (relative to the data buffer) plus an optional
/// "__metadata__" string map, then the data buffer (little-endian, C order).
/// </summary>
public static class SafeTensors
{
    /// <summary>
    /// Writes a file atomically: entries are validated first, then written to a temporary file in the same
    /// directory, flushed to disk and moved over <paramref name="path"/>. On failure the old file is untouched.
    /// </summary>
    /// <exception cref="ArgumentException">Duplicate or reserved names, negative dims, or data length ≠ shape × size.</exception>
    public static void Save(string path, IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var prepared = Prepare(entries, metadata);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        // Same directory so that the final move is a rename on one volume, never a copy.
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WritePrepared(stream, prepared);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes entries to a stream, sorted as the Python library sorts them (by dtype alignment, then name).</summary>
    /// <exception cref="ArgumentException">As for <see cref="Save"/>; nothing is written then.</exception>
    public static void Write(Stream stream, IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WritePrepared(stream, Prepare(entries, metadata));
    }

    /// <summary>Reads and validates a whole file.</summary>
    /// <exception cref="InvalidDataException">The file breaks the format; the message names the path and the tensor.</exception>
    public static SafeTensorFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads and validates a safetensors file from the current position to the end of <paramref name="stream"/>.
    /// The header is validated against the stream's length before any tensor memory is allocated.
    /// </summary>
    /// <param name="stream">Read from its current position to its end; not disposed.</param>
    /// <param name="sourceName">Names the source in error messages.</param>
    /// <exception cref="InvalidDataException">The content breaks the format.</exception>
    public static SafeTensorFile Read(Stream stream, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanSeek)
        {
            // The length must be known to validate offsets before allocating; buffering holds only bytes that exist.
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            return Read(copy, sourceName);
        }

        long length = stream.Length - stream.Position;
        if (length < 8)
        {
            throw SafeTensorHeader.Bad(sourceName, $"it is {length} bytes long, shorter than the 8-byte header length.");
        }
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix, sourceName);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > SafeTensorHeader.MaxHeaderLength)
        {
            throw SafeTensorHeader.Bad(sourceName, $"the header length at byte 0 is {headerLength} bytes, " +
                $"over the {SafeTensorHeader.MaxHeaderLength}-byte limit.");
        }
        if ((long)headerLength > length - 8)
        {
            throw SafeTensorHeader.Bad(sourceName, $"the header length at byte 0 is {headerLength} bytes " +
                $"but only {length - 8} bytes follow it.");
        }

        var header = new byte[headerLength];
        ReadExactly(stream, header, sourceName);
        long dataStart = 8 + (long)headerLength;
        var (tensors, metadata) = SafeTensorHeader.Parse(header, length - dataStart, dataStart, sourceName);

        // Validated: offsets are sorted, contiguous from 0 and end exactly at the end of the stream.
        var entries = new List<SafeTensorEntry>(tensors.Count);
        foreach (var t in tensors)
        {
            long byteCount = t.End - t.Begin;
            if (byteCount > Array.MaxLength)
            {
                throw SafeTensorHeader.Bad(sourceName, $"tensor '{t.Name}' is {byteCount} bytes; tensors over " +
                    $"{Array.MaxLength} bytes are not supported.");
            }
            var data = new byte[byteCount];
            ReadExactly(stream, data, sourceName);
            entries.Add(new SafeTensorEntry(t.Name, t.DType, t.Shape, data));
        }
        return new SafeTensorFile(sourceName, entries, metadata);
    }

    private sealed record Prepared(byte[] Header, IReadOnlyList<SafeTensorEntry> Ordered);

    /// <summary>Validates every entry and builds the header, before anything touches the destination.</summary>
    private static Prepared Prepare(IEnumerable<SafeTensorEntry> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in list)
        {
            if (entry is null)
            {
                throw new ArgumentException("Entries must not contain null.", nameof(entries));
            }
            if (entry.Name is null || entry.Name == SafeTensorHeader.MetadataKey)
            {
                throw new ArgumentException($"Tensor name '{entry.Name}' is reserved or missing.", nameof(entries));
            }
            if (!names.Add(entry.Name))
            {
                throw new ArgumentException($"Tensor name '{entry.Name}' appears more than once.", nameof(entries));
            }
            ArgumentNullException.ThrowIfNull(entry.Shape, $"{nameof(entries)}['{entry.Name}'].Shape");
            long expected;
            try
            {
                expected = checked(entry.ElementCount * SafeTensorDTypes.SizeOf(entry.DType));
            }
            catch (Exception e) when (e is OverflowException or ArgumentException)
            {
                throw new ArgumentException(
                    $"Tensor '{entry.Name}' has an invalid shape [{string.Join(", ", entry.Shape)}]: {e.Message}", nameof(entries), e);
            }
            if (expected != entry.Data.Length)
            {
                throw new ArgumentException(
                    $"Tensor '{entry.Name}' has shape [{string.Join(", ", entry.Shape)}] of " +
                    $"{SafeTensorDTypes.HeaderName(entry.DType)}, which needs {expected} bytes, but its data is " +
                    $"{entry.Data.Length} bytes.", nameof(entries));
            }
        }
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (key is null || value is null)
            {
                throw new ArgumentException("Metadata keys and values must not be null.", nameof(metadata));
            }
        }
        // Descending alignment keeps each tensor aligned to its element size; names break ties deterministically.
        var ordered = list
            .OrderByDescending(e => SafeTensorDTypes.WriteRank(e.DType))
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return new Prepared(SafeTensorHeader.Build(ordered, metadata), ordered);
    }

    private static void WritePrepared(Stream stream, Prepared prepared)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)prepared.Header.Length);
        stream.Write(prefix);
        stream.Write(prepared.Header);
        foreach (var entry in prepared.Ordered)
        {
            stream.Write(entry.Data.Span);
        }
        stream.Flush();
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string sourceName)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            // Only reachable if the stream shrank while being read: lengths were checked beforehand.
            throw SafeTensorHeader.Bad(sourceName, "it ended early while being read.", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
