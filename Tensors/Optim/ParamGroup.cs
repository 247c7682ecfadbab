namespace MlNetDl.Tensors.Optim;

/// <summary>
/// A set of parameters with its own options, as a PyTorch parameter-group dict:
/// <c>new ParamGroup(weights) { WeightDecay = 5e-4 }, new ParamGroup(biases) { WeightDecay = 0 }</c>.
/// Options left null take the optimizer's defaults when the group is handed to an optimizer, which fills them
/// in (as PyTorch's <c>setdefault</c>); schedulers then change <see cref="LearningRate"/> through
/// <see cref="Optimizer.ParamGroups"/>.
/// </summary>
public sealed class ParamGroup
{
    private readonly Tensor[] _parameters;

    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of its items is null.</exception>
    public ParamGroup(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i] is null)
            {
                throw new ArgumentNullException(nameof(parameters), $"ParamGroup: parameter {i} is null.");
            }
        }
    }

    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>Learning rate of this group; null until an optimizer fills in its default. Schedulers set it.</summary>
    public double? LearningRate { get; set; }

    /// <summary>Weight decay (L2 penalty, or AdamW's decoupled decay) of this group; null until an optimizer
    /// fills in its default.</summary>
    public double? WeightDecay { get; set; }

    /// <summary>The learning rate when the first scheduler was attached (PyTorch's <c>initial_lr</c>).</summary>
    public double? InitialLearningRate { get; internal set; }

    internal Tensor[] ParameterArray => _parameters;

    internal double Lr => LearningRate ?? throw Unset(nameof(LearningRate));

    internal double Decay => WeightDecay ?? throw Unset(nameof(WeightDecay));

    private static InvalidOperationException Unset(string option) =>
        new($"ParamGroup: {option} was set to null after the group was given to an optimizer; set a value.");

    public override string ToString() =>
        $"ParamGroup({_parameters.Length} parameters, lr={LearningRate?.ToString() ?? "default"}, weightDecay={WeightDecay?.ToString() ?? "default"})";
}
