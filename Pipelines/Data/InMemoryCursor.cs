namespace MlNetDl.Pipelines;

/// <summary>Row cursor over an <see cref="InMemoryDataView"/>, optionally in a shuffled order.</summary>
internal sealed class InMemoryCursor : DataViewRowCursor
{
    private readonly InMemoryDataView _view;
    private readonly int[]? _order;
    private int _position = -1;

    public InMemoryCursor(InMemoryDataView view, int[]? order)
    {
        _view = view;
        _order = order;
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    private int Row => _order is null ? _position : _order[_position];

    public override bool MoveNext()
    {
        if (_position + 1 >= _view.RowCount)
        {
            _position = _view.RowCount;
            return false;
        }
        _position++;
        return true;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= Schema.Count || Schema[column.Index].Name != column.Name)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' is not column {column.Index} of this cursor's schema; available: {Schema.AvailableNames()}.");
        }
        var data = _view.GetColumn(column.Index);
        switch (data)
        {
            case ScalarColumn<TValue> scalar:
                return (ref TValue value) => value = scalar.GetValue(CheckedRow());
            case VectorColumn vector when typeof(TValue) == typeof(ReadOnlyMemory<float>):
                {
                    float[]? buffer = null;
                    ValueGetter<ReadOnlyMemory<float>> getter = (ref ReadOnlyMemory<float> value) =>
                    {
                        int row = CheckedRow();
                        if (!vector.TryGetMemory(row, 1, out value))
                        {
                            buffer ??= new float[vector.Size];
                            vector.CopyRows(row, 1, buffer);
                            value = buffer;
                        }
                    };
                    return (ValueGetter<TValue>)(object)getter;
                }
            case VectorColumn vector when typeof(TValue) == typeof(float[]):
                {
                    ValueGetter<float[]> getter = (ref float[] value) =>
                    {
                        int row = CheckedRow();
                        if (value is null || value.Length != vector.Size)
                        {
                            value = new float[vector.Size];
                        }
                        vector.CopyRows(row, 1, value);
                    };
                    return (ValueGetter<TValue>)(object)getter;
                }
            default:
                throw GetterTypeMismatch<TValue>(column);
        }
    }

    private int CheckedRow()
    {
        if (_position < 0 || _position >= _view.RowCount)
        {
            throw new InvalidOperationException(_position < 0
                ? "The cursor is before the first row: call MoveNext() before reading values."
                : "The cursor is past the last row.");
        }
        return Row;
    }
}
