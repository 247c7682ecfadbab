namespace MlNetDl.Pipelines;

/// <summary>A column a row-to-row transformer adds: its name, its type, and how to make it from the input view
/// (lazily, as a computed <see cref="DataColumn"/>, or eagerly, as stored arrays). Same-named input columns are replaced.</summary>
public sealed record OutputColumn(string Name, DataViewType Type, Func<InMemoryDataView, DataColumn> Create);

/// <summary>
/// Base of transformers that add (or keep/drop) columns row by row. A subclass writes three things: which
/// columns it adds (<see cref="GetOutputColumns"/>, checking its inputs with <see cref="ColumnRequirement.Check(DataViewSchema, string, string)"/>),
/// optionally which input columns survive (<see cref="KeptColumns"/>), and how it saves (<see cref="Save"/>
/// plus a static <c>[ModelLoader]</c> method). Schema prediction, transformation, validation and the mismatch
/// message come from here, so adding a transform touches one file.
/// </summary>
public abstract class RowToRowTransformerBase : ITransformer, ICanSaveModel
{
    protected RowToRowTransformerBase(string componentName)
    {
        ArgumentException.ThrowIfNullOrEmpty(componentName);
        ComponentName = componentName;
    }

    /// <summary>Names the component in schema-mismatch messages (e.g. "Concatenate").</summary>
    public string ComponentName { get; }

    public bool IsRowToRowMapper => true;

    public abstract string ModelKind { get; }

    public abstract void Save(ModelSaveContext context);

    /// <summary>The columns this transformer adds for <paramref name="inputSchema"/>.</summary>
    /// <exception cref="SchemaMismatchException">An input column is missing or mistyped.</exception>
    protected abstract IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema);

    /// <summary>The input columns passed through, in order (default: all).</summary>
    protected virtual IEnumerable<string> KeptColumns(DataViewSchema inputSchema) => inputSchema.Select(c => c.Name);

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var outputs = GetOutputColumns(inputSchema).ToList();
        var builder = new DataViewSchema.Builder();
        foreach (var name in KeptColumns(inputSchema))
        {
            builder.AddColumn(name, inputSchema[name].Type);
        }
        foreach (var o in outputs)
        {
            builder.AddColumn(o.Name, o.Type);
        }
        return builder.ToSchema();
    }

    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outputs = GetOutputColumns(input.Schema).ToList();
        var view = InMemoryDataView.From(input);
        var added = new List<KeyValuePair<string, DataColumn>>(outputs.Count);
        foreach (var o in outputs)
        {
            var column = o.Create(view);
            if (column.Type != o.Type || column.Length != view.RowCount)
            {
                throw new InvalidOperationException(
                    $"{ComponentName} made column '{o.Name}' as {column.Type} with {column.Length} rows but declared {o.Type} with {view.RowCount}.");
            }
            added.Add(new(o.Name, column));
        }
        return view.WithOnly(KeptColumns(input.Schema)).WithColumns(added);
    }

    public override string ToString() => ComponentName;
}
