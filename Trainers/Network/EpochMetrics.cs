using MlNetDl.Tensors.Optim;

namespace MlNetDl.Trainers.Network;

/// <summary>
/// What one epoch of <see cref="NetworkTrainer"/> measured. <see cref="Loss"/> is the mean training loss over the
/// epoch's batches as they were visited (each batch's loss taken before its update, weighted by its rows);
/// <see cref="Accuracy"/> the fraction of argmax hits over the same forward passes. The validation figures come
/// from one pass over the validation data in evaluation mode after the epoch's last update. Accuracies are null
/// when the model's output is not [batch, classes].
/// </summary>
public sealed record EpochMetrics(
    int Epoch,
    double Loss,
    double? Accuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    TimeSpan Elapsed)
{
    /// <summary>The metric names of progress reports: "loss", "accuracy", "val_loss", "val_accuracy" (Keras's),
    /// only those that were measured.</summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var metrics = new Dictionary<string, double> { ["loss"] = Loss };
        if (Accuracy is { } a)
        {
            metrics["accuracy"] = a;
        }
        if (ValidationLoss is { } vl)
        {
            metrics["val_loss"] = vl;
        }
        if (ValidationAccuracy is { } va)
        {
            metrics["val_accuracy"] = va;
        }
        return metrics;
    }
}

/// <summary>What <see cref="NetworkTrainer.Train"/> returns: the per-epoch history (immutable, one entry per epoch
/// in order) and the optimizer it built (its state allows training on).</summary>
public sealed class NetworkTrainingResult
{
    internal NetworkTrainingResult(IEnumerable<EpochMetrics> history, Optimizer optimizer)
    {
        History = Array.AsReadOnly(history.ToArray());
        Optimizer = optimizer;
    }

    public IReadOnlyList<EpochMetrics> History { get; }

    public Optimizer Optimizer { get; }
}
