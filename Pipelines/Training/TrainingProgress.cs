namespace MlNetDl.Pipelines;

/// <summary>
/// One progress report of a long <c>Fit</c>: where training is (epoch and batch, 1-based; <see cref="Batch"/> = 0
/// marks an end-of-epoch report), the latest metrics (e.g. "loss", "accuracy", "val_loss") and the time since
/// training started.
/// </summary>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    IReadOnlyDictionary<string, double> Metrics,
    TimeSpan Elapsed)
{
    public override string ToString() =>
        $"epoch {Epoch}/{Epochs}" + (Batch > 0 ? $" batch {Batch}/{Batches}" : "") +
        string.Concat(Metrics.Select(m => $" {m.Key}={m.Value:G5}")) + $" ({Elapsed.TotalSeconds:F1}s)";
}

/// <summary>
/// The progress and cancellation contract of long <c>Fit</c> calls. Trainers receive it through
/// <see cref="ITrainableEstimator{TTransformer}.Fit(IDataView, TrainingContext)"/> (or from their options'
/// <see cref="TrainerOptionsBase"/> properties), call <see cref="ThrowIfCancellationRequested"/> at least once
/// per batch and <see cref="Report"/> when they have new metrics.
/// <code>var model = pipeline.Fit(data, new TrainingContext(new Progress&lt;TrainingProgress&gt;(Console.WriteLine), cts.Token));</code>
/// </summary>
public sealed class TrainingContext
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public TrainingContext(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Progress = progress;
        CancellationToken = cancellationToken;
    }

    /// <summary>A context that reports nothing and is never cancelled.</summary>
    public static TrainingContext None => new();

    public IProgress<TrainingProgress>? Progress { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Time since this context was created.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public void ThrowIfCancellationRequested() => CancellationToken.ThrowIfCancellationRequested();

    /// <summary>Sends a report (no-op without a progress sink); the metrics are copied.</summary>
    public void Report(int epoch, int epochs, int batch, int batches, IReadOnlyDictionary<string, double> metrics) =>
        Progress?.Report(new TrainingProgress(epoch, epochs, batch, batches, new Dictionary<string, double>(metrics), Elapsed));
}

/// <summary>
/// Base of trainer options records: the progress sink and cancellation token travel with the options, so the
/// catalog methods that take an options object need no extra parameters. Not saved with models.
/// </summary>
public abstract record TrainerOptionsBase
{
    [System.Text.Json.Serialization.JsonIgnore]
    public IProgress<TrainingProgress>? Progress { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public CancellationToken CancellationToken { get; init; }

    /// <summary>A context for these options (<paramref name="outer"/>, from a chain's Fit, wins when it has a sink
    /// or a cancellable token; both tokens are honoured).</summary>
    public TrainingContext ToTrainingContext(TrainingContext? outer = null)
    {
        if (outer is null || (outer.Progress is null && !outer.CancellationToken.CanBeCanceled))
        {
            return new TrainingContext(Progress, CancellationToken);
        }
        if (!CancellationToken.CanBeCanceled)
        {
            return outer;
        }
        var linked = CancellationTokenSource.CreateLinkedTokenSource(outer.CancellationToken, CancellationToken);
        return new TrainingContext(outer.Progress ?? Progress, linked.Token);
    }
}

public static class EstimatorFitExtensions
{
    /// <summary>Fits with progress and cancellation when the estimator supports them; otherwise checks the token,
    /// fits, and checks it again.</summary>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static TTransformer Fit<TTransformer>(this IEstimator<TTransformer> estimator, IDataView input, TrainingContext context)
        where TTransformer : ITransformer
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ThrowIfCancellationRequested();
        var result = estimator is ITrainableEstimator<TTransformer> trainable ? trainable.Fit(input, context) : estimator.Fit(input);
        context.ThrowIfCancellationRequested();
        return result;
    }

    /// <inheritdoc cref="Fit{TTransformer}(IEstimator{TTransformer}, IDataView, TrainingContext)"/>
    public static TTransformer Fit<TTransformer>(this IEstimator<TTransformer> estimator, IDataView input,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken = default) where TTransformer : ITransformer =>
        estimator.Fit(input, new TrainingContext(progress, cancellationToken));
}
