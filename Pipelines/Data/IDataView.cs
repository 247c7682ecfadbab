namespace MlNetDl.Pipelines;

/// <summary>Reads one value of the cursor's current row into <paramref name="value"/> (reusing it when it is
/// a buffer of the right size, as ML.NET's getters do).</summary>
public delegate void ValueGetter<TValue>(ref TValue value);

/// <summary>
/// A table of typed, named columns that is read through row cursors (ML.NET's IDataView). Views are immutable:
/// a transform returns a new view. The built-in views are <see cref="InMemoryDataView"/>s (random access,
/// batches without copying); a custom streaming view only needs this interface.
/// </summary>
public interface IDataView
{
    DataViewSchema Schema { get; }

    /// <summary>Whether <see cref="GetRowCursor"/> honours a <see cref="Random"/> to shuffle rows.</summary>
    bool CanShuffle { get; }

    /// <summary>The number of rows, or null when it is not known without a pass over the data.</summary>
    long? GetRowCount();

    /// <summary>A forward cursor over the rows. <paramref name="columnsNeeded"/> says which columns will be read
    /// (views may skip the others); with <paramref name="rand"/> and <see cref="CanShuffle"/>, rows come shuffled.</summary>
    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);
}

/// <summary>A forward-only cursor over a data view's rows. Start before the first row: call
/// <see cref="MoveNext"/> first. Not thread-safe. Values read through getters are valid until the next move.</summary>
public abstract class DataViewRowCursor : IDisposable
{
    public abstract DataViewSchema Schema { get; }

    /// <summary>Index of the current row in cursor order; -1 before the first <see cref="MoveNext"/>.</summary>
    public abstract long Position { get; }

    public abstract bool MoveNext();

    public virtual bool IsColumnActive(DataViewSchema.Column column) => true;

    /// <summary>A getter for <paramref name="column"/> as <typeparamref name="TValue"/>: the column's raw type for
    /// scalars (UInt32 for keys), <c>ReadOnlyMemory&lt;float&gt;</c> or <c>float[]</c> for vectors.</summary>
    /// <exception cref="InvalidOperationException">The column cannot be read as <typeparamref name="TValue"/>; the
    /// message names the column, its type and the requested type.</exception>
    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    /// <summary>Throws the standard message for a getter of the wrong type.</summary>
    protected static InvalidOperationException GetterTypeMismatch<TValue>(DataViewSchema.Column column) =>
        new($"GetGetter<{TypeName(typeof(TValue))}>: column '{column.Name}' has type {column.Type} and cannot be read as " +
            $"{TypeName(typeof(TValue))}; read it as {ExpectedValueType(column.Type)}.");

    internal static string ExpectedValueType(DataViewType type) =>
        type is VectorDataViewType ? "ReadOnlyMemory<Single> or Single[]" : type.RawType.Name;

    internal static string TypeName(Type t) =>
        t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(TypeName))}>" : t.Name;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing) { }
}

/// <summary>Conveniences over <see cref="IDataView"/> and <see cref="DataViewRowCursor"/>.</summary>
public static class DataViewExtensions
{
    /// <summary>A cursor that can read every column, in row order.</summary>
    public static DataViewRowCursor GetRowCursorForAllColumns(this IDataView view) => view.GetRowCursor(view.Schema);

    /// <summary>A getter by column name.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such column; the message lists the available ones.</exception>
    public static ValueGetter<TValue> GetGetter<TValue>(this DataViewRowCursor cursor, string columnName) =>
        cursor.GetGetter<TValue>(cursor.Schema[columnName]);

    /// <summary>All values of one column, in row order (a copy; for tests and small data).</summary>
    public static IEnumerable<TValue> GetColumn<TValue>(this IDataView view, string columnName)
    {
        var column = view.Schema[columnName];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<TValue>(column);
        while (cursor.MoveNext())
        {
            TValue value = default!;
            getter(ref value);
            yield return value; // a fresh value each row: the getter allocates when given none
        }
    }

    /// <summary>A preview of the first rows as column name → value strings (for debugging and tests).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Preview(this IDataView view, int maxRows = 10)
    {
        var view2 = InMemoryDataView.From(view);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        for (int r = 0; r < Math.Min(maxRows, view2.RowCount); r++)
        {
            rows.Add(view2.Schema.ToDictionary(c => c.Name, c => view2.FormatValue(c.Index, r)));
        }
        return rows;
    }
}
