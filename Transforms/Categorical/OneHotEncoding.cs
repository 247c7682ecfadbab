using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

/// <summary>
/// One-hot encodes a scalar column (ML.NET's OneHotEncoding): key k of n becomes a Vector&lt;Single, n&gt; with 1 at
/// slot k − 1; key 0 (missing) and values unseen when fitting become all zeros. A key input is encoded as is (no
/// learning); a value input is first mapped by a learned <see cref="ValueToKeyMappingTransformer"/> (<see cref="Keys"/>).
/// With <see cref="OneHotEncodingOutputKind.Key"/> the output is that key column.
/// </summary>
public sealed class OneHotEncodingTransformer : RowToRowTransformerBase
{
    public const string Kind = "OneHotEncoding";

    /// <param name="options">The options.</param>
    /// <param name="keyCount">The number of keys (vector size).</param>
    /// <param name="keys">The value → key mapping for a value input; null for a key input.</param>
    public OneHotEncodingTransformer(OneHotEncodingOptions options, int keyCount, ValueToKeyMappingTransformer? keys) : base(Kind)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        OptionChecks.InRange(Kind, nameof(keyCount), keyCount, 1, int.MaxValue);
        if (keys is not null && keys.KeyType.Count != (ulong)keyCount)
        {
            throw new ArgumentException($"OneHotEncoding: keyCount {keyCount} differs from the {keys.KeyType.Count} keys of the value mapping.", nameof(keyCount));
        }
        KeyCount = keyCount;
        Keys = keys;
    }

    public OneHotEncodingOptions Options { get; }

    /// <summary>Number of keys = output vector size.</summary>
    public int KeyCount { get; }

    /// <summary>The learned value → key mapping (null when the input is a key column).</summary>
    public ValueToKeyMappingTransformer? Keys { get; }

    public override string ModelKind => Kind;

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        string input = Options.SourceColumnName;
        Func<InMemoryDataView, ScalarColumn<uint>> keysOf;
        KeyDataViewType keyType;
        if (Keys is null)
        {
            keyType = new KeyDataViewType(typeof(uint), (ulong)KeyCount);
            ColumnRequirement.Exactly(keyType).Check(inputSchema, Kind, input);
            keysOf = view => (ScalarColumn<uint>)view.GetColumn(input);
        }
        else
        {
            ColumnRequirement.Exactly(Keys.ValueType).Check(inputSchema, Kind, input);
            keyType = Keys.KeyType;
            keysOf = view => Keys.Map.MapColumn(view.GetColumn(input), Keys.KeyType);
        }
        if (Options.OutputKind == OneHotEncodingOutputKind.Key)
        {
            return [new OutputColumn(Options.OutputColumnName, keyType, keysOf)];
        }
        var type = new VectorDataViewType(NumberDataViewType.Single, KeyCount);
        return [new OutputColumn(Options.OutputColumnName, type, view => new IndicatorColumn(type, keysOf(view)))];
    }

    internal sealed record Saved(OneHotEncodingOptions Options, int KeyCount, bool HasValueMapping);

    public override void Save(ModelSaveContext context)
    {
        context.SetOptions(new Saved(Options, KeyCount, Keys is not null));
        if (Keys is not null)
        {
            context.SaveChild("keys", Keys);
        }
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context)
    {
        var saved = context.GetOptions<Saved>();
        ValueToKeyMappingTransformer? keys = null;
        if (saved.HasValueMapping)
        {
            keys = context.LoadChild("keys") as ValueToKeyMappingTransformer ?? throw context.Error("child 'keys' is not a MapValueToKey transformer.");
        }
        return new OneHotEncodingTransformer(saved.Options, saved.KeyCount, keys);
    }

    /// <summary>Indicator vectors of a key column, computed on read.</summary>
    private sealed class IndicatorColumn(VectorDataViewType type, ScalarColumn<uint> keys) : VectorColumn(type, keys.Length)
    {
        public override void CopyRows(int start, int count, Span<float> destination)
        {
            destination[..(count * Size)].Clear();
            for (int r = 0; r < count; r++)
            {
                uint k = keys.GetValue(start + r);
                if (k >= 1 && k <= Size)
                {
                    destination[r * Size + (int)k - 1] = 1f;
                }
            }
        }
    }
}

/// <summary>OneHotEncoding's estimator: learns the value → key mapping for a value input; a key input needs nothing.</summary>
public sealed class OneHotEncodingEstimator(OneHotEncodingOptions options) : IEstimator<OneHotEncodingTransformer>
{
    internal static readonly ColumnRequirement Requirement = new($"Key or {KeyMap.SupportedTypes}",
        c => c.Kind == SchemaShape.VectorKind.Scalar && (c.IsKey || KeyMap.IsSupported(c.ItemType)));

    public OneHotEncodingOptions Options { get; } = (options ?? throw new ArgumentNullException(nameof(options))).Validate();

    /// <exception cref="SchemaMismatchException">The input column is missing or of another type.</exception>
    public OneHotEncodingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var type = Requirement.Check(input.Schema, OneHotEncodingTransformer.Kind, Options.SourceColumnName);
        if (type is KeyDataViewType key)
        {
            return new OneHotEncodingTransformer(Options, checked((int)key.Count), null);
        }
        var keyOptions = new ValueToKeyMappingOptions(Options.OutputColumnName, Options.SourceColumnName)
        {
            MaximumNumberOfKeys = Options.MaximumNumberOfKeys,
            KeyOrdinality = Options.KeyOrdinality,
        };
        var keys = new ValueToKeyMappingEstimator(keyOptions).Fit(input);
        return new OneHotEncodingTransformer(Options, (int)keys.KeyType.Count, keys);
    }

    /// <summary>For a value input the key count, hence the vector size, is unknown before fitting (empty dimensions).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = Requirement.Check(inputSchema, OneHotEncodingTransformer.Kind, Options.SourceColumnName);
        var known = column.ItemType as KeyDataViewType;
        if (Options.OutputKind == OneHotEncodingOutputKind.Key)
        {
            return inputSchema.With([column.IsKey ? column with { Name = Options.OutputColumnName }
                : new SchemaShape.Column(Options.OutputColumnName, SchemaShape.VectorKind.Scalar, NumberDataViewType.UInt32, true) { KeyValueType = (PrimitiveDataViewType)column.ItemType }]);
        }
        return inputSchema.With([new SchemaShape.Column(Options.OutputColumnName, SchemaShape.VectorKind.Vector, NumberDataViewType.Single, false,
            known is null ? [] : [checked((int)known.Count)])]);
    }
}
