namespace MlNetDl.Pipelines;

/// <summary>CreateEnumerable: reads rows of any data view into objects through cursor getters.</summary>
internal static class EnumerableReader
{
    public static IEnumerable<TRow> Read<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns, SchemaDefinition? definition, TRow? target = null)
        where TRow : class, new()
    {
        ArgumentNullException.ThrowIfNull(data);
        definition ??= SchemaDefinition.Create(typeof(TRow));
        string component = $"CreateEnumerable<{typeof(TRow).Name}>";
        var shape = SchemaShape.Create(data.Schema);
        var bound = new List<(SchemaDefinition.Column Column, DataViewSchema.Column Source, Action<object, object?> Set, Func<object, object?> Get)>();
        foreach (var c in definition)
        {
            if (data.Schema.GetColumnOrNull(c.ColumnName) is not { } source)
            {
                if (ignoreMissingColumns)
                {
                    continue;
                }
                throw new SchemaMismatchException(component, c.ColumnName, Expected(c), null, data.Schema.AvailableNames());
            }
            if (!Accepts(c, source.Type))
            {
                throw new SchemaMismatchException(component, c.ColumnName, Expected(c), source.Type.ToString(), shape.AvailableNames());
            }
            var get = c.MemberType == typeof(float[]) ? MemberAccess.Getter(typeof(TRow), c.Member) : (_ => null);
            bound.Add((c, source, MemberAccess.Setter(typeof(TRow), c.Member), get));
        }
        return Rows(data, reuseRowObject, bound, target);
    }

    private static IEnumerable<TRow> Rows<TRow>(IDataView data, bool reuse,
        List<(SchemaDefinition.Column Column, DataViewSchema.Column Source, Action<object, object?> Set, Func<object, object?> Get)> bound,
        TRow? shared) where TRow : class, new()
    {
        using var cursor = data.GetRowCursor(bound.Select(b => b.Source));
        var readers = bound.Select(b => Reader(cursor, b.Source, b.Column.MemberType, b.Set, b.Get)).ToArray();
        while (cursor.MoveNext())
        {
            var row = reuse ? shared ??= new TRow() : new TRow();
            foreach (var read in readers)
            {
                read(row, reuse);
            }
            yield return row;
        }
    }

    private static Action<object, bool> Reader(DataViewRowCursor cursor, DataViewSchema.Column source, Type memberType,
        Action<object, object?> set, Func<object, object?> get)
    {
        if (memberType == typeof(float[]))
        {
            var getter = cursor.GetGetter<float[]>(source);
            return (row, reuse) =>
            {
                // Reusing the object reuses its array too (the getter fills it when the size fits).
                var value = reuse ? (float[]?)get(row) : null;
                getter(ref value!);
                set(row, value);
            };
        }
        return (Action<object, bool>)typeof(EnumerableReader).GetMethod(nameof(ScalarReader), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(memberType).Invoke(null, [cursor, source, set])!;
    }

    private static Action<object, bool> ScalarReader<T>(DataViewRowCursor cursor, DataViewSchema.Column source, Action<object, object?> set)
    {
        var getter = cursor.GetGetter<T>(source);
        return (row, _) =>
        {
            T value = default!;
            getter(ref value);
            set(row, value);
        };
    }

    private static string Expected(SchemaDefinition.Column c) => c.ColumnType switch
    {
        VectorDataViewType v => v.ToString(),
        PrimitiveDataViewType p when p.RawType == typeof(uint) => p is KeyDataViewType ? p.ToString()! : "UInt32 or Key",
        var t => t.ToString()!,
    };

    private static bool Accepts(SchemaDefinition.Column c, DataViewType actual) => c.ColumnType switch
    {
        VectorDataViewType v => actual is VectorDataViewType a && a.ItemType == v.ItemType && (!v.IsKnownSize || a.Size == v.Size),
        KeyDataViewType => actual is KeyDataViewType || actual == NumberDataViewType.UInt32,
        PrimitiveDataViewType p when p.RawType == typeof(uint) => actual.RawType == typeof(uint) && actual is not VectorDataViewType,
        var t => actual == t,
    };
}
