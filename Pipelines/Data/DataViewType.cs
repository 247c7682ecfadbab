using System.Collections.Immutable;

namespace MlNetDl.Pipelines;

/// <summary>The type of a data view column, as in ML.NET: a primitive (number, boolean, text, key) or a
/// fixed-size vector of Single. Types compare by value; <see cref="RawType"/> is the .NET type a getter returns.</summary>
public abstract class DataViewType : IEquatable<DataViewType>
{
    private protected DataViewType(Type rawType) => RawType = rawType;

    /// <summary>The .NET type of one value (for a vector: the item type of its elements).</summary>
    public Type RawType { get; }

    public abstract bool Equals(DataViewType? other);

    public override bool Equals(object? obj) => obj is DataViewType t && Equals(t);

    public override int GetHashCode() => (ToString() ?? "").GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(DataViewType? a, DataViewType? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(DataViewType? a, DataViewType? b) => !(a == b);
}

/// <summary>A scalar type: numbers, <see cref="BooleanDataViewType"/>, <see cref="TextDataViewType"/>, keys.</summary>
public abstract class PrimitiveDataViewType : DataViewType
{
    private protected PrimitiveDataViewType(Type rawType) : base(rawType) { }
}

/// <summary>Numbers: <see cref="Single"/>, <see cref="Double"/>, <see cref="Int32"/>, <see cref="Int64"/>, <see cref="UInt32"/>.</summary>
public sealed class NumberDataViewType : PrimitiveDataViewType
{
    private NumberDataViewType(Type rawType) : base(rawType) { }

    public static NumberDataViewType Single { get; } = new(typeof(float));
    public static NumberDataViewType Double { get; } = new(typeof(double));
    public static NumberDataViewType Int32 { get; } = new(typeof(int));
    public static NumberDataViewType Int64 { get; } = new(typeof(long));
    public static NumberDataViewType UInt32 { get; } = new(typeof(uint));

    public override bool Equals(DataViewType? other) => other is NumberDataViewType n && n.RawType == RawType;

    public override string ToString() => RawType.Name;
}

public sealed class BooleanDataViewType : PrimitiveDataViewType
{
    private BooleanDataViewType() : base(typeof(bool)) { }

    public static BooleanDataViewType Instance { get; } = new();

    public override bool Equals(DataViewType? other) => other is BooleanDataViewType;

    public override string ToString() => "Boolean";
}

/// <summary>Text; values are <see cref="string"/> (ML.NET uses ReadOnlyMemory&lt;char&gt;).</summary>
public sealed class TextDataViewType : PrimitiveDataViewType
{
    private TextDataViewType() : base(typeof(string)) { }

    public static TextDataViewType Instance { get; } = new();

    public override bool Equals(DataViewType? other) => other is TextDataViewType;

    public override string ToString() => "String";
}

/// <summary>A key (categorical index) as in ML.NET: UInt32 values 1..<see cref="Count"/>, 0 meaning missing.
/// Labels of classifiers are keys; a batch tensor of a key column holds zero-based class indices.</summary>
public sealed class KeyDataViewType : PrimitiveDataViewType
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is 0 or over UInt32.MaxValue.</exception>
    public KeyDataViewType(Type type, ulong count) : base(type)
    {
        if (type != typeof(uint))
        {
            throw new ArgumentException($"KeyDataViewType: only UInt32 keys are supported; got {type.Name}.", nameof(type));
        }
        if (count == 0 || count > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"KeyDataViewType: count must be in [1, {uint.MaxValue}]. Got {count}.");
        }
        Count = count;
    }

    /// <summary>The number of key values (classes).</summary>
    public ulong Count { get; }

    public override bool Equals(DataViewType? other) => other is KeyDataViewType k && k.Count == Count;

    public override string ToString() => $"Key<UInt32, 0-{Count - 1}>";
}

/// <summary>A fixed-size vector with a logical shape, e.g. [1, 28, 28] for images (Size = product of dims).</summary>
public sealed class VectorDataViewType : DataViewType
{
    /// <param name="itemType">Only <see cref="NumberDataViewType.Single"/> is stored by the in-memory views.</param>
    /// <param name="dimensions">Positive sizes; none means a one-dimensional vector of unknown size (size 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    public VectorDataViewType(PrimitiveDataViewType itemType, params int[] dimensions) : base(itemType.RawType)
    {
        ArgumentNullException.ThrowIfNull(itemType);
        ArgumentNullException.ThrowIfNull(dimensions);
        long size = 1;
        foreach (int d in dimensions)
        {
            if (d <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dimensions), $"VectorDataViewType: dimensions must be positive; got [{string.Join(", ", dimensions)}].");
            }
            size = checked(size * d);
        }
        ItemType = itemType;
        Dimensions = [.. dimensions];
        Size = dimensions.Length == 0 ? 0 : checked((int)size);
    }

    public PrimitiveDataViewType ItemType { get; }

    public ImmutableArray<int> Dimensions { get; }

    /// <summary>Number of items; 0 when unknown.</summary>
    public int Size { get; }

    public bool IsKnownSize => Size > 0;

    public override bool Equals(DataViewType? other) =>
        other is VectorDataViewType v && v.ItemType.Equals(ItemType) && v.Dimensions.SequenceEqual(Dimensions);

    public override string ToString() =>
        Dimensions.Length == 0 ? $"Vector<{ItemType}>" : $"Vector<{ItemType}, {string.Join(", ", Dimensions)}>";
}
