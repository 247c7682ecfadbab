namespace MlNetDl.Pipelines.Loaders;

/// <summary>
/// A small tabular dataset: <see cref="Features"/> row-major float[Count × FeatureCount]; <see cref="Labels"/> (classification,
/// with <see cref="TargetNames"/>) or <see cref="Targets"/> (regression).
/// </summary>
public sealed record TabularDataset(float[] Features, int FeatureCount, long[]? Labels, float[]? Targets, string[] TargetNames)
{
    public int Count => FeatureCount == 0 ? 0 : Features.Length / FeatureCount;
}

/// <summary>
/// scikit-learn's bundled toy datasets, read from the CSV files that Debian's <c>python3-sklearn</c> installs under
/// <see cref="DefaultDirectory"/> (no network). Same values as <c>sklearn.datasets.load_*</c>.
/// </summary>
public static class SklearnDatasets
{
    public const string DefaultDirectory = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    /// <summary>Breast cancer Wisconsin: 569 × 30, labels 0 = malignant, 1 = benign. The first line is "569,30,malignant,benign".</summary>
    /// <exception cref="FileNotFoundException">The file is absent (names the path and the package).</exception>
    /// <exception cref="InvalidDataException">The counts on the first line disagree with the data.</exception>
    public static TabularDataset LoadBreastCancer(string? path = null) => LoadCountedCsv(path ?? Path.Combine(DefaultDirectory, "breast_cancer.csv"));

    /// <summary>Digits: 1797 8×8 images as 64 features in 0…16, labels 0…9 (last column; no header; gzip).</summary>
    /// <exception cref="FileNotFoundException">The file is absent (names the path and the package).</exception>
    public static TabularDataset LoadDigits(string? path = null)
    {
        path ??= Path.Combine(DefaultDirectory, "digits.csv.gz");
        var table = CsvReader.Read(Require(path), new CsvOptions { HasHeader = false, DefaultType = CsvColumnType.Float32 });
        return Split(table, path, Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>
    /// Diabetes: 442 × 10 features (whitespace-separated gzip, no header) and a regression target. With
    /// <paramref name="scaled"/> (sklearn's default) each feature is centred and divided by its population
    /// standard deviation times √N, i.e. has unit Euclidean norm, computed in double as sklearn does.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is absent (names the path and the package).</exception>
    public static TabularDataset LoadDiabetes(bool scaled = true, string? dataPath = null, string? targetPath = null)
    {
        dataPath ??= Path.Combine(DefaultDirectory, "diabetes_data_raw.csv.gz");
        targetPath ??= Path.Combine(DefaultDirectory, "diabetes_target.csv.gz");
        var options = new CsvOptions { HasHeader = false, Separator = ' ', MergeSeparators = true, DefaultType = CsvColumnType.Float32 };
        var data = CsvReader.Read(Require(dataPath), options);
        var target = CsvReader.Read(Require(targetPath), options);
        if (target.Columns.Length != 1 || target.RowCount != data.RowCount)
        {
            throw new InvalidDataException($"{targetPath}: expected one target column of {data.RowCount} rows (as in '{dataPath}'), got {target.Columns.Length} columns of {target.RowCount} rows.");
        }

        int n = data.RowCount, d = data.Columns.Length;
        var features = data.ToMatrix();
        if (scaled)
        {
            for (int j = 0; j < d; j++)
            {
                double mean = 0, sq = 0;
                for (int i = 0; i < n; i++) { mean += features[i * d + j]; }
                mean /= n;
                for (int i = 0; i < n; i++) { double c = features[i * d + j] - mean; sq += c * c; }
                double std = Math.Sqrt(sq / n);
                double div = (std == 0 ? 1 : std) * Math.Sqrt(n);
                for (int i = 0; i < n; i++) { features[i * d + j] = (float)((features[i * d + j] - mean) / div); }
            }
        }

        return new TabularDataset(features, d, null, (float[])target.Columns[0], []);
    }

    /// <summary>sklearn's load_csv_data format: "n_samples,n_features,name0,name1,…" then rows of features and an integer target.</summary>
    private static TabularDataset LoadCountedCsv(string path)
    {
        string first;
        using (var r = new StreamReader(Require(path)))
        {
            first = r.ReadLine() ?? "";
        }

        var meta = first.Split(',');
        if (meta.Length < 2 || !int.TryParse(meta[0], out int n) || !int.TryParse(meta[1], out int d))
        {
            throw new InvalidDataException($"{path}: line 1 should be 'n_samples,n_features,target names…' as in scikit-learn's data files; got '{first}'.");
        }

        var table = CsvReader.Read(path, new CsvOptions { SkipLines = 1, HasHeader = false, DefaultType = CsvColumnType.Float32 });
        if (table.RowCount != n || table.Columns.Length != d + 1)
        {
            throw new InvalidDataException($"{path}: line 1 declares {n} samples of {d} features (+1 target column) but the file has {table.RowCount} rows of {table.Columns.Length} columns.");
        }

        return Split(table, path, meta[2..]);
    }

    /// <summary>All columns but the last as features; the last as integer labels.</summary>
    private static TabularDataset Split(CsvTable table, string path, string[] targetNames)
    {
        var names = table.ColumnNames;
        var features = table.ToMatrix(names[..^1]);
        var last = (float[])table.Columns[^1];
        var labels = new long[last.Length];
        for (int i = 0; i < last.Length; i++)
        {
            labels[i] = (long)last[i];
            if (labels[i] != last[i] || labels[i] < 0 || labels[i] >= targetNames.Length)
            {
                throw new InvalidDataException($"{path}: data row {i + 1} has target {last[i]}; expected an integer class in 0..{targetNames.Length - 1}.");
            }
        }

        return new TabularDataset(features, names.Length - 1, labels, null, targetNames);
    }

    private static string Require(string path) => File.Exists(path) ? path : throw new FileNotFoundException(
        $"scikit-learn data file '{path}' not found; it is installed by Debian's package python3-sklearn (apt-get install python3-sklearn), or pass the path explicitly.", path);
}
