namespace MlNetDl.Pipelines;

/// <summary>The column a field or property maps to (default: the member's name).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ColumnNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>A float[] member is a fixed-size vector with these dimensions, e.g. [VectorType(1, 28, 28)].</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class VectorTypeAttribute : Attribute
{
    public VectorTypeAttribute(params int[] dimensions) => Dimensions = dimensions ?? [];

    public int[] Dimensions { get; }

    /// <summary>Product of the dimensions; 0 when none are given.</summary>
    public int Size => Dimensions.Length == 0 ? 0 : Dimensions.Aggregate(1, (a, b) => a * b);
}

/// <summary>Source column(s) of a text file for loaders: one index, an inclusive range, or a list.
/// <c>LoadFromEnumerable</c> ignores it; text loaders read it from <see cref="SchemaDefinition.Column.LoadColumnIndices"/>.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class LoadColumnAttribute : Attribute
{
    public LoadColumnAttribute(int fieldIndex) => Indices = [fieldIndex];

    public LoadColumnAttribute(int start, int end) =>
        Indices = end >= start ? [.. Enumerable.Range(start, end - start + 1)] : throw new ArgumentOutOfRangeException(nameof(end), $"LoadColumn: end {end} is before start {start}.");

    public LoadColumnAttribute(int[] columnIndexes) => Indices = [.. columnIndexes];

    public IReadOnlyList<int> Indices { get; }
}

/// <summary>The member is not a column.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class NoColumnAttribute : Attribute { }

/// <summary>A uint member is a key with <see cref="Count"/> values (1..Count, 0 = missing); without it a uint is a UInt32 number.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class KeyTypeAttribute(ulong count) : Attribute
{
    public ulong Count { get; } = count;
}
