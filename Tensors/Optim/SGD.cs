using MlNetDl.Tensors.Kernels.Optim;

namespace MlNetDl.Tensors.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay
/// (PyTorch 1.13's <c>torch.optim.SGD</c>). For each parameter θ with gradient g, learning rate γ, weight decay λ,
/// momentum μ and dampening τ:
/// <code>
/// g ← g + λ·θ                                   (if λ ≠ 0)
/// if μ ≠ 0:
///     b ← g                  at the parameter's first update (no dampening then)
///     b ← μ·b + (1 − τ)·g    afterwards
///     g ← g + μ·b  if nesterov, else  g ← b
/// θ ← θ − γ·g
/// </code>
/// </summary>
public sealed class SGD : Optimizer<SgdState>
{
    /// <summary>One group holding <paramref name="parameters"/>; the options are as in the other constructor.</summary>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : this([new ParamGroup(parameters)], lr, momentum, dampening, weightDecay, nesterov)
    {
    }

    /// <param name="paramGroups">Groups; a group's LearningRate/WeightDecay override <paramref name="lr"/>/<paramref name="weightDecay"/>.</param>
    /// <param name="lr">γ ≥ 0 (required, as in PyTorch).</param>
    /// <param name="momentum">μ ≥ 0.</param>
    /// <param name="dampening">τ, any finite value (PyTorch does not restrict it).</param>
    /// <param name="weightDecay">λ ≥ 0.</param>
    /// <param name="nesterov">Nesterov momentum; needs μ &gt; 0 and τ = 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">Bad parameters (see <see cref="Optimizer"/>), or nesterov without momentum or with dampening.</exception>
    public SGD(IEnumerable<ParamGroup> paramGroups, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(nameof(SGD), paramGroups, lr, weightDecay)
    {
        HyperParameters.NonNegative(Name, nameof(momentum), momentum);
        HyperParameters.Finite(Name, nameof(dampening), dampening);
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException($"SGD: 'nesterov' requires 'momentum' > 0 and 'dampening' = 0; got momentum {momentum}, dampening {dampening}.", nameof(nesterov));
        }

        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
    }

    public double Momentum { get; }

    public double Dampening { get; }

    public bool Nesterov { get; }

    protected override SgdState CreateState(int length) => new(length, Momentum != 0);

    protected override void Update(ParamGroup group, SgdState state, Span<float> parameter, ReadOnlySpan<float> grad)
    {
        var c = new SgdCoefficients((float)-group.Lr, (float)group.Decay, (float)Momentum, (float)(1 - Dampening), Nesterov);
        OptimizerKernels.Sgd(parameter, grad, state.Buffer, firstStep: state.Step == 0, c);
        state.Step++;
    }
}
