using System.Collections;
using System.Collections.Immutable;

namespace MlNetDl.Pipelines;

/// <summary>
/// What an estimator knows about a schema before seeing data (ML.NET's SchemaShape): per column its name, kind
/// (scalar or vector), item type, whether it is a key, and the vector dimensions when known. Estimators map an
/// input shape to an output shape so that a whole chain is checked before anything is trained.
/// </summary>
public sealed class SchemaShape : IReadOnlyList<SchemaShape.Column>
{
    private readonly Column[] _columns;

    public SchemaShape(IEnumerable<Column> columns)
    {
        var list = new List<Column>();
        foreach (var c in columns)
        {
            list.RemoveAll(x => x.Name == c.Name);
            list.Add(c);
        }
        _columns = [.. list];
    }

    public enum VectorKind
    {
        Scalar,
        Vector,
        VariableVector,
    }

    /// <summary>One column's shape. For keys <see cref="ItemType"/> is the <see cref="KeyDataViewType"/> when its
    /// count is known; <see cref="Dimensions"/> is empty when the vector size is unknown.</summary>
    public sealed record Column(string Name, VectorKind Kind, DataViewType ItemType, bool IsKey, ImmutableArray<int> Dimensions = default)
    {
        public ImmutableArray<int> Dimensions { get; init; } = Dimensions.IsDefault ? [] : Dimensions;

        /// <summary>For a key column: the type of the values behind its keys when known (ML.NET's KeyValues
        /// annotation in a shape; see <see cref="KeyValues"/>), so MapKeyToValue can be checked before training.
        /// Not part of equality.</summary>
        public PrimitiveDataViewType? KeyValueType { get; init; }

        /// <summary>The shape of a column of a known type.</summary>
        public static Column FromType(string name, DataViewType type) => type switch
        {
            VectorDataViewType v => new(name, v.IsKnownSize ? VectorKind.Vector : VectorKind.VariableVector, v.ItemType, v.ItemType is KeyDataViewType, v.Dimensions),
            _ => new(name, VectorKind.Scalar, type, type is KeyDataViewType) { KeyValueType = KeyValues.ValueType(type) },
        };

        /// <summary>The full column type (a vector of unknown size when dimensions are unknown).</summary>
        public DataViewType ToType() => Kind == VectorKind.Scalar
            ? ItemType
            : new VectorDataViewType((PrimitiveDataViewType)ItemType, Kind == VectorKind.Vector ? [.. Dimensions] : []);

        /// <summary>How messages name this column's type, e.g. "Single", "Vector&lt;Single, 1, 28, 28&gt;".</summary>
        public string TypeName => ToType().ToString() ?? "";

        public bool Equals(Column? other) => other is not null && other.Name == Name && other.Kind == Kind &&
            other.ItemType == ItemType && other.IsKey == IsKey && other.Dimensions.SequenceEqual(Dimensions);

        public override int GetHashCode() => HashCode.Combine(Name, Kind, ItemType, IsKey, Dimensions.Length);

        public override string ToString() => $"{Name}: {TypeName}";
    }

    public static SchemaShape Create(DataViewSchema schema) => new(schema.Select(c => Column.FromType(c.Name, c.Type)));

    public int Count => _columns.Length;

    public Column this[int index] => _columns[index];

    public bool TryFindColumn(string name, out Column column)
    {
        column = _columns.FirstOrDefault(c => c.Name == name)!;
        return column is not null;
    }

    /// <summary>A shape with these columns added (replacing same-named ones).</summary>
    public SchemaShape With(IEnumerable<Column> columns) => new(_columns.Concat(columns));

    /// <summary>The schema these shapes describe (vectors of unknown size stay unknown).</summary>
    public DataViewSchema ToSchema() => DataViewSchema.Create([.. _columns.Select(c => (c.Name, c.ToType()))]);

    public string AvailableNames() => _columns.Length == 0 ? "(none)" : string.Join(", ", _columns.Select(c => c.Name));

    public IEnumerator<Column> GetEnumerator() => ((IEnumerable<Column>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "{" + string.Join("; ", _columns.Select(c => c.ToString())) + "}";

    /// <summary>Same columns (names, kinds, types, dimensions) in the same order.</summary>
    public bool SameAs(SchemaShape other) => other.Count == Count && _columns.Zip(other._columns).All(p => p.First.Equals(p.Second));
}
