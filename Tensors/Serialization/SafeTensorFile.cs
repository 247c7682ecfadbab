using System.Diagnostics.CodeAnalysis;

namespace MlNetDl.Tensors.Serialization;

/// <summary>The validated contents of a safetensors file: its tensors (in file order) and its metadata.</summary>
public sealed class SafeTensorFile
{
    private readonly Dictionary<string, SafeTensorEntry> _byName;

    internal SafeTensorFile(string sourceName, IReadOnlyList<SafeTensorEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        SourceName = sourceName;
        Entries = entries;
        Metadata = metadata;
        _byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>Where the file was read from (a path, or the name given to <see cref="SafeTensors.Read"/>).</summary>
    public string SourceName { get; }

    /// <summary>Tensors in the order of their data in the file.</summary>
    public IReadOnlyList<SafeTensorEntry> Entries { get; }

    /// <summary>The "__metadata__" map; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IEnumerable<string> Names => Entries.Select(e => e.Name);

    /// <exception cref="KeyNotFoundException">No tensor has this name; the message lists some that exist.</exception>
    public SafeTensorEntry this[string name]
    {
        get
        {
            if (TryGet(name, out var entry))
            {
                return entry;
            }
            const int shown = 8;
            string available = Entries.Count == 0
                ? "the file has no tensors"
                : "available: " + string.Join(", ", Entries.Take(shown).Select(e => $"'{e.Name}'"))
                  + (Entries.Count > shown ? $", ... ({Entries.Count} in all)" : "");
            throw new KeyNotFoundException($"{SourceName}: no tensor named '{name}'; {available}.");
        }
    }

    public bool TryGet(string name, [MaybeNullWhen(false)] out SafeTensorEntry entry) =>
        _byName.TryGetValue(name, out entry);

    public bool Contains(string name) => _byName.ContainsKey(name);
}
