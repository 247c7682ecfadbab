using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetDl.Tensors.Serialization;

namespace MlNetDl.Pipelines;

/// <summary>What a registered loader reads back: the options, arrays and children saved through
/// <see cref="ModelSaveContext"/>. Every problem is reported as <see cref="InvalidDataException"/> naming the
/// file, the component's place in the model and what is wrong (use <see cref="Error"/> for loader checks).</summary>
public sealed class ModelLoadContext
{
    private readonly JsonObject _node;
    private readonly SafeTensorFile? _tensors;

    internal ModelLoadContext(string source, string path, string kind, JsonObject node, SafeTensorFile? tensors)
    {
        Source = source;
        Path = path;
        Kind = kind;
        _node = node;
        _tensors = tensors;
    }

    /// <summary>The model file (or stream name).</summary>
    public string Source { get; }

    /// <summary>Where this component sits in the model, e.g. "model.transformers[2]".</summary>
    public string Path { get; }

    public string Kind { get; }

    /// <summary>An exception for a problem found by a loader: "Model file 'm.zip', model.transformers[1] (Concatenate): ...".</summary>
    public InvalidDataException Error(string problem, Exception? inner = null) =>
        new($"Model file '{Source}', {Path} ({Kind}): {problem}", inner);

    /// <exception cref="InvalidDataException">Missing or not convertible to <typeparamref name="T"/>.</exception>
    public T GetOptions<T>()
    {
        if (_node["options"] is not JsonNode options)
        {
            throw Error("the options are missing.");
        }
        try
        {
            return options.Deserialize<T>(ModelSaveContext.Json) ?? throw Error("the options are null.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw Error($"the options cannot be read as {typeof(T).Name}: {e.Message}", e);
        }
    }

    public float[] GetFloats(string name) => Read(name, e => e.ToFloats());

    public double[] GetDoubles(string name) => Read(name, e => e.ToDoubles());

    public long[] GetInt64s(string name) => Read(name, e => e.ToInt64s());

    public int[] GetInt32s(string name) => Read(name, e => e.ToInt32s());

    /// <summary>The stored shape of a named array.</summary>
    public long[] GetShape(string name) => (long[])Entry(name).Shape.Clone();

    public ITransformer LoadChild(string name) =>
        _node["children"]?[name] is JsonObject child ? LoadNode(child, $"{Path}.{name}", Source, _tensors) : throw Error($"child '{name}' is missing.");

    public IReadOnlyList<ITransformer> LoadChildren(string name)
    {
        if (_node["children"]?[name] is not JsonArray array)
        {
            throw Error($"the child list '{name}' is missing.");
        }
        var result = new List<ITransformer>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            result.Add(array[i] is JsonObject child ? LoadNode(child, $"{Path}.{name}[{i}]", Source, _tensors) : throw Error($"child {name}[{i}] is not an object."));
        }
        return result;
    }

    internal static ITransformer LoadNode(JsonObject node, string path, string source, SafeTensorFile? tensors)
    {
        string? kind = node["kind"] is JsonValue v && v.TryGetValue(out string? k) ? k : null;
        if (string.IsNullOrEmpty(kind))
        {
            throw new InvalidDataException($"Model file '{source}', {path}: the transformer kind is missing.");
        }
        var loader = ModelRegistry.Find(kind) ?? throw new InvalidDataException(
            $"Model file '{source}', {path}: unknown transformer kind '{kind}'; known kinds: {string.Join(", ", ModelRegistry.Kinds)}. " +
            "Register its loader (ModelRegistry.Register or [ModelLoader]) before loading.");
        var context = new ModelLoadContext(source, path, kind, node, tensors);
        try
        {
            return loader(context);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException or KeyNotFoundException)
        {
            // A loader that validates through constructors reports bad saved values the same way as bad files.
            throw context.Error(e.Message, e);
        }
    }

    private SafeTensorEntry Entry(string name)
    {
        string? full = _node["tensors"]?[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        if (full is null || _tensors is null || !_tensors.TryGet(full, out var entry))
        {
            throw Error($"tensor '{name}' is missing.");
        }
        return entry;
    }

    private T Read<T>(string name, Func<SafeTensorEntry, T> read)
    {
        var entry = Entry(name);
        try
        {
            return read(entry);
        }
        catch (InvalidOperationException e)
        {
            throw Error($"tensor '{name}': {e.Message}", e);
        }
    }
}
