using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

/// <summary>
/// Maps String/Single/Double/Int32/Int64 values to keys 1..n learned when fitting (ML.NET's MapValueToKey); missing
/// (NaN, null) and unseen values map to 0. The output key type carries the values (<see cref="KeyValues"/>), so
/// MapKeyToValue can map back. Immutable: <see cref="GetKeyValues{T}"/> exposes the dictionary.
/// </summary>
public sealed class ValueToKeyMappingTransformer : RowToRowTransformerBase
{
    public const string Kind = "MapValueToKey";
    private readonly KeyMap _map;

    internal ValueToKeyMappingTransformer(ValueToKeyMappingOptions options, KeyMap map) : base(Kind)
    {
        Options = options.Validate();
        _map = map;
        if (map.Count == 0)
        {
            throw new ArgumentException($"MapValueToKey: column '{options.SourceColumnName}' has no non-missing value to make keys from.");
        }
        KeyType = new KeyDataViewType(typeof(uint), (ulong)map.Count);
        KeyValues.Attach(KeyType, options.AddKeyValueAnnotationsAsText ? map.TextValues : (Array)map.Values.Clone());
    }

    /// <summary>Builds the transformer from known values (key k ↔ values[k − 1]), without fitting.</summary>
    /// <exception cref="ArgumentException">Unsupported type, duplicate or missing (NaN/null) values, or none.</exception>
    public static ValueToKeyMappingTransformer FromValues<T>(ValueToKeyMappingOptions options, T[] values) =>
        new(options, KeyMap.FromValues((T[])values.Clone()));

    public ValueToKeyMappingOptions Options { get; }

    internal KeyMap Map => _map;

    /// <summary>The output key type (Count = number of values); this instance carries the key values.</summary>
    public KeyDataViewType KeyType { get; }

    /// <summary>The input value type the dictionary was learned for.</summary>
    public PrimitiveDataViewType ValueType => _map.ValueType;

    /// <summary>The values in key order (key k ↔ result[k − 1]), as <typeparamref name="T"/> = the input's .NET type.</summary>
    /// <exception cref="InvalidOperationException">Another type was requested.</exception>
    public IReadOnlyList<T> GetKeyValues<T>() => _map.Values is T[] values
        ? Array.AsReadOnly(values)
        : throw new InvalidOperationException($"MapValueToKey: the key values are {_map.ValueType}; read them as {_map.ValueType.RawType.Name}, not {typeof(T).Name}.");

    public override string ModelKind => Kind;

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        ColumnRequirement.Exactly(_map.ValueType).Check(inputSchema, Kind, Options.SourceColumnName);
        return [new OutputColumn(Options.OutputColumnName, KeyType, view => _map.MapColumn(view.GetColumn(Options.SourceColumnName), KeyType))];
    }

    internal sealed record Saved(ValueToKeyMappingOptions Options, string ValueType, string[]? TextValues);

    public override void Save(ModelSaveContext context)
    {
        context.SetOptions(new Saved(Options, _map.ValueType.ToString()!, _map.Values as string[]));
        _map.Save(context, "values");
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context)
    {
        var saved = context.GetOptions<Saved>();
        return new ValueToKeyMappingTransformer(saved.Options, KeyMap.Load(context, "values", saved.ValueType, saved.TextValues));
    }
}

/// <summary>Learns MapValueToKey's dictionary from the training data (one pass over the input column).</summary>
public sealed class ValueToKeyMappingEstimator(ValueToKeyMappingOptions options) : IEstimator<ValueToKeyMappingTransformer>
{
    public ValueToKeyMappingOptions Options { get; } = (options ?? throw new ArgumentNullException(nameof(options))).Validate();

    /// <exception cref="SchemaMismatchException">The input column is missing or of another type.</exception>
    /// <exception cref="ArgumentException">The column has no non-missing value.</exception>
    public ValueToKeyMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        KeyMap.Requirement.Check(input.Schema, ValueToKeyMappingTransformer.Kind, Options.SourceColumnName);
        var column = InMemoryDataView.From(input).GetColumn(Options.SourceColumnName);
        return new ValueToKeyMappingTransformer(Options, KeyMap.Learn(column, Options.MaximumNumberOfKeys, Options.KeyOrdinality));
    }

    /// <summary>The key count is unknown before fitting: the output is a key of UInt32 items (count unknown) whose
    /// <see cref="SchemaShape.Column.KeyValueType"/> is the input type (String with text annotations).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = KeyMap.Requirement.Check(inputSchema, ValueToKeyMappingTransformer.Kind, Options.SourceColumnName);
        var valueType = Options.AddKeyValueAnnotationsAsText ? TextDataViewType.Instance : (PrimitiveDataViewType)column.ItemType;
        return inputSchema.With([new SchemaShape.Column(Options.OutputColumnName, SchemaShape.VectorKind.Scalar, NumberDataViewType.UInt32, true)
            { KeyValueType = valueType }]);
    }
}
