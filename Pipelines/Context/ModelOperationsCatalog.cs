namespace MlNetDl.Pipelines;

/// <summary><c>mlContext.Model</c>: save, load, prediction engines.</summary>
public sealed class ModelOperationsCatalog : CatalogBase
{
    internal ModelOperationsCatalog(MLContext context) : base(context) { }

    /// <summary>Saves the model and the schema it expects as one zip (see <see cref="ModelFile"/>), atomically.</summary>
    /// <exception cref="InvalidOperationException">A transformer cannot be saved; the file is not touched then.</exception>
    public void Save(ITransformer model, DataViewSchema inputSchema, string filePath) => ModelFile.Save(model, inputSchema, filePath);

    public void Save(ITransformer model, DataViewSchema inputSchema, Stream stream) => ModelFile.Write(model, inputSchema, stream);

    /// <exception cref="InvalidDataException">Not a valid model file; the message names it and the problem.</exception>
    public ITransformer Load(string filePath, out DataViewSchema inputSchema) => ModelFile.Load(filePath, out inputSchema);

    /// <inheritdoc cref="Load(string, out DataViewSchema)"/>
    public ITransformer Load(Stream stream, out DataViewSchema inputSchema) => ModelFile.Read(stream, "<stream>", out inputSchema);

    /// <summary>A single-example predictor (not thread-safe: use one per thread).</summary>
    /// <exception cref="InvalidOperationException">The model changes the number of rows.</exception>
    /// <exception cref="SchemaMismatchException">The model's inputs are not all members of <typeparamref name="TSrc"/>.</exception>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, bool ignoreMissingColumns = true,
        SchemaDefinition? inputSchemaDefinition = null, SchemaDefinition? outputSchemaDefinition = null)
        where TSrc : class where TDst : class, new() =>
        new(transformer, inputSchemaDefinition, outputSchemaDefinition, ignoreMissingColumns, null);

    /// <summary>As ML.NET: the input schema (e.g. from <see cref="Load(string, out DataViewSchema)"/>) fixes the
    /// vector sizes of <typeparamref name="TSrc"/>'s members that have no [VectorType].</summary>
    public PredictionEngine<TSrc, TDst> CreatePredictionEngine<TSrc, TDst>(ITransformer transformer, DataViewSchema inputSchema)
        where TSrc : class where TDst : class, new() =>
        new(transformer, null, null, true, inputSchema);
}
