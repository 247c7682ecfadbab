using System.Collections.Immutable;
using MlNetDl.Trainers.Network;

namespace MlNetDl.Pipelines;

/// <summary>Network classifiers on the multiclass catalog: <c>mlContext.MulticlassClassification.Trainers.Mlp(...)</c>
/// and <c>.Cnn(...)</c>. Each has a simple overload with defaults (seeded from the context) and one taking an
/// options record (seeded by its <see cref="NetworkClassifierOptions.Seed"/>).</summary>
public static class NetworkTrainersCatalog
{
    /// <summary>A multilayer perceptron classifier; each argument sets the <see cref="MlpOptions"/> property of the
    /// same name (a null hiddenLayers gives [128, 64]; a null weightDecay the optimizer's default; validationData
    /// is scored after every epoch as val_loss and val_accuracy).</summary>
    public static MlpTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", int[]? hiddenLayers = null,
        NetworkActivation activation = NetworkActivation.ReLU, double dropout = 0, int epochs = 10, int batchSize = 128,
        double learningRate = 1e-3, NetworkOptimizer optimizer = NetworkOptimizer.Adam, double? weightDecay = null,
        IDataView? validationData = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Mlp(new MlpOptions
        {
            LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName,
            HiddenLayers = hiddenLayers is null ? [128, 64] : [.. hiddenLayers], Activation = activation, Dropout = dropout,
            Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate, Optimizer = optimizer, WeightDecay = weightDecay,
            ValidationData = validationData, Seed = catalog.Context.NextSeed(),
        });
    }

    public static MlpTrainer Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpTrainer(options);
    }

    /// <summary>A convolutional classifier from <paramref name="layers"/> (then Flatten and Dense(classes)); see <see cref="CnnOptions"/>.</summary>
    public static CnnTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, IEnumerable<LayerSpec> layers,
        string labelColumnName = "Label", string featureColumnName = "Features", int epochs = 10, int batchSize = 64,
        double learningRate = 1e-3, NetworkOptimizer optimizer = NetworkOptimizer.Adam, double? weightDecay = null,
        IDataView? validationData = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(layers);
        return catalog.Cnn(new CnnOptions
        {
            Layers = [.. layers], LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, Epochs = epochs,
            BatchSize = batchSize, LearningRate = learningRate, Optimizer = optimizer, WeightDecay = weightDecay,
            ValidationData = validationData, Seed = catalog.Context.NextSeed(),
        });
    }

    public static CnnTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, CnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CnnTrainer(options);
    }
}
