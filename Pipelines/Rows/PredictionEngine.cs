namespace MlNetDl.Pipelines;

/// <summary>
/// Predicts one example at a time with a fitted model (ML.NET's PredictionEngine): the example becomes a one-row
/// view, the model transforms it, and the output columns are read into a <typeparamref name="TDst"/>. Schemas
/// are checked once, when the engine is created. Not thread-safe (it reuses its output mapping); create one per
/// thread, or use Transform on a data view for bulk scoring.
/// </summary>
public sealed class PredictionEngine<TSrc, TDst> where TSrc : class where TDst : class, new()
{
    private readonly ITransformer _transformer;
    private readonly SchemaDefinition _input;
    private readonly SchemaDefinition? _output;
    private readonly bool _ignoreMissingColumns;

    internal PredictionEngine(ITransformer transformer, SchemaDefinition? inputDefinition, SchemaDefinition? outputDefinition,
        bool ignoreMissingColumns, DataViewSchema? inputSchema)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        if (!transformer.IsRowToRowMapper)
        {
            throw new InvalidOperationException($"A prediction engine needs a row-to-row model; {transformer.GetType().Name} changes the rows.");
        }
        _transformer = transformer;
        _input = inputDefinition ?? (inputSchema is null ? SchemaDefinition.Create(typeof(TSrc)) : DataOperationsCatalog.DefinitionFor<TSrc>(inputSchema));
        _output = outputDefinition;
        _ignoreMissingColumns = ignoreMissingColumns;
        InputSchema = inputSchema;
        if (_input.All(c => c.ColumnType is not VectorDataViewType { IsKnownSize: false }))
        {
            var schema = DataViewSchema.Create([.. _input.Select(c => (c.ColumnName, c.ColumnType))]);
            OutputSchema = transformer.GetOutputSchema(schema);
            // Fail now, not at the first Predict, when TDst asks for columns the model does not produce.
            EnumerableReader.Read<TDst>(new InMemoryDataView([.. OutputSchema.Select(c => new KeyValuePair<string, DataColumn>(c.Name, EmptyColumn(c.Type)))]),
                reuseRowObject: false, _ignoreMissingColumns, _output);
        }
    }

    /// <summary>The schema the engine was created with, when given.</summary>
    public DataViewSchema? InputSchema { get; }

    /// <summary>The model's output schema (null when it depends on the first example's vector sizes).</summary>
    public DataViewSchema? OutputSchema { get; }

    public TDst Predict(TSrc example)
    {
        var result = new TDst();
        Predict(example, ref result);
        return result;
    }

    /// <summary>Fills <paramref name="prediction"/> (reusing its arrays when they have the right size).</summary>
    public void Predict(TSrc example, ref TDst prediction)
    {
        ArgumentNullException.ThrowIfNull(example);
        prediction ??= new TDst();
        var row = EnumerableLoader.Load([example], _input);
        var output = _transformer.Transform(row);
        using var rows = EnumerableReader.Read(output, reuseRowObject: true, _ignoreMissingColumns, _output, prediction).GetEnumerator();
        if (!rows.MoveNext())
        {
            throw new InvalidOperationException($"The model returned no row for the example ({_transformer.GetType().Name}).");
        }
    }

    private static DataColumn EmptyColumn(DataViewType type) => type switch
    {
        VectorDataViewType v => new EmptyVectorColumn(v),
        KeyDataViewType k => DataColumn.FromKeys([], k.Count),
        _ when type.RawType == typeof(float) => DataColumn.FromArray(Array.Empty<float>(), (PrimitiveDataViewType)type),
        _ when type.RawType == typeof(double) => DataColumn.FromArray(Array.Empty<double>(), (PrimitiveDataViewType)type),
        _ when type.RawType == typeof(int) => DataColumn.FromArray(Array.Empty<int>(), (PrimitiveDataViewType)type),
        _ when type.RawType == typeof(long) => DataColumn.FromArray(Array.Empty<long>(), (PrimitiveDataViewType)type),
        _ when type.RawType == typeof(uint) => DataColumn.FromArray(Array.Empty<uint>(), (PrimitiveDataViewType)type),
        _ when type.RawType == typeof(bool) => DataColumn.FromArray(Array.Empty<bool>(), (PrimitiveDataViewType)type),
        _ => DataColumn.FromArray(Array.Empty<string>(), (PrimitiveDataViewType)type),
    };

    private sealed class EmptyVectorColumn(VectorDataViewType type) : VectorColumn(type, 0)
    {
        public override void CopyRows(int start, int count, Span<float> destination) { }
    }
}
