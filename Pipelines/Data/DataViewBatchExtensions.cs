namespace MlNetDl.Pipelines;

/// <summary>The batch API for training loops over any data view.</summary>
public static class DataViewBatchExtensions
{
    /// <summary>Sequential batches of <paramref name="batchSize"/> rows of the named columns (all when none).</summary>
    /// <inheritdoc cref="GetBatches(IDataView, BatchOptions, string[])"/>
    public static IEnumerable<DataBatch> GetBatches(this IDataView data, int batchSize, params string[] columns) =>
        GetBatches(data, new BatchOptions { BatchSize = batchSize }, columns);

    /// <summary>
    /// Cuts the view into batches. Each enumeration is one pass (epoch); with <see cref="BatchOptions.Shuffle"/>
    /// every pass draws a new order from a generator seeded once with <see cref="BatchOptions.Seed"/>, so passes
    /// differ but a run repeats. Stored vector columns are served without copying the data set: sequential batches
    /// alias it, shuffled ones are gathered into one reused buffer per column.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Bad options, or a column that does not exist.</exception>
    public static IEnumerable<DataBatch> GetBatches(this IDataView data, BatchOptions options, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(columns);
        options.Validate();
        var names = columns.Length == 0 ? data.Schema.Select(c => c.Name).ToArray() : columns;
        foreach (var name in names)
        {
            if (data.Schema.GetColumnOrNull(name) is null)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), $"GetBatches: column '{name}' not found; available: {data.Schema.AvailableNames()}.");
            }
        }
        var view = InMemoryDataView.From(data);
        var generator = options.Shuffle ? new MlNetDl.Tensors.Generator(options.Seed ?? Random.Shared.Next()) : null;
        return Passes(view, options, names, generator);
    }

    private static IEnumerable<DataBatch> Passes(InMemoryDataView view, BatchOptions options, string[] names, MlNetDl.Tensors.Generator? generator)
    {
        int n = view.RowCount;
        int size = options.BatchSize;
        int[]? order = null;
        if (generator is not null)
        {
            lock (generator)
            {
                order = Permutation(n, generator);
            }
        }
        var slots = names.Distinct().ToDictionary(name => name, name => BatchSlot.Create(view.GetColumn(name), size), StringComparer.Ordinal);
        int[]? sequentialRows = order is null ? new int[size] : null;
        for (int start = 0, index = 0; start < n; start += size, index++)
        {
            int count = Math.Min(size, n - start);
            if (count < size && options.DropLast)
            {
                yield break;
            }
            ReadOnlyMemory<int> rows;
            if (order is null)
            {
                // Reused like the value buffers: valid until the next batch.
                for (int i = 0; i < count; i++)
                {
                    sequentialRows![i] = start + i;
                }
                rows = sequentialRows.AsMemory(0, count);
            }
            else
            {
                rows = order.AsMemory(start, count);
            }
            foreach (var slot in slots.Values)
            {
                slot.Load(start, count, rows.Span, sequential: order is null);
            }
            yield return new DataBatch(index, count, rows, slots);
        }
    }

    /// <summary>A uniform random permutation of 0..n-1 (Fisher–Yates).</summary>
    internal static int[] Permutation(int n, MlNetDl.Tensors.Generator generator)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)generator.NextInt64(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
