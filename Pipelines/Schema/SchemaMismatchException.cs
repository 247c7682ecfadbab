namespace MlNetDl.Pipelines;

/// <summary>
/// An input column is missing or has the wrong type. Every component reports it with one template:
/// "Schema mismatch for input column 'Features' of Concatenate: expected Vector&lt;Single&gt;, got String." or
/// "... expected Vector&lt;Single&gt;, not found; available: Label, Pixels."
/// It derives from ArgumentOutOfRangeException, as ML.NET's schema mismatch does.
/// </summary>
public sealed class SchemaMismatchException : ArgumentOutOfRangeException
{
    public SchemaMismatchException(string component, string columnName, string expected, string? actual, string available)
        : base("inputSchema", Format(component, columnName, expected, actual, available))
    {
        Component = component;
        ColumnName = columnName;
        Expected = expected;
        Actual = actual;
        Available = available;
    }

    /// <summary>The columns the schema had, for messages.</summary>
    public string Available { get; }

    public string Component { get; }

    public string ColumnName { get; }

    public string Expected { get; }

    /// <summary>The type found, or null when the column does not exist.</summary>
    public string? Actual { get; }

    /// <summary>The message alone, without the parameter name that ArgumentException appends.</summary>
    public string Description => Format(Component, ColumnName, Expected, Actual, Available);

    public static string Format(string component, string columnName, string expected, string? actual, string? available) =>
        $"Schema mismatch for input column '{columnName}' of {component}: expected {expected}, " +
        (actual is null ? $"not found; available: {available}." : $"got {actual}.");
}

/// <summary>What an input column must be; <see cref="Description"/> goes into the mismatch message.</summary>
public sealed record ColumnRequirement(string Description, Func<SchemaShape.Column, bool> Accepts)
{
    public static ColumnRequirement Any { get; } = new("any type", _ => true);

    public static ColumnRequirement SingleVector { get; } = new("Vector<Single>",
        c => c.Kind == SchemaShape.VectorKind.Vector && c.ItemType == NumberDataViewType.Single);

    public static ColumnRequirement SingleOrSingleVector { get; } = new("Single or Vector<Single>",
        c => c.ItemType == NumberDataViewType.Single && c.Kind != SchemaShape.VectorKind.VariableVector);

    public static ColumnRequirement Key { get; } = new("Key", c => c.IsKey && c.Kind == SchemaShape.VectorKind.Scalar);

    public static ColumnRequirement Exactly(DataViewType type) => new(type.ToString() ?? "", c => c.ToType() == type);

    /// <summary>Finds <paramref name="columnName"/> in <paramref name="schema"/> and checks it.</summary>
    /// <exception cref="SchemaMismatchException">Missing or of another type.</exception>
    public SchemaShape.Column Check(SchemaShape schema, string component, string columnName)
    {
        if (!schema.TryFindColumn(columnName, out var column))
        {
            throw new SchemaMismatchException(component, columnName, Description, null, schema.AvailableNames());
        }
        if (!Accepts(column))
        {
            throw new SchemaMismatchException(component, columnName, Description, column.TypeName, schema.AvailableNames());
        }
        return column;
    }

    /// <inheritdoc cref="Check(SchemaShape, string, string)"/>
    public DataViewType Check(DataViewSchema schema, string component, string columnName) =>
        Check(SchemaShape.Create(schema), component, columnName).ToType();
}
