using MlNetDl.Tensors;

namespace MlNetDl.Pipelines;

/// <summary>How important a log message is.</summary>
public enum ChannelMessageKind
{
    Trace,
    Info,
    Warning,
    Error,
}

/// <summary>One log message of an <see cref="MLContext"/>.</summary>
public sealed class LoggingEventArgs(string source, ChannelMessageKind kind, string message) : EventArgs
{
    public string Source { get; } = source;

    public ChannelMessageKind Kind { get; } = kind;

    public string Message { get; } = message;

    public override string ToString() => $"[{Kind}] {Source}: {Message}";
}

/// <summary>
/// The entry point of pipelines, as in ML.NET: catalogs of data operations, transforms, trainers and model
/// operations, a seed for reproducible randomness, and a log. Other projects extend the catalogs with extension
/// methods (<c>mlContext.Transforms.NormalizeMinMax(...)</c>, <c>mlContext.Regression.Trainers.Ols(...)</c>) and
/// reach the context through <see cref="CatalogBase.Context"/>.
/// </summary>
public sealed class MLContext
{
    private readonly object _gate = new();

    /// <param name="seed">Seed of every random choice made through this context (shuffles, splits, trainer
    /// initialization); null draws one at random, as ML.NET does.</param>
    public MLContext(int? seed = null)
    {
        Seed = seed;
        Generator = new Generator(seed ?? Random.Shared.Next());
        Data = new DataOperationsCatalog(this);
        Transforms = new TransformsCatalog(this);
        Regression = new RegressionCatalog(this);
        BinaryClassification = new BinaryClassificationCatalog(this);
        MulticlassClassification = new MulticlassClassificationCatalog(this);
        Model = new ModelOperationsCatalog(this);
    }

    public int? Seed { get; }

    /// <summary>The context's random stream. Components created from the same seed in the same order draw the
    /// same numbers. Not thread-safe; prefer <see cref="NextSeed"/> to seed a component's own generator.</summary>
    public Generator Generator { get; }

    public DataOperationsCatalog Data { get; }

    public TransformsCatalog Transforms { get; }

    public RegressionCatalog Regression { get; }

    public BinaryClassificationCatalog BinaryClassification { get; }

    public MulticlassClassificationCatalog MulticlassClassification { get; }

    public ModelOperationsCatalog Model { get; }

    /// <summary>Messages from components (training progress, warnings).</summary>
    public event EventHandler<LoggingEventArgs>? Log;

    /// <summary>Draws a seed from the context's stream (thread-safe).</summary>
    public int NextSeed()
    {
        lock (_gate)
        {
            return (int)Generator.NextInt64(int.MaxValue);
        }
    }

    /// <summary>Raises <see cref="Log"/> (for components in other projects).</summary>
    public void WriteLog(string source, string message, ChannelMessageKind kind = ChannelMessageKind.Info) =>
        Log?.Invoke(this, new LoggingEventArgs(source, kind, message));
}
