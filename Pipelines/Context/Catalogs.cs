namespace MlNetDl.Pipelines;

/// <summary>Base of every catalog: extension methods in other projects reach the context (seed, generator, log)
/// through <see cref="Context"/>.</summary>
public abstract class CatalogBase
{
    private protected CatalogBase(MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
    }

    public MLContext Context { get; }
}

/// <summary>Base of the <c>Trainers</c> sub-catalogs that trainer extension methods hang on.</summary>
public abstract class TrainerCatalogBase : CatalogBase
{
    private protected TrainerCatalogBase(MLContext context) : base(context) { }
}

/// <summary><c>mlContext.Transforms</c>: column transforms (built-in ones in MlNetDl.Pipelines.Columns; normalizers,
/// one-hot and key mapping in MlNetDl.Transforms) as extension methods.</summary>
public sealed class TransformsCatalog : CatalogBase
{
    internal TransformsCatalog(MLContext context) : base(context) { }
}

/// <summary><c>mlContext.Regression</c>; trainers hang on <see cref="Trainers"/>.</summary>
public sealed class RegressionCatalog : CatalogBase
{
    internal RegressionCatalog(MLContext context) : base(context) => Trainers = new RegressionTrainers(context);

    public RegressionTrainers Trainers { get; }

    public sealed class RegressionTrainers : TrainerCatalogBase
    {
        internal RegressionTrainers(MLContext context) : base(context) { }
    }
}

/// <summary><c>mlContext.BinaryClassification</c>; trainers hang on <see cref="Trainers"/>.</summary>
public sealed class BinaryClassificationCatalog : CatalogBase
{
    internal BinaryClassificationCatalog(MLContext context) : base(context) => Trainers = new BinaryClassificationTrainers(context);

    public BinaryClassificationTrainers Trainers { get; }

    public sealed class BinaryClassificationTrainers : TrainerCatalogBase
    {
        internal BinaryClassificationTrainers(MLContext context) : base(context) { }
    }
}

/// <summary><c>mlContext.MulticlassClassification</c>; trainers hang on <see cref="Trainers"/>.</summary>
public sealed class MulticlassClassificationCatalog : CatalogBase
{
    internal MulticlassClassificationCatalog(MLContext context) : base(context) => Trainers = new MulticlassClassificationTrainers(context);

    public MulticlassClassificationTrainers Trainers { get; }

    public sealed class MulticlassClassificationTrainers : TrainerCatalogBase
    {
        internal MulticlassClassificationTrainers(MLContext context) : base(context) { }
    }
}
