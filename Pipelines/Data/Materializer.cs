namespace MlNetDl.Pipelines;

/// <summary>Reads any data view into stored columns with one cursor pass (used by Cache and by transforms
/// given a view that is not in memory).</summary>
internal static class Materializer
{
    public static InMemoryDataView ReadAll(IDataView view)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        var readers = view.Schema.Select(c => Reader(cursor, c)).ToArray();
        while (cursor.MoveNext())
        {
            foreach (var r in readers)
            {
                r.Read();
            }
        }
        return new InMemoryDataView(view.Schema.Select((c, i) => new KeyValuePair<string, DataColumn>(c.Name, readers[i].ToColumn())));
    }

    private abstract class ColumnReader
    {
        public abstract void Read();

        public abstract DataColumn ToColumn();
    }

    private sealed class ScalarReader<T>(ValueGetter<T> getter, PrimitiveDataViewType type) : ColumnReader
    {
        private readonly List<T> _values = [];

        public override void Read()
        {
            T value = default!;
            getter(ref value);
            _values.Add(value);
        }

        public override DataColumn ToColumn() => new ArrayColumn<T>([.. _values], type);
    }

    private sealed class VectorReader(ValueGetter<ReadOnlyMemory<float>> getter, VectorDataViewType type) : ColumnReader
    {
        private readonly List<float> _values = [];

        public override void Read()
        {
            ReadOnlyMemory<float> value = default;
            getter(ref value);
            if (value.Length != type.Size)
            {
                throw new InvalidDataException($"A row of vector column of type {type} has {value.Length} values; expected {type.Size}.");
            }
            _values.AddRange(value.Span);
        }

        public override DataColumn ToColumn() => new DenseVectorColumn([.. _values], [.. type.Dimensions]);
    }

    private static ColumnReader Reader(DataViewRowCursor cursor, DataViewSchema.Column c) => c.Type switch
    {
        VectorDataViewType v => new VectorReader(cursor.GetGetter<ReadOnlyMemory<float>>(c), v),
        PrimitiveDataViewType p when p.RawType == typeof(float) => new ScalarReader<float>(cursor.GetGetter<float>(c), p),
        PrimitiveDataViewType p when p.RawType == typeof(double) => new ScalarReader<double>(cursor.GetGetter<double>(c), p),
        PrimitiveDataViewType p when p.RawType == typeof(int) => new ScalarReader<int>(cursor.GetGetter<int>(c), p),
        PrimitiveDataViewType p when p.RawType == typeof(long) => new ScalarReader<long>(cursor.GetGetter<long>(c), p),
        PrimitiveDataViewType p when p.RawType == typeof(uint) => new ScalarReader<uint>(cursor.GetGetter<uint>(c), p),
        PrimitiveDataViewType p when p.RawType == typeof(bool) => new ScalarReader<bool>(cursor.GetGetter<bool>(c), p),
        PrimitiveDataViewType p when p.RawType == typeof(string) => new ScalarReader<string>(cursor.GetGetter<string>(c), p),
        _ => throw new NotSupportedException($"Column '{c.Name}' has type {c.Type}, which in-memory views cannot store."),
    };
}
