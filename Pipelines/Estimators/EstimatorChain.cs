namespace MlNetDl.Pipelines;

/// <summary>
/// A sequence of estimators fitted one after the other, each on the output of the transformers before it.
/// Immutable: <see cref="Append{TNewTrans}"/> returns a new chain. <see cref="Fit(IDataView)"/> first checks the
/// schema through the whole chain (<see cref="GetOutputSchema"/>), so a missing column at step 5 fails before
/// step 1 trains.
/// </summary>
public sealed class EstimatorChain<TLastTransformer> : ITrainableEstimator<TransformerChain<TLastTransformer>>
    where TLastTransformer : class, ITransformer
{
    private readonly IEstimator<ITransformer>[] _estimators;
    private readonly bool[] _cacheBefore;
    private readonly bool _cacheNext;

    /// <summary>An empty chain; start one with <c>new EstimatorChain&lt;ITransformer&gt;()</c> or <c>estimator.Append(...)</c>.</summary>
    public EstimatorChain() : this([], [], false) { }

    private EstimatorChain(IEstimator<ITransformer>[] estimators, bool[] cacheBefore, bool cacheNext)
    {
        _estimators = estimators;
        _cacheBefore = cacheBefore;
        _cacheNext = cacheNext;
        LastEstimator = estimators.Length == 0 ? null : (IEstimator<TLastTransformer>)estimators[^1];
    }

    public IReadOnlyList<IEstimator<ITransformer>> Estimators => _estimators;

    public IEstimator<TLastTransformer>? LastEstimator { get; }

    public EstimatorChain<TNewTrans> Append<TNewTrans>(IEstimator<TNewTrans> estimator) where TNewTrans : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new EstimatorChain<TNewTrans>([.. _estimators, estimator], [.. _cacheBefore, _cacheNext], false);
    }

    /// <summary>Materializes the data before the next estimator (ML.NET's cache checkpoint): estimators that make
    /// several passes then read stored columns instead of recomputing lazy ones.</summary>
    public EstimatorChain<TLastTransformer> AppendCacheCheckpoint(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new EstimatorChain<TLastTransformer>(_estimators, _cacheBefore, true);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var shape = inputSchema;
        foreach (var estimator in _estimators)
        {
            shape = estimator.GetOutputSchema(shape);
        }
        return shape;
    }

    public TransformerChain<TLastTransformer> Fit(IDataView input) => Fit(input, TrainingContext.None);

    /// <exception cref="SchemaMismatchException">Some estimator's input column is missing or mistyped (checked before training).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public TransformerChain<TLastTransformer> Fit(IDataView input, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        GetOutputSchema(SchemaShape.Create(input.Schema));
        var current = input;
        var transformers = new ITransformer[_estimators.Length];
        for (int i = 0; i < _estimators.Length; i++)
        {
            if (_cacheBefore[i])
            {
                current = InMemoryDataView.From(current).Materialize();
            }
            transformers[i] = _estimators[i].Fit(current, context);
            if (i + 1 < _estimators.Length)
            {
                current = transformers[i].Transform(current);
            }
        }
        return new TransformerChain<TLastTransformer>(transformers);
    }

    public override string ToString() => "EstimatorChain(" + string.Join(" → ", _estimators.Select(e => e.GetType().Name)) + ")";
}

/// <summary>The ML.NET entry points for building chains: <c>a.Append(b)</c> on any estimator or transformer.</summary>
public static class LearningPipelineExtensions
{
    public static EstimatorChain<TTrans> Append<TTrans>(this IEstimator<ITransformer> start, IEstimator<TTrans> estimator)
        where TTrans : class, ITransformer =>
        new EstimatorChain<ITransformer>().Append(start).Append(estimator);

    public static TransformerChain<TTrans> Append<TTrans>(this ITransformer start, TTrans transformer)
        where TTrans : class, ITransformer =>
        new TransformerChain<ITransformer>(start).Append(transformer);

    /// <summary>Starts a chain whose next estimator fits on materialized data.</summary>
    public static EstimatorChain<ITransformer> AppendCacheCheckpoint(this IEstimator<ITransformer> start, MLContext context) =>
        new EstimatorChain<ITransformer>().Append(start).AppendCacheCheckpoint(context);
}
