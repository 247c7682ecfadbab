namespace MlNetDl.Pipelines;

/// <summary><c>mlContext.Data</c>: loading from objects, reading back, splitting, shuffling, caching, row filters.</summary>
public sealed partial class DataOperationsCatalog : CatalogBase
{
    internal DataOperationsCatalog(MLContext context) : base(context) { }

    /// <summary>A train/test pair from <see cref="TrainTestSplit"/>.</summary>
    public sealed record TrainTestData(IDataView TrainSet, IDataView TestSet);

    /// <summary>Reads the objects once into a columnar view (one column per public field/property; attributes
    /// [ColumnName], [VectorType], [KeyType], [NoColumn] apply). Later changes to the objects are not seen.</summary>
    /// <exception cref="ArgumentException">A vector's length differs from its declared or first-row size (the
    /// message names the row and column), a null row or vector, or an unsupported member type.</exception>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, SchemaDefinition? schemaDefinition = null) where TRow : class =>
        EnumerableLoader.Load(data, schemaDefinition);

    /// <summary>As above, with the column types given by a schema (e.g. to size float[] members without [VectorType]).</summary>
    public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data, DataViewSchema schema) where TRow : class =>
        EnumerableLoader.Load(data, DefinitionFor<TRow>(schema));

    /// <summary>The rows as objects, read lazily. With <paramref name="reuseRowObject"/> the same object (and its
    /// arrays) is refilled for every row, as in ML.NET.</summary>
    /// <exception cref="SchemaMismatchException">A member's column is missing (unless <paramref name="ignoreMissingColumns"/>)
    /// or has another type; thrown when called, not when enumerated.</exception>
    public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns = false,
        SchemaDefinition? schemaDefinition = null) where TRow : class, new() =>
        EnumerableReader.Read<TRow>(data, reuseRowObject, ignoreMissingColumns, schemaDefinition);

    /// <summary>Stores every column (computing lazy ones once), so later passes read arrays.</summary>
    public IDataView Cache(IDataView input, params string[] columnsToPrefetch)
    {
        ArgumentNullException.ThrowIfNull(input);
        return InMemoryDataView.From(input).Materialize();
    }

    internal static SchemaDefinition DefinitionFor<TRow>(DataViewSchema schema)
    {
        var definition = SchemaDefinition.Create(typeof(TRow));
        foreach (var c in definition)
        {
            if (c.ColumnType is VectorDataViewType { IsKnownSize: false } && schema.GetColumnOrNull(c.ColumnName) is { Type: VectorDataViewType v })
            {
                c.ColumnType = v;
            }
        }
        return definition;
    }
}
