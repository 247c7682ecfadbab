using System.Runtime.CompilerServices;

namespace MlNetDl.Pipelines;

/// <summary>
/// The values behind the keys of a key type (ML.NET's KeyValues annotation; schemas here carry no annotations).
/// Attached to one <see cref="KeyDataViewType"/> instance: MapValueToKey attaches its dictionary to the key type of
/// its output column, every view and schema that passes the column on shares that instance, and MapKeyToValue
/// (or a trainer that reuses the label's key type for its predictions) finds the values again. Equal key types
/// that are different instances (e.g. read back from a model file) have no values unless attached again.
/// </summary>
public static class KeyValues
{
    private static readonly ConditionalWeakTable<KeyDataViewType, Array> Table = new();

    /// <summary>Attaches <paramref name="values"/> (one per key, key k ↔ values[k − 1]) to <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">The number of values differs from the key count, or values are already attached.</exception>
    public static void Attach(KeyDataViewType type, Array values)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        if ((ulong)values.LongLength != type.Count)
        {
            throw new ArgumentException($"KeyValues.Attach: {type} has {type.Count} keys but {values.LongLength} values were given.", nameof(values));
        }
        if (!Table.TryAdd(type, values))
        {
            throw new ArgumentException($"KeyValues.Attach: this {type} instance already has key values; create a new key type.", nameof(type));
        }
    }

    /// <summary>The values attached to this key type instance (a typed array: string[], float[], int[], ...), if any.</summary>
    public static bool TryGet(DataViewType? type, out Array values)
    {
        if (type is KeyDataViewType key && Table.TryGetValue(key, out var found))
        {
            values = found;
            return true;
        }
        values = Array.Empty<object>();
        return false;
    }

    /// <summary>The column type of the values attached to <paramref name="type"/>, or null.</summary>
    public static PrimitiveDataViewType? ValueType(DataViewType? type) =>
        TryGet(type, out var values) ? DataViewTypes.Of(values.GetType().GetElementType()!) : null;
}
