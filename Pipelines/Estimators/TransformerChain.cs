using System.Collections;

namespace MlNetDl.Pipelines;

/// <summary>Fitted transformers applied in order (what <see cref="EstimatorChain{T}.Fit(IDataView)"/> returns).
/// Immutable; saves as one model whose parts are the members.</summary>
public sealed class TransformerChain<TLastTransformer> : ITransformer, ICanSaveModel, IEnumerable<ITransformer>
    where TLastTransformer : class, ITransformer
{
    private readonly ITransformer[] _transformers;

    public TransformerChain(params ITransformer[] transformers)
    {
        ArgumentNullException.ThrowIfNull(transformers);
        if (transformers.Any(t => t is null))
        {
            throw new ArgumentException("Transformers must not contain null.", nameof(transformers));
        }
        if (transformers.Length > 0 && transformers[^1] is not TLastTransformer)
        {
            throw new ArgumentException($"The last transformer is a {transformers[^1].GetType().Name}, not a {typeof(TLastTransformer).Name}.", nameof(transformers));
        }
        _transformers = [.. transformers];
        LastTransformer = transformers.Length == 0 ? null! : (TLastTransformer)transformers[^1];
    }

    /// <summary>The last member (e.g. the trained model of a pipeline ending with a trainer); null for an empty chain.</summary>
    public TLastTransformer LastTransformer { get; }

    public int Count => _transformers.Length;

    public ITransformer this[int index] => _transformers[index];

    public bool IsRowToRowMapper => _transformers.All(t => t.IsRowToRowMapper);

    public TransformerChain<TNewLast> Append<TNewLast>(TNewLast transformer) where TNewLast : class, ITransformer =>
        new([.. _transformers, transformer]);

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var schema = inputSchema;
        foreach (var t in _transformers)
        {
            schema = t.GetOutputSchema(schema);
        }
        return schema;
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(input.Schema);
        var current = input;
        foreach (var t in _transformers)
        {
            current = t.Transform(current);
        }
        return current;
    }

    public string ModelKind => TransformerChainLoader.Kind;

    public void Save(ModelSaveContext context) => context.SaveChildren("transformers", _transformers);

    public IEnumerator<ITransformer> GetEnumerator() => ((IEnumerable<ITransformer>)_transformers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "TransformerChain(" + string.Join(" → ", _transformers.Select(t => t.GetType().Name)) + ")";
}

/// <summary>Model-file loader of chains (non-generic so the registry can call it).</summary>
internal static class TransformerChainLoader
{
    public const string Kind = "TransformerChain";

    [ModelLoader(Kind)]
    public static ITransformer Load(ModelLoadContext context) => new TransformerChain<ITransformer>([.. context.LoadChildren("transformers")]);
}
