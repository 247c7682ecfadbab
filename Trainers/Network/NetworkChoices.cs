using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Optim;

namespace MlNetDl.Trainers.Network;

/// <summary>The nonlinearity after each hidden layer (PyTorch's modules of the same names).</summary>
public enum NetworkActivation
{
    /// <summary>max(x, 0).</summary>
    ReLU,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>1 / (1 + e^(−x)).</summary>
    Sigmoid,

    /// <summary>x for x &gt; 0, 0.01·x otherwise (PyTorch's default slope).</summary>
    LeakyReLU,
}

/// <summary>The update rule of the network trainers (MlNetDl.Tensors.Optim, PyTorch 1.13 semantics).</summary>
public enum NetworkOptimizer
{
    /// <summary>Adam (β = 0.9, 0.999; ε = 1e-8), weight decay added to the gradient.</summary>
    Adam,

    /// <summary>SGD with momentum (the options' Momentum, 0.9 by default).</summary>
    SGD,

    /// <summary>Adam with decoupled weight decay (PyTorch's default decay 1e-2 when WeightDecay is null).</summary>
    AdamW,

    /// <summary>RMSprop (α = 0.99, ε = 1e-8).</summary>
    RMSprop,
}

/// <summary>Turns the enum choices into modules and optimizers.</summary>
internal static class NetworkChoices
{
    public static Module<Tensor, Tensor> Create(NetworkActivation activation) => activation switch
    {
        NetworkActivation.ReLU => new ReLU(),
        NetworkActivation.Tanh => new Tanh(),
        NetworkActivation.Sigmoid => new Sigmoid(),
        NetworkActivation.LeakyReLU => new LeakyReLU(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown activation {(int)activation}."),
    };

    /// <summary>The optimizer over <paramref name="parameters"/>; <paramref name="weightDecay"/> null takes the
    /// optimizer's own default (0; AdamW 1e-2); <paramref name="momentum"/> is used by SGD only.</summary>
    public static Optimizer Create(NetworkOptimizer optimizer, IEnumerable<Tensor> parameters, double learningRate, double? weightDecay, double momentum) => optimizer switch
    {
        NetworkOptimizer.Adam => new Adam(parameters, lr: learningRate, weightDecay: weightDecay ?? 0),
        NetworkOptimizer.SGD => new SGD(parameters, lr: learningRate, momentum: momentum, weightDecay: weightDecay ?? 0),
        NetworkOptimizer.AdamW => new AdamW(parameters, lr: learningRate, weightDecay: weightDecay ?? 1e-2),
        NetworkOptimizer.RMSprop => new RMSprop(parameters, lr: learningRate, weightDecay: weightDecay ?? 0),
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, $"Unknown optimizer {(int)optimizer}."),
    };
}
