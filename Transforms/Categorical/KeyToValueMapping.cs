using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

/// <summary>
/// Maps keys back to the values behind them (ML.NET's MapKeyToValue). The values are taken, when fitting, from the
/// input key type (<see cref="KeyValues"/>: MapValueToKey attaches them) and kept in this transformer, so a saved
/// model does not depend on them any more. Key 0 (missing) gives NaN for Single/Double, 0 for Int32/Int64 and ""
/// for String.
/// </summary>
public sealed class KeyToValueMappingTransformer : RowToRowTransformerBase
{
    public const string Kind = "MapKeyToValue";
    internal const string Requirement = "Key with key values (made by MapValueToKey)";
    private readonly KeyMap _map;

    internal KeyToValueMappingTransformer(KeyToValueMappingOptions options, KeyMap map) : base(Kind)
    {
        Options = options.Validate();
        _map = map;
    }

    public KeyToValueMappingOptions Options { get; }

    /// <summary>The output type (the type of the key values).</summary>
    public PrimitiveDataViewType ValueType => _map.ValueType;

    public override string ModelKind => Kind;

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var keyType = new KeyDataViewType(typeof(uint), (ulong)_map.Count);
        ColumnRequirement.Exactly(keyType).Check(inputSchema, Kind, Options.SourceColumnName);
        return [new OutputColumn(Options.OutputColumnName, _map.ValueType, view => ValueColumn.Create(_map, (ScalarColumn<uint>)view.GetColumn(Options.SourceColumnName)))];
    }

    internal sealed record Saved(KeyToValueMappingOptions Options, string ValueType, string[]? TextValues);

    public override void Save(ModelSaveContext context)
    {
        context.SetOptions(new Saved(Options, _map.ValueType.ToString()!, _map.Values as string[]));
        _map.Save(context, "values");
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context)
    {
        var saved = context.GetOptions<Saved>();
        return new KeyToValueMappingTransformer(saved.Options, KeyMap.Load(context, "values", saved.ValueType, saved.TextValues));
    }

    /// <summary>Values of a key column, looked up on read.</summary>
    private sealed class ValueColumn<T>(T[] values, T missing, ScalarColumn<uint> keys, PrimitiveDataViewType type) : ScalarColumn<T>(type, keys.Length)
    {
        public override T GetValue(int row)
        {
            uint k = keys.GetValue(row);
            return k >= 1 && k <= values.Length ? values[k - 1] : missing;
        }
    }

    private static class ValueColumn
    {
        public static DataColumn Create(KeyMap map, ScalarColumn<uint> keys) => map.Values switch
        {
            string[] v => new ValueColumn<string>(v, "", keys, map.ValueType),
            float[] v => new ValueColumn<float>(v, float.NaN, keys, map.ValueType),
            double[] v => new ValueColumn<double>(v, double.NaN, keys, map.ValueType),
            int[] v => new ValueColumn<int>(v, 0, keys, map.ValueType),
            long[] v => new ValueColumn<long>(v, 0L, keys, map.ValueType),
            _ => throw new InvalidOperationException($"MapKeyToValue: unsupported key value type {map.ValueType}."),
        };
    }
}

/// <summary>MapKeyToValue's estimator: fitting copies the key values attached to the input key type.</summary>
public sealed class KeyToValueMappingEstimator(KeyToValueMappingOptions options) : IEstimator<KeyToValueMappingTransformer>
{
    private static readonly ColumnRequirement WithValues = new(KeyToValueMappingTransformer.Requirement,
        c => c.IsKey && c.Kind == SchemaShape.VectorKind.Scalar && c.KeyValueType is not null);

    public KeyToValueMappingOptions Options { get; } = (options ?? throw new ArgumentNullException(nameof(options))).Validate();

    /// <exception cref="SchemaMismatchException">The input is missing, not a key, or a key without attached values.</exception>
    public KeyToValueMappingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var type = WithValues.Check(input.Schema, KeyToValueMappingTransformer.Kind, Options.SourceColumnName);
        KeyValues.TryGet(type, out var values);
        return new KeyToValueMappingTransformer(Options, KeyMap.FromValues((Array)values.Clone()));
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = WithValues.Check(inputSchema, KeyToValueMappingTransformer.Kind, Options.SourceColumnName);
        return inputSchema.With([new SchemaShape.Column(Options.OutputColumnName, SchemaShape.VectorKind.Scalar, column.KeyValueType!, false)]);
    }
}
