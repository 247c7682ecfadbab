using System.Globalization;
using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

/// <summary>
/// A learned dictionary value → key (1..Count; 0 = missing) over one scalar type. Missing values — NaN for
/// Single/Double, null for String — never get a key; the empty string is an ordinary value.
/// </summary>
internal abstract class KeyMap
{
    /// <summary>The value types that can be mapped to keys, for messages.</summary>
    public const string SupportedTypes = "String, Single, Double, Int32 or Int64";

    public static readonly ColumnRequirement Requirement = new(SupportedTypes,
        c => c.Kind == SchemaShape.VectorKind.Scalar && !c.IsKey && IsSupported(c.ItemType));

    public static bool IsSupported(DataViewType t) =>
        t == TextDataViewType.Instance || t == NumberDataViewType.Single || t == NumberDataViewType.Double ||
        t == NumberDataViewType.Int32 || t == NumberDataViewType.Int64;

    public abstract PrimitiveDataViewType ValueType { get; }

    public abstract int Count { get; }

    /// <summary>The values in key order (key k ↔ Values[k − 1]) as a typed array.</summary>
    public abstract Array Values { get; }

    /// <summary>The values as invariant-culture text ("R" round-trip format for floating point).</summary>
    public abstract string[] TextValues { get; }

    /// <summary>A lazy key column over <paramref name="source"/> (unknown values → 0).</summary>
    public abstract ScalarColumn<uint> MapColumn(DataColumn source, KeyDataViewType keyType);

    /// <summary>Learns the dictionary from the first occurrences in <paramref name="source"/>; ByValue sorts the kept
    /// values (ordinal for text) after <paramref name="maximumNumberOfKeys"/> have been collected in occurrence order.</summary>
    public static KeyMap Learn(DataColumn source, int maximumNumberOfKeys, KeyOrdinality ordinality) => source switch
    {
        ScalarColumn<string> s => KeyMap<string>.Learn(s, maximumNumberOfKeys, ordinality, TextDataViewType.Instance),
        ScalarColumn<float> s => KeyMap<float>.Learn(s, maximumNumberOfKeys, ordinality, NumberDataViewType.Single),
        ScalarColumn<double> s => KeyMap<double>.Learn(s, maximumNumberOfKeys, ordinality, NumberDataViewType.Double),
        ScalarColumn<int> s => KeyMap<int>.Learn(s, maximumNumberOfKeys, ordinality, NumberDataViewType.Int32),
        ScalarColumn<long> s => KeyMap<long>.Learn(s, maximumNumberOfKeys, ordinality, NumberDataViewType.Int64),
        _ => throw new ArgumentException($"Cannot map values of type {source.Type} to keys; supported: {SupportedTypes}."),
    };

    public static KeyMap FromValues(Array values) => values switch
    {
        string[] v => new KeyMap<string>(v, TextDataViewType.Instance),
        float[] v => new KeyMap<float>(v, NumberDataViewType.Single),
        double[] v => new KeyMap<double>(v, NumberDataViewType.Double),
        int[] v => new KeyMap<int>(v, NumberDataViewType.Int32),
        long[] v => new KeyMap<long>(v, NumberDataViewType.Int64),
        _ => throw new ArgumentException($"Key values of type {values.GetType().Name} are not supported; supported: {SupportedTypes}."),
    };

    /// <summary>Saves numeric values as an exact tensor (text values go in the caller's options).</summary>
    public void Save(ModelSaveContext context, string name)
    {
        switch (Values)
        {
            case float[] f: context.AddTensor(name, f); break;
            case double[] d: context.AddTensor(name, d); break;
            case int[] i: context.AddTensor(name, i); break;
            case long[] l: context.AddTensor(name, l); break;
        }
    }

    /// <summary>Reads values saved by <see cref="Save"/> (text comes from the options).</summary>
    public static KeyMap Load(ModelLoadContext context, string name, string valueType, string[]? text) => valueType switch
    {
        "String" => FromValues(text ?? throw context.Error("the text key values are missing.")),
        "Single" => FromValues(context.GetFloats(name)),
        "Double" => FromValues(context.GetDoubles(name)),
        "Int32" => FromValues(context.GetInt32s(name)),
        "Int64" => FromValues(context.GetInt64s(name)),
        _ => throw context.Error($"unknown key value type '{valueType}'; expected {SupportedTypes}."),
    };

    /// <summary>The value a missing or out-of-range key maps back to: NaN, 0 or "".</summary>
    public static object MissingValue(PrimitiveDataViewType type) =>
        type == NumberDataViewType.Single ? float.NaN : type == NumberDataViewType.Double ? double.NaN
        : type == NumberDataViewType.Int32 ? 0 : type == NumberDataViewType.Int64 ? 0L : "";
}

internal sealed class KeyMap<T> : KeyMap where T : notnull
{
    private readonly T[] _values;
    private readonly Dictionary<T, uint> _keys;

    public KeyMap(T[] values, PrimitiveDataViewType type)
    {
        _values = values;
        ValueType = type;
        _keys = new Dictionary<T, uint>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (IsMissing(values[i]) || !_keys.TryAdd(values[i], (uint)(i + 1)))
            {
                throw new ArgumentException($"Key values must be distinct and not missing; value {i} ({Format(values[i])}) is not.");
            }
        }
    }

    public override PrimitiveDataViewType ValueType { get; }

    public override int Count => _values.Length;

    public override Array Values => _values;

    public T[] TypedValues => _values;

    public override string[] TextValues => [.. _values.Select(Format)];

    public uint KeyOf(T? value) => value is not null && !IsMissing(value) && _keys.TryGetValue(value, out uint k) ? k : 0;

    public override ScalarColumn<uint> MapColumn(DataColumn source, KeyDataViewType keyType) =>
        new KeyColumn(this, (ScalarColumn<T>)source, keyType);

    public static KeyMap<T> Learn(ScalarColumn<T> source, int maximum, KeyOrdinality ordinality, PrimitiveDataViewType type)
    {
        var seen = new HashSet<T>();
        var order = new List<T>();
        var block = new T[Math.Min(4096, Math.Max(1, source.Length))];
        for (int start = 0; start < source.Length && order.Count < maximum; start += block.Length)
        {
            int count = Math.Min(block.Length, source.Length - start);
            source.CopyRows(start, count, block);
            for (int i = 0; i < count && order.Count < maximum; i++)
            {
                var v = block[i];
                if (v is not null && !IsMissing(v) && seen.Add(v))
                {
                    order.Add(v);
                }
            }
        }
        var values = order.ToArray();
        if (ordinality == KeyOrdinality.ByValue)
        {
            if (values is string[] text)
            {
                Array.Sort(text, StringComparer.Ordinal);
            }
            else
            {
                Array.Sort(values);
            }
        }
        return new KeyMap<T>(values, type);
    }

    private static bool IsMissing(T value) => value switch
    {
        float f => float.IsNaN(f),
        double d => double.IsNaN(d),
        _ => false,
    };

    private static string Format(T value) => value switch
    {
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Keys of a value column, looked up on read.</summary>
    private sealed class KeyColumn(KeyMap<T> map, ScalarColumn<T> source, KeyDataViewType keyType) : ScalarColumn<uint>(keyType, source.Length)
    {
        public override uint GetValue(int row) => map.KeyOf(source.GetValue(row));
    }
}
