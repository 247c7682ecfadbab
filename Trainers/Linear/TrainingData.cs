using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Linear;

/// <summary>Reads a trainer's columns into arrays: features as row-major float[rows × features] and the label
/// column in the type the task needs. Every check reports the schema-mismatch template naming the trainer.</summary>
internal static class TrainingData
{
    /// <summary>The Single-vector feature column and its size.</summary>
    /// <exception cref="SchemaMismatchException">Missing or not a known-size Single vector.</exception>
    public static int FeatureSize(DataViewSchema schema, string component, string column) =>
        ((VectorDataViewType)ColumnRequirement.SingleVector.Check(schema, component, column)).Size;

    public static (float[] X, int Rows, int Features) Features(InMemoryDataView view, string component, string column)
    {
        int d = FeatureSize(view.Schema, component, column);
        var x = new float[(long)view.RowCount * d];
        ((VectorColumn)view.GetColumn(column)).CopyRows(0, view.RowCount, x);
        return (x, view.RowCount, d);
    }

    public static T[] Scalars<T>(InMemoryDataView view, string component, string column, ColumnRequirement requirement)
    {
        requirement.Check(view.Schema, component, column);
        var values = new T[view.RowCount];
        ((ScalarColumn<T>)view.GetColumn(column)).CopyRows(0, view.RowCount, values);
        return values;
    }

    /// <summary>Zero-based class indices of a key label and the class count.</summary>
    /// <exception cref="InvalidDataException">A row's key is missing (0).</exception>
    public static (int[] Classes, int Count) Keys(InMemoryDataView view, string component, string column)
    {
        var type = (KeyDataViewType)ColumnRequirement.Key.Check(view.Schema, component, column);
        var keys = Scalars<uint>(view, component, column, ColumnRequirement.Key);
        var classes = new int[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            classes[i] = keys[i] == 0
                ? throw new InvalidDataException($"{component}: row {i} of label column '{column}' is a missing key; every training row needs a label.")
                : (int)keys[i] - 1;
        }
        return (classes, checked((int)type.Count));
    }

    /// <summary>Throws when the data has no rows or non-finite values (they would silently poison a closed-form fit).</summary>
    public static void CheckFinite(string component, string column, ReadOnlySpan<float> values, int rows)
    {
        if (rows == 0)
        {
            throw new InvalidOperationException($"{component}: the training data has no rows.");
        }
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new InvalidDataException($"{component}: column '{column}' holds a non-finite value ({values[i]}) at flat index {i}; clean or impute the data first.");
            }
        }
    }

    /// <summary>The input shape with the given output columns added (after checking the inputs).</summary>
    public static SchemaShape WithOutputs(SchemaShape input, params (string Name, DataViewType Type)[] outputs) =>
        input.With(outputs.Select(o => SchemaShape.Column.FromType(o.Name, o.Type)));
}
