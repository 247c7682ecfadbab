using MlNetDl.Pipelines;
using static MlNetDl.Samples.Mlp.MlpSample;

namespace MlNetDl.Samples.Mlp;

/// <summary>
/// The Consume part: the saved normalizer (a pipeline model zip) and network weights (safetensors) loaded back, and
/// a one-image <see cref="Predict"/> through a PredictionEngine, as an application would use the model.
/// </summary>
internal sealed class MlpPredictor
{
    private readonly PredictionEngine<ModelInput, ModelInput> _normalize;

    private MlpPredictor(MLContext context, ITransformer normalizer, MlpNetwork network)
    {
        Normalizer = normalizer;
        Network = network;
        _normalize = context.Model.CreatePredictionEngine<ModelInput, ModelInput>(normalizer);
    }

    public ITransformer Normalizer { get; }

    public MlpNetwork Network { get; }

    /// <summary>Loads <see cref="MlpSample.ModelFileName"/> and <see cref="MlpSample.WeightsFileName"/> from a folder.</summary>
    /// <exception cref="FileNotFoundException">A file is missing (the message names it).</exception>
    public static MlpPredictor Load(MLContext context, string directory)
    {
        var normalizer = context.Model.Load(Path.Combine(directory, ModelFileName), out _);
        var network = new MlpNetwork(seed: 0);
        network.Model.Load(Path.Combine(directory, WeightsFileName));
        return new MlpPredictor(context, normalizer, network);
    }

    public ModelOutput Predict(ModelInput input)
    {
        var normalized = _normalize.Predict(input);
        var score = Network.Probabilities(normalized.Features);
        return new ModelOutput { PredictedLabel = (uint)ArgMax(score) + 1, Score = score };
    }
}
