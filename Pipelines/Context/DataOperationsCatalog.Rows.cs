namespace MlNetDl.Pipelines;

public sealed partial class DataOperationsCatalog
{
    /// <summary>
    /// Splits rows into a train and a test set; both keep the original row order. Without a sampling key exactly
    /// round(rows × testFraction) random rows go to the test set. With <paramref name="samplingKeyColumnName"/>,
    /// rows sharing a key value stay together (round(groups × testFraction) random groups are tested), so related
    /// rows never leak across the split.
    /// <paramref name="seed"/> null draws the seed from the context's generator.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">testFraction is not in (0, 1).</exception>
    /// <exception cref="SchemaMismatchException">The sampling key column is missing or not a scalar.</exception>
    public TrainTestData TrainTestSplit(IDataView data, double testFraction = 0.1, string? samplingKeyColumnName = null, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        OptionChecks.InRange(nameof(TrainTestSplit), nameof(testFraction), testFraction, 0, 1, minInclusive: false, maxInclusive: false);
        var view = InMemoryDataView.From(data);
        var generator = new MlNetDl.Tensors.Generator(seed ?? Context.NextSeed());
        var isTest = new bool[view.RowCount];
        if (samplingKeyColumnName is null)
        {
            var order = DataViewBatchExtensions.Permutation(view.RowCount, generator);
            int testCount = (int)Math.Round(view.RowCount * testFraction, MidpointRounding.AwayFromZero);
            for (int i = 0; i < testCount; i++)
            {
                isTest[order[i]] = true;
            }
        }
        else
        {
            var requirement = new ColumnRequirement("a scalar", c => c.Kind == SchemaShape.VectorKind.Scalar);
            requirement.Check(view.Schema, nameof(TrainTestSplit), samplingKeyColumnName);
            var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
            var rowGroups = new int[view.RowCount];
            int index = view.Schema[samplingKeyColumnName].Index;
            for (int r = 0; r < view.RowCount; r++)
            {
                string value = view.FormatValue(index, r);
                if (!groupOf.TryGetValue(value, out int g))
                {
                    groupOf[value] = g = groupOf.Count;
                }
                rowGroups[r] = g;
            }
            var groupOrder = DataViewBatchExtensions.Permutation(groupOf.Count, generator);
            int testGroups = (int)Math.Round(groupOf.Count * testFraction, MidpointRounding.AwayFromZero);
            var testGroup = new bool[groupOf.Count];
            for (int i = 0; i < testGroups; i++)
            {
                testGroup[groupOrder[i]] = true;
            }
            for (int r = 0; r < view.RowCount; r++)
            {
                isTest[r] = testGroup[rowGroups[r]];
            }
        }
        var train = Enumerable.Range(0, view.RowCount).Where(r => !isTest[r]).ToArray();
        var test = Enumerable.Range(0, view.RowCount).Where(r => isTest[r]).ToArray();
        return new TrainTestData(view.SelectRows(train), view.SelectRows(test));
    }

    /// <summary>All rows in a random order (a full shuffle; ML.NET's pool-based shuffle options are not needed
    /// for in-memory views). <paramref name="seed"/> null draws from the context's generator.</summary>
    public IDataView ShuffleRows(IDataView input, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var view = InMemoryDataView.From(input);
        var generator = new MlNetDl.Tensors.Generator(seed ?? Context.NextSeed());
        return view.SelectRows(DataViewBatchExtensions.Permutation(view.RowCount, generator));
    }

    /// <summary>The first <paramref name="count"/> rows (all when fewer).</summary>
    public IDataView TakeRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        OptionChecks.InRange(nameof(TakeRows), nameof(count), count, 0);
        var view = InMemoryDataView.From(input);
        return view.SliceRows(0, (int)Math.Min(count, view.RowCount));
    }

    /// <summary>All rows after the first <paramref name="count"/>.</summary>
    public IDataView SkipRows(IDataView input, long count)
    {
        ArgumentNullException.ThrowIfNull(input);
        OptionChecks.InRange(nameof(SkipRows), nameof(count), count, 0);
        var view = InMemoryDataView.From(input);
        int skip = (int)Math.Min(count, view.RowCount);
        return view.SliceRows(skip, view.RowCount - skip);
    }

    /// <summary>Rows whose numeric (or key) value in <paramref name="columnName"/> is in [lowerBound, upperBound);
    /// NaN values are dropped.</summary>
    /// <exception cref="SchemaMismatchException">The column is missing or not a numeric scalar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">lowerBound &gt; upperBound or a bound is NaN.</exception>
    public IDataView FilterRowsByColumn(IDataView input, string columnName, double lowerBound = double.NegativeInfinity, double upperBound = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(input);
        OptionChecks.InRange(nameof(FilterRowsByColumn), nameof(lowerBound), lowerBound, double.NegativeInfinity, upperBound);
        var view = InMemoryDataView.From(input);
        new ColumnRequirement("a numeric or key scalar", c => c.Kind == SchemaShape.VectorKind.Scalar && c.ItemType is NumberDataViewType or KeyDataViewType)
            .Check(view.Schema, nameof(FilterRowsByColumn), columnName);
        Func<int, double> value = view.GetColumn(columnName) switch
        {
            ScalarColumn<float> c => r => c.GetValue(r),
            ScalarColumn<double> c => c.GetValue,
            ScalarColumn<int> c => r => c.GetValue(r),
            ScalarColumn<long> c => r => c.GetValue(r),
            ScalarColumn<uint> c => r => c.GetValue(r),
            var c => throw new InvalidOperationException($"Unexpected column type {c.Type}."),
        };
        var rows = Enumerable.Range(0, view.RowCount).Where(r => value(r) is var v && v >= lowerBound && v < upperBound).ToArray();
        return view.SelectRows(rows);
    }
}
