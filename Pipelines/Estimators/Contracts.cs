namespace MlNetDl.Pipelines;

/// <summary>A fitted component that maps a data view to a new one (ML.NET's ITransformer). Transformers are immutable.</summary>
public interface ITransformer
{
    /// <summary>The transformed view. Input columns are checked first (<see cref="SchemaMismatchException"/>).</summary>
    IDataView Transform(IDataView input);

    /// <summary>The schema <see cref="Transform"/> would produce for <paramref name="inputSchema"/>.</summary>
    /// <exception cref="SchemaMismatchException">A needed input column is missing or mistyped.</exception>
    DataViewSchema GetOutputSchema(DataViewSchema inputSchema);

    /// <summary>Whether each output row depends only on the matching input row (true for all but filters and
    /// row-count-changing transforms); prediction engines need it.</summary>
    bool IsRowToRowMapper { get; }
}

/// <summary>Learns a transformer from data (ML.NET's IEstimator). Estimators never change: <see cref="Fit"/>
/// returns a new transformer each time.</summary>
public interface IEstimator<out TTransformer> where TTransformer : ITransformer
{
    /// <exception cref="SchemaMismatchException">A needed input column is missing or mistyped.</exception>
    TTransformer Fit(IDataView input);

    /// <summary>The output shape for an input shape, computed without data; used to check chains before training.</summary>
    /// <exception cref="SchemaMismatchException">A needed input column is missing or mistyped.</exception>
    SchemaShape GetOutputSchema(SchemaShape inputSchema);
}

/// <summary>An estimator whose training is long enough to report progress and honour cancellation (network
/// trainers). Chains pass their <see cref="TrainingContext"/> to each such member.</summary>
public interface ITrainableEstimator<out TTransformer> : IEstimator<TTransformer> where TTransformer : ITransformer
{
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    TTransformer Fit(IDataView input, TrainingContext context);
}

/// <summary>An estimator whose transformer needs no training: Fit checks the schema and returns it.</summary>
public class TrivialEstimator<TTransformer> : IEstimator<TTransformer> where TTransformer : ITransformer
{
    public TrivialEstimator(TTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        Transformer = transformer;
    }

    public TTransformer Transformer { get; }

    public TTransformer Fit(IDataView input)
    {
        Transformer.GetOutputSchema(input.Schema);
        return Transformer;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        SchemaShape.Create(Transformer.GetOutputSchema(inputSchema.ToSchema()));
}
