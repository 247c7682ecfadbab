using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Trainers.Network;

/// <summary>
/// Fits a network classifier: checks the columns (Features a known-size Vector&lt;Single&gt; of any shape, Label a
/// Key of K classes), builds the network for the feature shape from the options' layers plus the head Dense(K),
/// initializes it from the seed, and trains it with cross-entropy through <see cref="NetworkTrainer"/>
/// (shuffled batches; progress per batch and per epoch; cancellation per batch). Fit returns a new
/// <see cref="NetworkClassifierTransformer"/>; the estimator never changes.
/// </summary>
public abstract class NetworkClassifierTrainer<TOptions> : ITrainableEstimator<NetworkClassifierTransformer>
    where TOptions : NetworkClassifierOptions
{
    private protected NetworkClassifierTrainer(TOptions options) => Options = options;

    public TOptions Options { get; }

    /// <inheritdoc cref="Fit(IDataView, TrainingContext)"/>
    public NetworkClassifierTransformer Fit(IDataView input) => Fit(input, TrainingContext.None);

    /// <exception cref="SchemaMismatchException">A column is missing or mistyped, in the training or the validation data.</exception>
    /// <exception cref="ArgumentException">A layer does not fit the shape that reaches it.</exception>
    /// <exception cref="InvalidDataException">A training row has a missing key label.</exception>
    /// <exception cref="InvalidOperationException">No rows, or the loss stopped being finite.</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested (options' token or <paramref name="context"/>'s).</exception>
    public NetworkClassifierTransformer Fit(IDataView input, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        string owner = Options.TrainerName;
        var featureType = (VectorDataViewType)ColumnRequirement.SingleVector.Check(input.Schema, owner, Options.FeatureColumnName);
        if (!featureType.IsKnownSize)
        {
            throw new SchemaMismatchException(owner, Options.FeatureColumnName, "Vector<Single> of known size", featureType.ToString(), SchemaShape.Create(input.Schema).AvailableNames());
        }
        var keyType = (KeyDataViewType)ColumnRequirement.Key.Check(input.Schema, owner, Options.LabelColumnName);
        if (Options.ValidationData is { } validation)
        {
            ColumnRequirement.Exactly(keyType).Check(validation.Schema, owner + " (validation data)", Options.LabelColumnName);
        }
        int classes = checked((int)keyType.Count);
        var seeds = new Generator(Options.Seed);
        var generators = new LayerGenerators(new Generator((long)(seeds.NextUInt64() >> 1)), new Generator((long)(seeds.NextUInt64() >> 1)));
        var (network, layers) = NetworkBuilder.BuildClassifier(owner, featureType.Dimensions, Options.BodyLayers(), classes, generators);
        var loop = new NetworkTrainer(new NetworkTrainerOptions
        {
            FeatureColumnName = Options.FeatureColumnName, LabelColumnName = Options.LabelColumnName, Epochs = Options.Epochs,
            BatchSize = Options.BatchSize, Shuffle = true, Seed = (int)seeds.NextInt64(int.MaxValue), Owner = owner,
        });
        var result = loop.Train(network, new CrossEntropyLoss(),
            parameters => NetworkChoices.Create(Options.Optimizer, parameters, Options.LearningRate, Options.WeightDecay, Options.Momentum),
            input, Options.ValidationData, Options.ToTrainingContext(context));
        var modelOptions = new NetworkModelOptions(owner, Options.FeatureColumnName, [.. featureType.Dimensions], classes, [.. layers], [.. result.History]);
        return new NetworkClassifierTransformer(modelOptions, network);
    }

    /// <summary>Adds Score (Vector&lt;Single, K&gt;) and PredictedLabel (the label's key type). With a known feature
    /// shape, also checks that the layers fit it (by building the network once), so a chain fails before training.</summary>
    /// <exception cref="SchemaMismatchException">A column is missing or mistyped.</exception>
    /// <exception cref="ArgumentException">A layer does not fit the shape that reaches it.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        string owner = Options.TrainerName;
        var features = ColumnRequirement.SingleVector.Check(inputSchema, owner, Options.FeatureColumnName);
        var label = ColumnRequirement.Key.Check(inputSchema, owner, Options.LabelColumnName);
        if (label.ItemType is not KeyDataViewType keyType)
        {
            // The key's count is unknown before fitting (e.g. a MapValueToKey earlier in the chain).
            return inputSchema.With(
            [
                new("Score", SchemaShape.VectorKind.Vector, NumberDataViewType.Single, false),
                new("PredictedLabel", SchemaShape.VectorKind.Scalar, label.ItemType, true),
            ]);
        }
        if (!features.Dimensions.IsDefaultOrEmpty)
        {
            var probe = new LayerGenerators(new Generator(0), new Generator(0));
            NetworkBuilder.BuildClassifier(owner, features.Dimensions, Options.BodyLayers(), checked((int)keyType.Count), probe);
        }
        return inputSchema.With(
        [
            SchemaShape.Column.FromType("Score", new VectorDataViewType(NumberDataViewType.Single, checked((int)keyType.Count))),
            SchemaShape.Column.FromType("PredictedLabel", keyType),
        ]);
    }
}

/// <summary>
/// Multilayer perceptron classifier (<c>mlContext.MulticlassClassification.Trainers.Mlp(...)</c>):
/// Flatten → [Dense(h) → activation (→ Dropout)] per hidden layer → Dense(K), PyTorch's default initialization,
/// cross-entropy, the chosen optimizer. See <see cref="NetworkClassifierTrainer{TOptions}"/>.
/// </summary>
public sealed class MlpTrainer : NetworkClassifierTrainer<MlpOptions>
{
    /// <exception cref="ArgumentException">An option out of range; the message names it, the range and the value.</exception>
    public MlpTrainer(MlpOptions options) : base((options ?? throw new ArgumentNullException(nameof(options))).Validate())
    {
    }
}

/// <summary>
/// Convolutional classifier (<c>mlContext.MulticlassClassification.Trainers.Cnn(...)</c>) from a list of
/// <see cref="LayerSpec"/>s, then Flatten (when needed) → Dense(K). Features must carry their image shape,
/// e.g. Vector&lt;Single, 3, 64, 64&gt;. See <see cref="NetworkClassifierTrainer{TOptions}"/>.
/// </summary>
public sealed class CnnTrainer : NetworkClassifierTrainer<CnnOptions>
{
    /// <exception cref="ArgumentException">An option or layer number out of range; the message names it, the range and the value.</exception>
    public CnnTrainer(CnnOptions options) : base((options ?? throw new ArgumentNullException(nameof(options))).Validate())
    {
    }
}
