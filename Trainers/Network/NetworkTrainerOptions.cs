using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Network;

/// <summary>Options of <see cref="NetworkTrainer"/>: which columns feed the model, how many passes, and how the
/// rows are cut into batches (PyTorch DataLoader's batch_size, shuffle, drop_last; a seeded order per epoch).</summary>
public sealed record NetworkTrainerOptions
{
    /// <summary>A known-size Vector&lt;Single&gt; column of any shape; batches reach the model as [batch, ...dims].</summary>
    public string FeatureColumnName { get; init; } = "Features";

    /// <summary>A Key (classes 1..K become targets 0..K−1), Int32 or Int64 column; batches reach the loss as int64 [batch].</summary>
    public string LabelColumnName { get; init; } = "Label";

    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 128;

    /// <summary>Visit the rows in a new seeded order every epoch; false keeps the data view's order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Skip a last batch smaller than <see cref="BatchSize"/> (batch norm cannot train on one row).</summary>
    public bool DropLast { get; init; }

    /// <summary>Seed of the shuffle order.</summary>
    public int Seed { get; init; }

    /// <summary>Names the component in messages (the estimator that runs the loop).</summary>
    internal string Owner { get; init; } = NetworkTrainer.Name;

    /// <exception cref="ArgumentException">An empty column name or an option out of range (named in the message).</exception>
    public NetworkTrainerOptions Validate()
    {
        OptionChecks.NotEmpty(Owner, nameof(FeatureColumnName), FeatureColumnName);
        OptionChecks.NotEmpty(Owner, nameof(LabelColumnName), LabelColumnName);
        OptionChecks.InRange(Owner, nameof(Epochs), Epochs, 1);
        OptionChecks.InRange(Owner, nameof(BatchSize), BatchSize, 1);
        return this;
    }
}
