namespace MlNetDl.Pipelines;

/// <summary>LoadFromEnumerable: reads the objects once into stored columns (one array per column).</summary>
internal static class EnumerableLoader
{
    public static InMemoryDataView Load<TRow>(IEnumerable<TRow> data, SchemaDefinition? definition) where TRow : class
    {
        ArgumentNullException.ThrowIfNull(data);
        definition ??= SchemaDefinition.Create(typeof(TRow));
        var builders = definition.Select(c => Builder(typeof(TRow), c)).ToArray();
        int row = 0;
        foreach (var item in data)
        {
            if (item is null)
            {
                throw new ArgumentException($"LoadFromEnumerable<{typeof(TRow).Name}>: row {row} is null.", nameof(data));
            }
            foreach (var b in builders)
            {
                b.Add(item, row);
            }
            row++;
        }
        return new InMemoryDataView(definition.Select((c, i) => new KeyValuePair<string, DataColumn>(c.ColumnName, builders[i].Build())));
    }

    private static ColumnBuilder Builder(Type owner, SchemaDefinition.Column column)
    {
        var get = MemberAccess.Getter(owner, column.Member);
        string where = $"LoadFromEnumerable<{owner.Name}>: {column.Describe(owner)}";
        return column.ColumnType switch
        {
            VectorDataViewType v when column.MemberType == typeof(float[]) => new VectorBuilder(get, v, where),
            PrimitiveDataViewType p when p.RawType == column.MemberType => (ColumnBuilder)Activator.CreateInstance(
                typeof(ScalarBuilder<>).MakeGenericType(p.RawType), get, p)!,
            _ => throw new ArgumentException($"{where}: type {column.ColumnType} does not fit a member of type {column.MemberType.Name}."),
        };
    }

    private abstract class ColumnBuilder
    {
        public abstract void Add(object item, int row);

        public abstract DataColumn Build();
    }

    private sealed class ScalarBuilder<T>(Func<object, object?> get, PrimitiveDataViewType type) : ColumnBuilder
    {
        private readonly List<T> _values = [];

        public override void Add(object item, int row) => _values.Add(get(item) is T v ? v : default!);

        public override DataColumn Build() => new ArrayColumn<T>([.. _values], type);
    }

    private sealed class VectorBuilder(Func<object, object?> get, VectorDataViewType type, string where) : ColumnBuilder
    {
        private readonly List<float> _values = [];
        private int _size = type.Size;
        private int _rows;

        public override void Add(object item, int row)
        {
            if (get(item) is not float[] vector)
            {
                throw new ArgumentException($"{where}: row {row} has a null vector.");
            }
            if (_size == 0)
            {
                _size = vector.Length;
            }
            if (vector.Length != _size)
            {
                throw new ArgumentException(type.IsKnownSize
                    ? $"{where}: row {row} has {vector.Length} values but its type is {type} ({type.Size} values)."
                    : $"{where}: row {row} has {vector.Length} values but row 0 had {_size}; vectors must all have the same size (declare it with [VectorType]).");
            }
            _values.AddRange(vector);
            _rows++;
        }

        public override DataColumn Build()
        {
            if (_size == 0)
            {
                throw new ArgumentException($"{where}: the vector size is unknown (no rows, or empty vectors); declare it with [VectorType(size)].");
            }
            int[] dims = type.IsKnownSize ? [.. type.Dimensions] : [_size];
            return new DenseVectorColumn([.. _values], dims);
        }
    }
}
