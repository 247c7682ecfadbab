namespace MlNetDl.Pipelines.Columns;

/// <summary>An output column and the input column it comes from (ML.NET's InputOutputColumnPair).</summary>
public sealed record InputOutputColumnPair(string OutputColumnName, string InputColumnName);

/// <summary>Options of <see cref="ColumnCopyingTransformer"/>.</summary>
public sealed record ColumnCopyingOptions(InputOutputColumnPair[] Columns)
{
    public ColumnCopyingOptions Validate()
    {
        if (Columns is null || Columns.Length == 0)
        {
            throw new ArgumentException("The 'Columns' option of CopyColumns must list at least one pair. Got none.", nameof(Columns));
        }
        foreach (var pair in Columns)
        {
            OptionChecks.NotEmpty("CopyColumns", nameof(pair.OutputColumnName), pair?.OutputColumnName);
            OptionChecks.NotEmpty("CopyColumns", nameof(pair.InputColumnName), pair!.InputColumnName);
        }
        return this;
    }
}

/// <summary>Copies columns under new names (ML.NET's CopyColumns); the data is shared, not copied.</summary>
public sealed class ColumnCopyingTransformer : RowToRowTransformerBase
{
    public const string Kind = "CopyColumns";

    public ColumnCopyingTransformer(ColumnCopyingOptions options) : base(Kind)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
    }

    public ColumnCopyingOptions Options { get; }

    public override string ModelKind => Kind;

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema) =>
        Options.Columns.Select(p => new OutputColumn(p.OutputColumnName, ColumnRequirement.Any.Check(inputSchema, Kind, p.InputColumnName),
            view => view.GetColumn(p.InputColumnName))).ToList();

    public override void Save(ModelSaveContext context) => context.SetOptions(Options);

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context) => new ColumnCopyingTransformer(context.GetOptions<ColumnCopyingOptions>());
}

public sealed class ColumnCopyingEstimator(ColumnCopyingOptions options)
    : TrivialEstimator<ColumnCopyingTransformer>(new ColumnCopyingTransformer(options));
