using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Trainers.Network;

/// <summary>
/// Turns a layer description into a <see cref="Sequential"/> for a given per-example input shape. Each layer is
/// created for the shape that reaches it, found by running a zero probe [1, ...shape] through the layers built so
/// far (in evaluation mode, without recording), so every size comes from the modules' own arithmetic.
/// </summary>
internal static class NetworkBuilder
{
    /// <summary>Validates every layer; option names are "{prefix}[i]".</summary>
    /// <exception cref="ArgumentException">A null entry or a layer number out of range.</exception>
    public static void Validate(string owner, string prefix, IReadOnlyList<LayerSpec> layers)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i] ?? throw new ArgumentException($"The '{prefix}[{i}]' option of {owner} must be a layer. Got null.", prefix);
            layer.Validate(owner, $"{prefix}[{i}]");
        }
    }

    /// <summary>A classifier: <paramref name="body"/>, a Flatten when the body's output is not flat, and the head
    /// Dense(<paramref name="classes"/>). Returns the network and its complete description (what a model file stores).</summary>
    /// <exception cref="ArgumentException">A layer does not fit the shape that reaches it (see <see cref="Build"/>).</exception>
    public static (Sequential Network, IReadOnlyList<LayerSpec> Layers) BuildClassifier(string owner, IReadOnlyList<int> inputShape,
        IReadOnlyList<LayerSpec> body, int classes, LayerGenerators generators)
    {
        var layers = new List<LayerSpec>(body);
        var (network, shape) = Build(owner, inputShape, body, generators);
        if (shape.Length != 1)
        {
            layers.Add(LayerSpec.Flatten());
            network.Append(new Flatten());
        }
        layers.Add(LayerSpec.Dense(classes));
        network.Append(new MlNetDl.Tensors.Nn.Linear(shape.Aggregate(1, (a, b) => a * b), classes, generator: generators.Init));
        return (network, layers);
    }

    /// <summary>Builds the layers in order and returns the network with its per-example output shape.</summary>
    /// <exception cref="ArgumentException">A layer does not fit the shape that reaches it; the message names the
    /// layer, its position and the shapes.</exception>
    public static (Sequential Network, int[] OutputShape) Build(string owner, IReadOnlyList<int> inputShape, IReadOnlyList<LayerSpec> layers, LayerGenerators generators)
    {
        var network = new Sequential(Array.Empty<Module<Tensor, Tensor>>());
        int[] shape = [.. inputShape];
        using var noGrad = GradMode.NoGrad();
        for (int i = 0; i < layers.Count; i++)
        {
            var module = layers[i].Build(shape, generators, out var unfit) ?? throw Unfit(owner, i, layers[i], shape, inputShape, unfit!);
            using var scope = TensorScope.Begin();
            try
            {
                module.Eval();
                var probe = module.Call(Tensor.Zeros(new Shape([1, .. shape])));
                shape = [.. probe.Shape.ToArray().Skip(1)];
            }
            catch (ArgumentException e)
            {
                throw Unfit(owner, i, layers[i], shape, inputShape, e.Message, e);
            }
            network.Append(module);
        }
        return (network, shape);
    }

    private static ArgumentException Unfit(string owner, int index, LayerSpec layer, int[] shape, IReadOnlyList<int> input, string reason, Exception? inner = null) =>
        new($"{owner}: layer {index} ({layer}) does not fit its input [{string.Join(", ", shape)}] (the network's input is [{string.Join(", ", input)}]): {reason}.", inner);
}
