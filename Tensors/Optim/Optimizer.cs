using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Tensors.Optim;

/// <summary>
/// Base of all optimizers (PyTorch's <c>torch.optim.Optimizer</c>): owns the parameter groups, the step count,
/// validation of parameters and group options, <see cref="ZeroGrad"/>, and the loop of <see cref="Step"/>,
/// which updates every parameter that has a gradient, in place and without recording. Subclasses implement
/// only the per-parameter update.
/// </summary>
public abstract class Optimizer
{
    private readonly ParamGroup[] _groups;

    /// <param name="name">Names the optimizer in messages.</param>
    /// <param name="paramGroups">Groups whose null options take <paramref name="lr"/> and <paramref name="weightDecay"/>.</param>
    /// <param name="lr">Default learning rate, finite ≥ 0.</param>
    /// <param name="weightDecay">Default weight decay, finite ≥ 0.</param>
    /// <exception cref="ArgumentException">No parameters; a parameter that is not a float32 leaf, is disposed, or
    /// appears twice; an option out of range (the message names it, the range and the value).</exception>
    protected Optimizer(string name, IEnumerable<ParamGroup> paramGroups, double lr, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(paramGroups);
        Name = name;
        HyperParameters.NonNegative(name, "lr", lr);
        HyperParameters.NonNegative(name, "weightDecay", weightDecay);
        _groups = paramGroups.ToArray();
        if (_groups.Length == 0)
        {
            throw new ArgumentException($"{name}: got an empty list of parameter groups.", nameof(paramGroups));
        }

        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int gi = 0; gi < _groups.Length; gi++)
        {
            var group = _groups[gi] ?? throw new ArgumentNullException(nameof(paramGroups), $"{name}: parameter group {gi} is null.");
            group.LearningRate ??= lr;
            group.WeightDecay ??= weightDecay;
            string where = _groups.Length == 1 ? name : $"{name} (parameter group {gi})";
            HyperParameters.NonNegative(where, "lr", group.Lr);
            HyperParameters.NonNegative(where, "weightDecay", group.Decay);
            foreach (var p in group.ParameterArray)
            {
                CheckParameter(where, p, ParameterCount);
                if (!seen.Add(p))
                {
                    throw new ArgumentException($"{where}: parameter of shape {p.Shape} appears more than once (in one group or in two).", nameof(paramGroups));
                }

                ParameterCount++;
            }
        }

        if (ParameterCount == 0)
        {
            throw new ArgumentException($"{name}: got an empty parameter list.", nameof(paramGroups));
        }
    }

    /// <summary>The optimizer's name in messages (e.g. "Adam").</summary>
    public string Name { get; }

    /// <summary>The parameter groups, options filled in; schedulers change their learning rates.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups => _groups;

    /// <summary>Number of parameters over all groups.</summary>
    public int ParameterCount { get; }

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>Updates every parameter whose <see cref="Tensor.Grad"/> is not null (others are skipped and keep
    /// their state), in place under <see cref="GradMode.NoGrad"/>. Allocation-free once each parameter's state exists.</summary>
    /// <exception cref="InvalidOperationException">A gradient's shape or dtype differs from its parameter's, or a
    /// parameter was disposed.</exception>
    public void Step()
    {
        using var noGrad = GradMode.NoGrad();
        int slot = 0;
        foreach (var group in _groups)
        {
            foreach (var p in group.ParameterArray)
            {
                var grad = p.Grad;
                if (grad is not null)
                {
                    if (grad.DType != DType.Float32 || grad.Shape != p.Shape)
                    {
                        throw new InvalidOperationException(
                            $"{Name}.Step: parameter {slot} has shape {p.Shape} (float32) but its gradient is {grad.DType.TorchName()} {grad.Shape}.");
                    }

                    // Read the gradient before bumping the parameter's version (they never share storage in practice).
                    Update(slot, group, p.AsWritableSpan<float>(), grad.AsReadOnlySpan<float>());
                }

                slot++;
            }
        }

        StepCount++;
    }

    /// <summary>Clears the gradients of all parameters. The default, as in PyTorch 1.13
    /// (<c>zero_grad(set_to_none=False)</c>), fills existing gradients with zeros in place, so the next backward
    /// accumulates into the same storage; <paramref name="setToNone"/> drops them instead (<see cref="Tensor.Grad"/>
    /// becomes null, the optimizers then skip those parameters until a new backward).</summary>
    public void ZeroGrad(bool setToNone = false)
    {
        foreach (var group in _groups)
        {
            foreach (var p in group.ParameterArray)
            {
                var grad = p.Grad;
                if (grad is null)
                {
                    continue;
                }

                if (setToNone)
                {
                    p.Grad = null;
                    continue;
                }

                // As PyTorch: a gradient built with a graph is cut from it before being zeroed.
                if (grad.GradFn is not null)
                {
                    grad.GradFn = null;
                }

                grad.RequiresGrad = false;
                grad.AsWritableSpan<float>().Clear();
            }
        }
    }

    /// <summary>Applies one update to parameter number <paramref name="slot"/> (counted over all groups).</summary>
    private protected abstract void Update(int slot, ParamGroup group, Span<float> parameter, ReadOnlySpan<float> grad);

    public override string ToString() =>
        $"{Name}({string.Join(", ", _groups.Select((g, i) => $"group {i}: {g.ParameterArray.Length} parameters, lr={g.LearningRate}, weightDecay={g.WeightDecay}"))})";

    private static void CheckParameter(string where, Tensor p, int index)
    {
        if (p.IsDisposed)
        {
            throw new ArgumentException($"{where}: parameter {index} (shape {p.Shape}) is disposed.", "parameters");
        }

        if (p.DType != DType.Float32)
        {
            throw new ArgumentException($"{where}: parameter {index} (shape {p.Shape}) must be float32; got {p.DType.TorchName()}.", "parameters");
        }

        if (!p.IsLeaf)
        {
            throw new ArgumentException($"{where}: parameter {index} (shape {p.Shape}) must be a leaf tensor; it was produced by '{p.GradFn!.Name}'. Optimize the leaf, or Detach() it.", "parameters");
        }
    }
}

/// <summary>An optimizer with per-parameter state of type <typeparamref name="TState"/>, created lazily the first
/// time the parameter is updated (state buffers are plain arrays, allocated once).</summary>
public abstract class Optimizer<TState> : Optimizer where TState : class
{
    private readonly TState?[] _state;

    protected Optimizer(string name, IEnumerable<ParamGroup> paramGroups, double lr, double weightDecay)
        : base(name, paramGroups, lr, weightDecay)
    {
        _state = new TState?[ParameterCount];
    }

    /// <summary>The state of parameter number <paramref name="slot"/> (counted over all groups in order), or null before its first update.</summary>
    public TState? StateOf(int slot) => _state[slot];

    /// <summary>New state for a parameter of <paramref name="length"/> elements.</summary>
    protected abstract TState CreateState(int length);

    /// <summary>One update of a parameter (in place) from its gradient; <paramref name="state"/> persists between steps.</summary>
    protected abstract void Update(ParamGroup group, TState state, Span<float> parameter, ReadOnlySpan<float> grad);

    private protected sealed override void Update(int slot, ParamGroup group, Span<float> parameter, ReadOnlySpan<float> grad) =>
        Update(group, _state[slot] ??= CreateState(parameter.Length), parameter, grad);
}
