using System.Collections;

namespace MlNetDl.Pipelines;

/// <summary>The ordered, named, typed columns of a data view. Names are unique: adding a column whose name
/// exists replaces the old one (ML.NET would hide it instead; hidden columns are not modelled).</summary>
public sealed class DataViewSchema : IReadOnlyList<DataViewSchema.Column>
{
    private readonly Column[] _columns;
    private readonly Dictionary<string, int> _byName;

    private DataViewSchema(Column[] columns)
    {
        _columns = columns;
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            _byName[columns[i].Name] = i;
        }
    }

    /// <summary>One column: its name, its position in the schema and its type.</summary>
    public readonly record struct Column(string Name, int Index, DataViewType Type)
    {
        public override string ToString() => $"{Name}: {Type}";
    }

    public int Count => _columns.Length;

    public Column this[int index] => _columns[index];

    /// <exception cref="ArgumentOutOfRangeException">No column has this name; the message lists the available ones.</exception>
    public Column this[string name] => GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name),
        $"Column '{name}' not found; available: {AvailableNames()}.");

    public Column? GetColumnOrNull(string name) =>
        name is not null && _byName.TryGetValue(name, out int i) ? _columns[i] : null;

    /// <summary>The column names joined for error messages ("(none)" when empty).</summary>
    public string AvailableNames() => _columns.Length == 0 ? "(none)" : string.Join(", ", _columns.Select(c => c.Name));

    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "{" + string.Join("; ", _columns) + "}";

    /// <summary>True when both schemas have the same names and types in the same order.</summary>
    public bool SameAs(DataViewSchema other) =>
        other.Count == Count && _columns.Zip(other._columns).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type);

    /// <summary>Builds a schema column by column.</summary>
    public sealed class Builder
    {
        private readonly List<(string Name, DataViewType Type)> _columns = [];

        /// <summary>Appends a column; an existing column with the same name is removed first.</summary>
        public Builder AddColumn(string name, DataViewType type)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentNullException.ThrowIfNull(type);
            _columns.RemoveAll(c => c.Name == name);
            _columns.Add((name, type));
            return this;
        }

        public Builder AddColumns(IEnumerable<Column> columns)
        {
            foreach (var c in columns)
            {
                AddColumn(c.Name, c.Type);
            }
            return this;
        }

        public DataViewSchema ToSchema() =>
            new([.. _columns.Select((c, i) => new Column(c.Name, i, c.Type))]);
    }

    public static DataViewSchema Create(params (string Name, DataViewType Type)[] columns)
    {
        var b = new Builder();
        foreach (var (n, t) in columns)
        {
            b.AddColumn(n, t);
        }
        return b.ToSchema();
    }
}
