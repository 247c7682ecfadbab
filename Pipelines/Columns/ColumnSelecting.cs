namespace MlNetDl.Pipelines.Columns;

/// <summary>Options of <see cref="ColumnSelectingTransformer"/>: keep only <see cref="KeepColumns"/> (in that
/// order), or drop <see cref="DropColumns"/>; exactly one of the two lists.</summary>
public sealed record ColumnSelectingOptions(string[]? KeepColumns, string[]? DropColumns)
{
    public ColumnSelectingOptions Validate()
    {
        if ((KeepColumns is null) == (DropColumns is null))
        {
            throw new ArgumentException("ColumnSelecting needs exactly one of the 'KeepColumns' and 'DropColumns' options. Got " +
                (KeepColumns is null ? "neither." : "both."));
        }
        var names = KeepColumns ?? DropColumns!;
        string option = KeepColumns is null ? nameof(DropColumns) : nameof(KeepColumns);
        if (names.Length == 0)
        {
            throw new ArgumentException($"The '{option}' option of ColumnSelecting must list at least one column. Got none.", option);
        }
        foreach (var n in names)
        {
            OptionChecks.NotEmpty("ColumnSelecting", option, n);
        }
        return this;
    }
}

/// <summary>Keeps or drops columns (ML.NET's SelectColumns / DropColumns). Named columns must exist.</summary>
public sealed class ColumnSelectingTransformer : RowToRowTransformerBase
{
    public const string Kind = "SelectColumns";

    public ColumnSelectingTransformer(ColumnSelectingOptions options) : base(options?.KeepColumns is null ? "DropColumns" : "SelectColumns")
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
    }

    public ColumnSelectingOptions Options { get; }

    public override string ModelKind => Kind;

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema) => [];

    protected override IEnumerable<string> KeptColumns(DataViewSchema inputSchema)
    {
        foreach (var name in Options.KeepColumns ?? Options.DropColumns!)
        {
            ColumnRequirement.Any.Check(inputSchema, ComponentName, name);
        }
        return Options.KeepColumns?.Distinct() ?? inputSchema.Select(c => c.Name).Except(Options.DropColumns!);
    }

    public override void Save(ModelSaveContext context) => context.SetOptions(Options);

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context) => new ColumnSelectingTransformer(context.GetOptions<ColumnSelectingOptions>());
}

public sealed class ColumnSelectingEstimator(ColumnSelectingOptions options)
    : TrivialEstimator<ColumnSelectingTransformer>(new ColumnSelectingTransformer(options));
