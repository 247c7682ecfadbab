using MlNetDl.Tensors.Kernels.Optim;

namespace MlNetDl.Tensors.Optim;

/// <summary>
/// RMSprop (PyTorch 1.13's <c>torch.optim.RMSprop</c>). For each parameter θ with gradient g, smoothing α,
/// learning rate γ, weight decay λ and momentum μ:
/// <code>
/// g ← g + λ·θ                               (if λ ≠ 0)
/// s ← α·s + (1 − α)·g²                      (s, ḡ, b start at 0)
/// if centered:  ḡ ← α·ḡ + (1 − α)·g;  d ← √(s − ḡ²) + ε
/// else:         d ← √s + ε
/// if μ &gt; 0:   b ← μ·b + g/d;  θ ← θ − γ·b
/// else:         θ ← θ − γ·g/d
/// </code>
/// </summary>
public sealed class RMSprop : Optimizer<RmsPropState>
{
    /// <summary>One group holding <paramref name="parameters"/>; the options are as in the other constructor.</summary>
    public RMSprop(IEnumerable<Tensor> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : this([new ParamGroup(parameters)], lr, alpha, eps, weightDecay, momentum, centered)
    {
    }

    /// <param name="paramGroups">Groups; a group's LearningRate/WeightDecay override <paramref name="lr"/>/<paramref name="weightDecay"/>.</param>
    /// <param name="lr">γ ≥ 0.</param>
    /// <param name="alpha">α ≥ 0 (PyTorch allows any non-negative value).</param>
    /// <param name="eps">ε ≥ 0.</param>
    /// <param name="weightDecay">λ ≥ 0.</param>
    /// <param name="momentum">μ ≥ 0.</param>
    /// <param name="centered">Normalize by an estimate of the gradient's variance instead of its second moment.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">Bad parameters (see <see cref="Optimizer"/>).</exception>
    public RMSprop(IEnumerable<ParamGroup> paramGroups, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(nameof(RMSprop), paramGroups, lr, weightDecay)
    {
        HyperParameters.NonNegative(Name, nameof(alpha), alpha);
        HyperParameters.NonNegative(Name, nameof(eps), eps);
        HyperParameters.NonNegative(Name, nameof(momentum), momentum);
        Alpha = alpha;
        Eps = eps;
        Momentum = momentum;
        Centered = centered;
    }

    public double Alpha { get; }

    public double Eps { get; }

    public double Momentum { get; }

    public bool Centered { get; }

    protected override RmsPropState CreateState(int length) => new(length, Centered, Momentum > 0);

    protected override void Update(ParamGroup group, RmsPropState state, Span<float> parameter, ReadOnlySpan<float> grad)
    {
        state.Step++;
        var c = new RmsPropCoefficients((float)-group.Lr, (float)Alpha, (float)(1 - Alpha), (float)Eps, (float)group.Decay, (float)Momentum, Centered);
        OptimizerKernels.RmsProp(parameter, grad, state.SquareAvgBuffer, state.GradAvgBuffer, state.MomentumBufferArray, c);
    }
}
