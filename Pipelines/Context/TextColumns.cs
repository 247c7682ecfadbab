using System.Globalization;
using MlNetDl.Pipelines.Loaders;

namespace MlNetDl.Pipelines;

/// <summary>Turns fields of a parsed text table into a typed column for <see cref="DataOperationsCatalog.LoadFromTextFile{TInput}"/>.</summary>
internal static class TextColumns
{
    public static void Add(DataViewBuilder builder, CsvTable table, string name, Type type, IReadOnlyList<int> indices, string member, string path)
    {
        if (type == typeof(float[]))
        {
            int rows = table.RowCount, k = indices.Count;
            var data = new float[rows * k];
            for (int j = 0; j < k; j++)
            {
                var column = Floats(table, indices[j], member, path);
                for (int r = 0; r < rows; r++)
                {
                    data[r * k + j] = column[r];
                }
            }

            builder.AddVector(name, data, k);
            return;
        }

        if (indices.Count != 1)
        {
            throw new InvalidOperationException($"{member}: a {type.Name} member reads one field, but [LoadColumn] names {indices.Count}; use float[] for a vector.");
        }

        int i = indices[0];
        if (type == typeof(string))
        {
            builder.AddString(name, table.Columns[i] is string[] s ? s : Array.ConvertAll((float[])table.Columns[i], v => v.ToString(CultureInfo.InvariantCulture)));
        }
        else if (type == typeof(float))
        {
            builder.AddSingle(name, Floats(table, i, member, path));
        }
        else if (type == typeof(double))
        {
            builder.AddDouble(name, Array.ConvertAll(Floats(table, i, member, path), v => (double)v));
        }
        else if (type == typeof(int))
        {
            builder.AddInt32(name, Array.ConvertAll(Floats(table, i, member, path), v => (int)v));
        }
        else if (type == typeof(long))
        {
            builder.AddInt64(name, Array.ConvertAll(Floats(table, i, member, path), v => (long)v));
        }
        else if (type == typeof(bool))
        {
            builder.AddBoolean(name, Array.ConvertAll(Floats(table, i, member, path), v => v != 0));
        }
        else
        {
            throw new InvalidOperationException($"{member}: member type {type.Name} is not supported by LoadFromTextFile (float, double, int, long, bool, string, float[]).");
        }
    }

    private static float[] Floats(CsvTable table, int index, string member, string path) =>
        table.Columns[index] as float[]
        ?? throw new InvalidDataException($"{path}: field {index} ('{table.ColumnNames[index]}') read by {member} is not numeric.");
}
