using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetDl.Tensors.Serialization;

namespace MlNetDl.Pipelines;

/// <summary>
/// What a transformer writes when saved: its options (any JSON-serializable record, read back with
/// <see cref="ModelLoadContext.GetOptions{T}"/>), named arrays (stored bit-exactly in the model's safetensors
/// entry) and child transformers. Each transformer gets its own context; names only need to be unique within it.
/// </summary>
public sealed class ModelSaveContext
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IncludeFields = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly List<SafeTensorEntry> _tensors;
    private readonly string _prefix;

    internal ModelSaveContext(string kind, string prefix, List<SafeTensorEntry> tensors)
    {
        _prefix = prefix;
        _tensors = tensors;
        Node = new JsonObject { ["kind"] = kind };
    }

    internal JsonObject Node { get; }

    /// <summary>Stores the options record (public properties; enums as names; NaN/∞ allowed).</summary>
    public void SetOptions<T>(T options) => Node["options"] = JsonSerializer.SerializeToNode(options, Json);

    public void AddTensor(string name, float[] data, params long[] shape) => Add(name, SafeTensorEntry.FromFloats(Full(name), Shape(shape, data.Length), data));

    public void AddTensor(string name, double[] data, params long[] shape) => Add(name, SafeTensorEntry.FromDoubles(Full(name), Shape(shape, data.Length), data));

    public void AddTensor(string name, long[] data, params long[] shape) => Add(name, SafeTensorEntry.FromInt64s(Full(name), Shape(shape, data.Length), data));

    public void AddTensor(string name, int[] data, params long[] shape) => Add(name, SafeTensorEntry.FromInt32s(Full(name), Shape(shape, data.Length), data));

    /// <summary>Saves a child transformer under <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The child cannot be saved or its kind has no loader.</exception>
    public void SaveChild(string name, ITransformer child)
    {
        CheckName(name, "children");
        (Node["children"] ??= new JsonObject())[name] = SaveNode(child, $"{_prefix}{name}.", _tensors);
    }

    /// <summary>Saves a list of child transformers under <paramref name="name"/>.</summary>
    public void SaveChildren(string name, IEnumerable<ITransformer> children)
    {
        CheckName(name, "children");
        var array = new JsonArray();
        int i = 0;
        foreach (var child in children)
        {
            array.Add(SaveNode(child, $"{_prefix}{name}.{i++}.", _tensors));
        }
        (Node["children"] ??= new JsonObject())[name] = array;
    }

    internal static JsonObject SaveNode(ITransformer transformer, string prefix, List<SafeTensorEntry> tensors)
    {
        if (transformer is not ICanSaveModel savable)
        {
            throw new InvalidOperationException($"Cannot save a {transformer.GetType().Name}: it does not implement ICanSaveModel.");
        }
        if (!ModelRegistry.IsRegistered(savable.ModelKind))
        {
            throw new InvalidOperationException(
                $"Cannot save a {transformer.GetType().Name}: its model kind '{savable.ModelKind}' has no registered loader, so the file could not be loaded.");
        }
        var context = new ModelSaveContext(savable.ModelKind, prefix, tensors);
        savable.Save(context);
        return context.Node;
    }

    private void Add(string name, SafeTensorEntry entry)
    {
        CheckName(name, "tensors");
        (Node["tensors"] ??= new JsonObject())[name] = entry.Name;
        _tensors.Add(entry);
    }

    private string Full(string name) => _prefix + name;

    private static long[] Shape(long[] shape, int length) => shape.Length == 0 ? [length] : shape;

    private void CheckName(string name, string group)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Node[group] is JsonObject existing && existing.ContainsKey(name))
        {
            throw new ArgumentException($"'{name}' is already used among the {group} of this {Node["kind"]}.", nameof(name));
        }
    }
}
