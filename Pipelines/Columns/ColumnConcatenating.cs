namespace MlNetDl.Pipelines.Columns;

/// <summary>Options of <see cref="ColumnConcatenatingTransformer"/>: the output column and the inputs in order.</summary>
public sealed record ColumnConcatenatingOptions(string OutputColumnName, string[] InputColumnNames)
{
    /// <exception cref="ArgumentException">Empty names or no inputs.</exception>
    public ColumnConcatenatingOptions Validate()
    {
        OptionChecks.NotEmpty("Concatenate", nameof(OutputColumnName), OutputColumnName);
        if (InputColumnNames is null || InputColumnNames.Length == 0)
        {
            throw new ArgumentException($"The '{nameof(InputColumnNames)}' option of Concatenate must list at least one column. Got none.", nameof(InputColumnNames));
        }
        foreach (var name in InputColumnNames)
        {
            OptionChecks.NotEmpty("Concatenate", nameof(InputColumnNames), name);
        }
        return this;
    }
}

/// <summary>
/// Concatenates Single scalars and Single vectors into one Single vector, row by row (ML.NET's Concatenate).
/// The output is one-dimensional (size = sum of input sizes), except that a single vector input keeps its
/// shape and is passed through without copying. Computed lazily, a block of rows at a time.
/// </summary>
public sealed class ColumnConcatenatingTransformer : RowToRowTransformerBase
{
    public const string Kind = "Concatenate";

    public ColumnConcatenatingTransformer(ColumnConcatenatingOptions options) : base(Kind)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
    }

    public ColumnConcatenatingOptions Options { get; }

    public override string ModelKind => Kind;

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var types = Options.InputColumnNames.Select(n => ColumnRequirement.SingleOrSingleVector.Check(inputSchema, Kind, n)).ToArray();
        if (types is [VectorDataViewType single])
        {
            return [new OutputColumn(Options.OutputColumnName, single, view => view.GetColumn(Options.InputColumnNames[0]))];
        }
        int size = types.Sum(t => t is VectorDataViewType v ? v.Size : 1);
        var type = new VectorDataViewType(NumberDataViewType.Single, size);
        return [new OutputColumn(Options.OutputColumnName, type, view => new ConcatColumn(type, [.. Options.InputColumnNames.Select(view.GetColumn)], view.RowCount))];
    }

    public override void Save(ModelSaveContext context) => context.SetOptions(Options);

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context) => new ColumnConcatenatingTransformer(context.GetOptions<ColumnConcatenatingOptions>());

    /// <summary>The concatenation of input columns, computed on read.</summary>
    private sealed class ConcatColumn(VectorDataViewType type, DataColumn[] inputs, int length) : VectorColumn(type, length)
    {
        public override void CopyRows(int start, int count, Span<float> destination)
        {
            int offset = 0;
            foreach (var input in inputs)
            {
                if (input is VectorColumn v)
                {
                    var block = new float[count * v.Size];
                    v.CopyRows(start, count, block);
                    for (int r = 0; r < count; r++)
                    {
                        block.AsSpan(r * v.Size, v.Size).CopyTo(destination.Slice(r * Size + offset, v.Size));
                    }
                    offset += v.Size;
                }
                else
                {
                    var s = (ScalarColumn<float>)input;
                    for (int r = 0; r < count; r++)
                    {
                        destination[r * Size + offset] = s.GetValue(start + r);
                    }
                    offset++;
                }
            }
        }
    }
}

/// <summary>Concatenate's estimator (no training).</summary>
public sealed class ColumnConcatenatingEstimator(ColumnConcatenatingOptions options)
    : TrivialEstimator<ColumnConcatenatingTransformer>(new ColumnConcatenatingTransformer(options));
