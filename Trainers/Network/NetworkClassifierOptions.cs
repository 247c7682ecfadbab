using System.Collections.Immutable;
using System.Text.Json.Serialization;
using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Network;

/// <summary>
/// Options shared by the network classifiers (<see cref="MlpOptions"/>, <see cref="CnnOptions"/>): the columns,
/// the training loop (epochs, batch size, seed) and the optimizer. Immutable; each record's Validate checks them
/// once with messages naming the option, its range and the value received. Progress and cancellation come from
/// <see cref="TrainerOptionsBase"/>.
/// </summary>
public abstract record NetworkClassifierOptions : TrainerOptionsBase
{
    private protected NetworkClassifierOptions() { }

    /// <summary>A known-size Vector&lt;Single&gt; column of any shape ([784], [1, 28, 28], [3, 64, 64], ...).</summary>
    public string FeatureColumnName { get; init; } = "Features";

    /// <summary>A Key column; its count is the number of classes, and PredictedLabel gets the same key type.</summary>
    public string LabelColumnName { get; init; } = "Label";

    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 128;

    public double LearningRate { get; init; } = 1e-3;

    public NetworkOptimizer Optimizer { get; init; } = NetworkOptimizer.Adam;

    /// <summary>L2 penalty (decoupled for AdamW); null takes the optimizer's default (0, AdamW 1e-2).</summary>
    public double? WeightDecay { get; init; }

    /// <summary>Momentum of <see cref="NetworkOptimizer.SGD"/> (ignored by the others).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Seeds the weight initialization, the dropout masks and the shuffle order.</summary>
    public int Seed { get; init; }

    /// <summary>Rows scored after every epoch (val_loss, val_accuracy in the history); same column types as the training data.</summary>
    [JsonIgnore]
    public IDataView? ValidationData { get; init; }

    /// <summary>Names the trainer in messages ("Mlp", "Cnn").</summary>
    private protected abstract string Owner { get; }

    /// <summary>The layers before the head Dense(classes) (see <see cref="LayerSpec"/>).</summary>
    internal abstract ImmutableArray<LayerSpec> BodyLayers();

    /// <exception cref="ArgumentException">An empty column name or an option out of range (named in the message).</exception>
    private protected void ValidateShared()
    {
        OptionChecks.NotEmpty(Owner, nameof(FeatureColumnName), FeatureColumnName);
        OptionChecks.NotEmpty(Owner, nameof(LabelColumnName), LabelColumnName);
        OptionChecks.InRange(Owner, nameof(Epochs), Epochs, 1);
        OptionChecks.InRange(Owner, nameof(BatchSize), BatchSize, 1);
        OptionChecks.InRange(Owner, nameof(LearningRate), LearningRate, 0, double.PositiveInfinity, minInclusive: false, maxInclusive: false);
        if (!Enum.IsDefined(Optimizer))
        {
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer,
                $"The '{nameof(Optimizer)}' option of {Owner} must be one of {string.Join(", ", Enum.GetNames<NetworkOptimizer>())}. Got {(int)Optimizer}.");
        }
        if (WeightDecay is { } decay)
        {
            OptionChecks.InRange(Owner, nameof(WeightDecay), decay, 0, double.PositiveInfinity, maxInclusive: false);
        }
        OptionChecks.InRange(Owner, nameof(Momentum), Momentum, 0, double.PositiveInfinity, maxInclusive: false);
    }

    internal string TrainerName => Owner;
}

/// <summary>
/// Options of <see cref="MlpTrainer"/>: a multilayer perceptron Flatten → [Dense(h) → activation → Dropout]… →
/// Dense(classes), trained with cross-entropy.
/// </summary>
public sealed record MlpOptions : NetworkClassifierOptions
{
    internal const string Name = "Mlp";

    /// <summary>Units of each hidden layer, input side first (default [128, 64]); empty gives softmax regression.</summary>
    public ImmutableArray<int> HiddenLayers { get; init; } = [128, 64];

    public NetworkActivation Activation { get; init; } = NetworkActivation.ReLU;

    /// <summary>Drop probability after each hidden activation, in [0, 1) (0: no dropout layers).</summary>
    public double Dropout { get; init; }

    private protected override string Owner => Name;

    /// <exception cref="ArgumentException">An option out of range; the message names it, the range and the value.</exception>
    public MlpOptions Validate()
    {
        ValidateShared();
        if (HiddenLayers.IsDefault)
        {
            throw new ArgumentException($"The '{nameof(HiddenLayers)}' option of {Name} must be a list of layer sizes. Got null.", nameof(HiddenLayers));
        }
        for (int i = 0; i < HiddenLayers.Length; i++)
        {
            OptionChecks.InRange(Name, $"{nameof(HiddenLayers)}[{i}]", HiddenLayers[i], 1);
        }
        if (!Enum.IsDefined(Activation))
        {
            throw new ArgumentOutOfRangeException(nameof(Activation), Activation,
                $"The '{nameof(Activation)}' option of {Name} must be one of {string.Join(", ", Enum.GetNames<NetworkActivation>())}. Got {(int)Activation}.");
        }
        OptionChecks.InRange(Name, nameof(Dropout), Dropout, 0, 1, maxInclusive: false);
        return this;
    }

    internal override ImmutableArray<LayerSpec> BodyLayers()
    {
        var layers = ImmutableArray.CreateBuilder<LayerSpec>();
        layers.Add(LayerSpec.Flatten());
        foreach (int units in HiddenLayers)
        {
            layers.Add(LayerSpec.Dense(units));
            layers.Add(LayerSpec.Activation(Activation));
            if (Dropout > 0)
            {
                layers.Add(LayerSpec.Dropout(Dropout));
            }
        }
        return layers.ToImmutable();
    }
}

/// <summary>
/// Options of <see cref="CnnTrainer"/>: the layers of a convolutional network (<see cref="LayerSpec"/>), followed by a
/// Flatten when their output is not flat and the head Dense(classes), trained with cross-entropy. The SIGNS network:
/// <c>Layers = [LayerSpec.Conv(8, 4, samePadding: true), LayerSpec.ReLU, LayerSpec.MaxPool(8, ceilMode: true),
/// LayerSpec.Conv(16, 2, samePadding: true), LayerSpec.ReLU, LayerSpec.MaxPool(4, ceilMode: true)]</c>.
/// </summary>
public sealed record CnnOptions : NetworkClassifierOptions
{
    internal const string Name = "Cnn";

    /// <summary>The layers before the head, input side first.</summary>
    public ImmutableArray<LayerSpec> Layers { get; init; } = [];

    private protected override string Owner => Name;

    /// <exception cref="ArgumentException">An option or a layer's number out of range; the message names it ("Layers[2].KernelSize"), the range and the value.</exception>
    public CnnOptions Validate()
    {
        ValidateShared();
        if (Layers.IsDefault)
        {
            throw new ArgumentException($"The '{nameof(Layers)}' option of {Name} must be a list of layers. Got null.", nameof(Layers));
        }
        NetworkBuilder.Validate(Name, nameof(Layers), Layers);
        return this;
    }

    internal override ImmutableArray<LayerSpec> BodyLayers() => Layers;
}
