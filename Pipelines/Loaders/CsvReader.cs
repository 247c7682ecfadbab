using System.Globalization;
using System.Text;

namespace MlNetDl.Pipelines.Loaders;

/// <summary>
/// RFC 4180 CSV reader (plain or gzip): quoted fields with separators, line breaks and doubled quotes inside,
/// a header line, typed columns (inferred or explicit). Blank lines are skipped.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads the whole file into typed columns.</summary>
    /// <exception cref="InvalidDataException">A row with the wrong number of fields (1-based line, expected and actual counts), an unterminated quote, or a non-numeric value in an explicit Float32 column.</exception>
    /// <exception cref="ArgumentException">Invalid options, or a column in <see cref="CsvOptions.ColumnTypes"/> that the file does not have.</exception>
    public static CsvTable Read(string path, CsvOptions? options = null)
    {
        options ??= new CsvOptions();
        options.Validate();
        var (stream, _) = BinaryData.Open(path);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var tokenizer = new CsvTokenizer(reader, options, path);
        for (int i = 0; i < options.SkipLines; i++)
        {
            tokenizer.SkipLine();
        }

        string[]? names = null;
        if (options.HasHeader)
        {
            names = tokenizer.Next(out _)?.Select(n => n.Trim()).ToArray()
                ?? throw new InvalidDataException($"{path}: the file is empty; expected a header line.");
        }

        var columns = new List<List<string>>();
        int width = names?.Length ?? options.ColumnNames?.Count ?? -1;
        int firstDataLine = -1;
        var lines = new List<int>();
        while (tokenizer.Next(out int line) is { } fields)
        {
            if (width < 0)
            {
                width = fields.Count;
            }

            if (fields.Count != width)
            {
                string source = names is not null ? "the header" : options.ColumnNames is not null ? "CsvOptions.ColumnNames" : $"the first row (line {firstDataLine})";
                throw new InvalidDataException($"{path}: line {line} has {fields.Count} fields but {source} has {width}.");
            }

            if (firstDataLine < 0)
            {
                firstDataLine = line;
                for (int j = 0; j < width; j++)
                {
                    columns.Add([]);
                }
            }

            lines.Add(line);
            for (int j = 0; j < width; j++)
            {
                columns[j].Add(fields[j]);
            }
        }

        width = Math.Max(width, 0);
        names ??= options.ColumnNames?.ToArray() ?? Enumerable.Range(0, width).Select(j => $"Column{j}").ToArray();
        if (columns.Count == 0)
        {
            columns.AddRange(Enumerable.Range(0, width).Select(_ => new List<string>()));
        }

        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{path}: column name '{duplicate.Key}' appears more than once in the header.");
        }

        foreach (var name in options.ColumnTypes?.Keys ?? [])
        {
            if (Array.IndexOf(names, name) < 0)
            {
                throw new ArgumentException($"{path}: CsvOptions.ColumnTypes names column '{name}', which the file does not have; columns: {string.Join(", ", names.Select(c => $"'{c}'"))}.");
            }
        }

        var missing = options.MissingValues.ToHashSet(StringComparer.Ordinal);
        var typed = new Array[width];
        for (int j = 0; j < width; j++)
        {
            CsvColumnType? type = options.ColumnTypes is { } ct && ct.TryGetValue(names[j], out var t) ? t : options.DefaultType;
            typed[j] = Convert(columns[j], type, missing, path, names[j], lines);
            columns[j] = null!; // let the strings go as soon as the column is converted
        }

        return new CsvTable(names, typed);
    }

    private static Array Convert(List<string> values, CsvColumnType? type, HashSet<string> missing, string path, string name, List<int> lines)
    {
        if (type == CsvColumnType.String)
        {
            return values.ToArray();
        }

        var result = new float[values.Count];
        var isMissing = missing.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i].AsSpan().Trim();
            if (isMissing.Contains(v))
            {
                result[i] = float.NaN;
            }
            else if (!float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
            {
                if (type is null)
                {
                    return values.ToArray(); // inference: one non-number makes the column String
                }

                throw new InvalidDataException($"{path}: column '{name}' is Float32 but line {lines[i]} holds '{values[i]}', which is not an invariant-culture number.");
            }
        }

        return result;
    }
}
