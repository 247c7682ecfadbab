namespace MlNetDl.Pipelines.Loaders;

/// <summary>Type of a CSV column in a <see cref="CsvTable"/>: float[] (missing → NaN) or string[].</summary>
public enum CsvColumnType
{
    Float32,
    String,
}

/// <summary>
/// Options of <see cref="CsvReader"/>. Defaults: header line, ',' separator, '"' quotes (RFC 4180), each column
/// inferred (Float32 when every non-missing value parses as an invariant-culture number, else String), empty
/// fields missing.
/// </summary>
public sealed record CsvOptions
{
    /// <summary>Whether the first line (after <see cref="SkipLines"/>) holds the column names.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Field separator. With <see cref="MergeSeparators"/>, runs of it count as one (whitespace-separated files).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Treat consecutive separators as one and ignore them at line starts and ends (as NumPy's loadtxt does for whitespace).</summary>
    public bool MergeSeparators { get; init; }

    /// <summary>Quote character: quoted fields may contain separators, line breaks and doubled quotes.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>Lines skipped before the header or data (e.g. the "569,30,malignant,benign" line of sklearn's files).</summary>
    public int SkipLines { get; init; }

    /// <summary>Column names when there is no header (default "Column0", "Column1", …); with a header, must be null.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>Explicit types by column name; the other columns get <see cref="DefaultType"/> (or inference when null).</summary>
    public IReadOnlyDictionary<string, CsvColumnType>? ColumnTypes { get; init; }

    /// <summary>Type of the columns not in <see cref="ColumnTypes"/>; null infers per column.</summary>
    public CsvColumnType? DefaultType { get; init; }

    /// <summary>Field values (after trimming spaces) that mean "missing": NaN in Float32 columns, kept as is in String columns.</summary>
    public IReadOnlyList<string> MissingValues { get; init; } = [""];

    internal void Validate()
    {
        if (Separator == Quote || Separator is '\n' or '\r')
        {
            throw new ArgumentException($"CsvOptions.Separator must differ from the quote and from line breaks; got '{Separator}'.");
        }

        if (SkipLines < 0)
        {
            throw new ArgumentException($"CsvOptions.SkipLines must be >= 0; got {SkipLines}.");
        }

        if (HasHeader && ColumnNames is not null)
        {
            throw new ArgumentException("CsvOptions.ColumnNames is for files without a header; set HasHeader = false or drop ColumnNames.");
        }
    }
}

/// <summary>A parsed CSV file: column names and one typed array per column (float[] or string[]), all of <see cref="RowCount"/> rows.</summary>
public sealed record CsvTable(string[] ColumnNames, Array[] Columns)
{
    public int RowCount => Columns.Length == 0 ? 0 : Columns[0].Length;

    public CsvColumnType ColumnType(int column) => Columns[column] is float[] ? CsvColumnType.Float32 : CsvColumnType.String;

    /// <exception cref="ArgumentException">No column of that name (the message lists the columns).</exception>
    public int IndexOf(string name)
    {
        int i = Array.IndexOf(ColumnNames, name);
        return i >= 0 ? i : throw new ArgumentException($"CSV has no column '{name}'; columns: {string.Join(", ", ColumnNames.Select(c => $"'{c}'"))}.", nameof(name));
    }

    /// <exception cref="ArgumentException">Unknown column, or a String column.</exception>
    public float[] GetFloat32(string name) => Columns[IndexOf(name)] as float[]
        ?? throw new ArgumentException($"CSV column '{name}' is String, not Float32.", nameof(name));

    /// <exception cref="ArgumentException">Unknown column, or a Float32 column.</exception>
    public string[] GetString(string name) => Columns[IndexOf(name)] as string[]
        ?? throw new ArgumentException($"CSV column '{name}' is Float32, not String.", nameof(name));

    /// <summary>The named Float32 columns (all of them when none named) as a row-major float[RowCount × columns] matrix.</summary>
    public float[] ToMatrix(params string[] columns)
    {
        var cols = (columns.Length == 0 ? ColumnNames.Where((_, i) => Columns[i] is float[]).ToArray() : columns).Select(GetFloat32).ToArray();
        int n = RowCount, d = cols.Length;
        var m = new float[(long)n * d];
        for (int j = 0; j < d; j++)
        {
            var c = cols[j];
            for (int r = 0; r < n; r++)
            {
                m[(long)r * d + j] = c[r];
            }
        }

        return m;
    }
}
