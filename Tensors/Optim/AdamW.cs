namespace MlNetDl.Tensors.Optim;

/// <summary>
/// AdamW: Adam with decoupled weight decay (PyTorch 1.13's <c>torch.optim.AdamW</c>). For each parameter θ with
/// gradient g, at the parameter's t-th update:
/// <code>
/// θ ← θ·(1 − γ·λ)                          (decay the weights, not the gradient)
/// m ← β₁·m + (1 − β₁)·g                    (m, v start at 0)
/// v ← β₂·v + (1 − β₂)·g²
/// v̂ ← max(v̂, v) if amsgrad, else v̂ ← v
/// θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
/// </code>
/// </summary>
public sealed class AdamW : AdamBase
{
    /// <summary>One group holding <paramref name="parameters"/>; the options are as in the other constructor.</summary>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : this([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    /// <param name="paramGroups">Groups; a group's LearningRate/WeightDecay override <paramref name="lr"/>/<paramref name="weightDecay"/>.</param>
    /// <param name="lr">γ ≥ 0.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="eps">ε ≥ 0.</param>
    /// <param name="weightDecay">λ ≥ 0, decoupled (default 1e-2, as PyTorch).</param>
    /// <param name="amsgrad">Normalize by the running maximum of v (AMSGrad).</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">Bad parameters (see <see cref="Optimizer"/>).</exception>
    public AdamW(IEnumerable<ParamGroup> paramGroups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(nameof(AdamW), paramGroups, lr, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    private protected override (float L2, float ParamScale) Decay(double lr, double decay) => (0f, (float)(1 - lr * decay));
}
