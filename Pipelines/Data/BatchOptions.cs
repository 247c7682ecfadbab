namespace MlNetDl.Pipelines;

/// <summary>How <see cref="DataViewBatchExtensions.GetBatches(IDataView, BatchOptions, string[])"/> cuts a view
/// into batches (PyTorch DataLoader's batch_size, shuffle, drop_last).</summary>
public sealed record BatchOptions
{
    /// <summary>Rows per batch (the last one may be smaller unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Visit rows in a random order, drawn anew for every pass over the batches.</summary>
    public bool Shuffle { get; init; }

    /// <summary>Seed of the shuffle order; null draws one at random (not reproducible).</summary>
    public int? Seed { get; init; }

    /// <summary>Skip a last batch smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; }

    /// <exception cref="ArgumentOutOfRangeException">BatchSize &lt; 1.</exception>
    public BatchOptions Validate()
    {
        OptionChecks.InRange(nameof(DataViewBatchExtensions.GetBatches), nameof(BatchSize), BatchSize, 1, int.MaxValue);
        return this;
    }
}
