using System.Globalization;

namespace MlNetDl.Pipelines;

/// <summary>
/// A data view made of random-access <see cref="DataColumn"/>s of equal length. Every built-in view is one:
/// transforms add or drop columns, shuffles, splits and filters re-index rows, and none of them copies the
/// stored data. Build one from arrays with <see cref="DataViewBuilder"/>.
/// </summary>
public sealed class InMemoryDataView : IDataView
{
    private readonly DataColumn[] _columns;

    /// <exception cref="ArgumentException">Columns differ in length or a name repeats.</exception>
    public InMemoryDataView(IEnumerable<KeyValuePair<string, DataColumn>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var list = columns.ToList();
        var builder = new DataViewSchema.Builder();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, column) in list)
        {
            ArgumentNullException.ThrowIfNull(column, name);
            if (!names.Add(name))
            {
                throw new ArgumentException($"Column '{name}' appears more than once.", nameof(columns));
            }
            if (column.Length != list[0].Value.Length)
            {
                throw new ArgumentException(
                    $"Column '{name}' has {column.Length} rows but column '{list[0].Key}' has {list[0].Value.Length}; all columns must have the same length.",
                    nameof(columns));
            }
            builder.AddColumn(name, column.Type);
        }
        Schema = builder.ToSchema();
        _columns = [.. list.Select(p => p.Value)];
        RowCount = list.Count == 0 ? 0 : list[0].Value.Length;
    }

    private InMemoryDataView(DataViewSchema schema, DataColumn[] columns, int rowCount)
    {
        Schema = schema;
        _columns = columns;
        RowCount = rowCount;
    }

    public DataViewSchema Schema { get; }

    public int RowCount { get; }

    public bool CanShuffle => true;

    public long? GetRowCount() => RowCount;

    public DataColumn GetColumn(int index) => _columns[index];

    /// <exception cref="ArgumentOutOfRangeException">No such column; the message lists the available ones.</exception>
    public DataColumn GetColumn(string name) => _columns[Schema[name].Index];

    /// <summary>This view if <paramref name="view"/> is in memory; otherwise one pass of its cursor into arrays.</summary>
    public static InMemoryDataView From(IDataView view) => view as InMemoryDataView ?? Materializer.ReadAll(view);

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        int[]? order = null;
        if (rand is not null)
        {
            order = Enumerable.Range(0, RowCount).ToArray();
            rand.Shuffle(order);
        }
        return new InMemoryCursor(this, order);
    }

    /// <summary>The columns as name/column pairs, in schema order.</summary>
    public IEnumerable<KeyValuePair<string, DataColumn>> Columns =>
        Schema.Select(c => new KeyValuePair<string, DataColumn>(c.Name, _columns[c.Index]));

    /// <summary>A view with these columns added (replacing columns of the same name, which move to the end).</summary>
    public InMemoryDataView WithColumns(IEnumerable<KeyValuePair<string, DataColumn>> added)
    {
        var map = Columns.ToList();
        foreach (var (name, column) in added)
        {
            if (column.Length != RowCount)
            {
                throw new ArgumentException($"Column '{name}' has {column.Length} rows; the view has {RowCount}.", nameof(added));
            }
            map.RemoveAll(p => p.Key == name);
            map.Add(new(name, column));
        }
        return Rebuild(map, RowCount);
    }

    /// <summary>A view with only the named columns, in the given order.</summary>
    public InMemoryDataView WithOnly(IEnumerable<string> names) =>
        Rebuild(names.Select(n => new KeyValuePair<string, DataColumn>(n, GetColumn(n))).ToList(), RowCount);

    internal InMemoryDataView SelectRows(int[] rows) =>
        Rebuild(Columns.Select(p => new KeyValuePair<string, DataColumn>(p.Key, p.Value.Select(rows))).ToList(), rows.Length);

    internal InMemoryDataView SliceRows(int start, int count) =>
        Rebuild(Columns.Select(p => new KeyValuePair<string, DataColumn>(p.Key, p.Value.Slice(start, count))).ToList(), count);

    internal InMemoryDataView Materialize() =>
        Rebuild(Columns.Select(p => new KeyValuePair<string, DataColumn>(p.Key, p.Value.Materialize())).ToList(), RowCount);

    private static InMemoryDataView Rebuild(List<KeyValuePair<string, DataColumn>> columns, int rows)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var (name, column) in columns)
        {
            builder.AddColumn(name, column.Type);
        }
        return new InMemoryDataView(builder.ToSchema(), [.. columns.Select(p => p.Value)], rows);
    }

    internal string FormatValue(int column, int row) => _columns[column] switch
    {
        VectorColumn v => "[" + string.Join(", ", ReadVector(v, row).Select(f => f.ToString(CultureInfo.InvariantCulture))) + "]",
        ScalarColumn<float> s => s.GetValue(row).ToString(CultureInfo.InvariantCulture),
        ScalarColumn<double> s => s.GetValue(row).ToString(CultureInfo.InvariantCulture),
        ScalarColumn<int> s => s.GetValue(row).ToString(CultureInfo.InvariantCulture),
        ScalarColumn<long> s => s.GetValue(row).ToString(CultureInfo.InvariantCulture),
        ScalarColumn<uint> s => s.GetValue(row).ToString(CultureInfo.InvariantCulture),
        ScalarColumn<bool> s => s.GetValue(row).ToString(),
        ScalarColumn<string> s => s.GetValue(row) ?? "",
        var c => c.ToString() ?? "",
    };

    private static float[] ReadVector(VectorColumn v, int row)
    {
        var values = new float[v.Size];
        v.CopyRows(row, 1, values);
        return values;
    }
}
