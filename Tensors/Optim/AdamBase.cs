using MlNetDl.Tensors.Kernels.Optim;

namespace MlNetDl.Tensors.Optim;

/// <summary>What Adam and AdamW share: β₁, β₂, ε and AMSGrad, their validation, the moment state and the fused
/// update. They differ only in how weight decay enters (<see cref="Decay"/>).</summary>
public abstract class AdamBase : Optimizer<AdamState>
{
    private protected AdamBase(string name, IEnumerable<ParamGroup> paramGroups, double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad)
        : base(name, paramGroups, lr, weightDecay)
    {
        HyperParameters.UnitInterval(Name, nameof(beta1), beta1);
        HyperParameters.UnitInterval(Name, nameof(beta2), beta2);
        HyperParameters.NonNegative(Name, nameof(eps), eps);
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        AmsGrad = amsgrad;
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Eps { get; }

    public bool AmsGrad { get; }

    /// <summary>The L2 coefficient added to the gradient and the factor the parameter is scaled by before the
    /// update, for learning rate <paramref name="lr"/> and the group's weight decay <paramref name="decay"/>.</summary>
    private protected abstract (float L2, float ParamScale) Decay(double lr, double decay);

    protected override AdamState CreateState(int length) => new(length, AmsGrad);

    protected override void Update(ParamGroup group, AdamState state, Span<float> parameter, ReadOnlySpan<float> grad)
    {
        long t = ++state.Step;
        double lr = group.Lr;
        double stepSize = lr / (1 - Math.Pow(Beta1, t));
        double biasCorrection2Sqrt = Math.Sqrt(1 - Math.Pow(Beta2, t));
        var (l2, scale) = Decay(lr, group.Decay);
        var c = new AdamCoefficients((float)Beta1, (float)(1 - Beta1), (float)Beta2, (float)(1 - Beta2),
            WeightDecay: l2, ParamScale: scale, (float)-stepSize, (float)biasCorrection2Sqrt, (float)Eps, AmsGrad);
        OptimizerKernels.Adam(parameter, grad, state.ExpAvgBuffer, state.ExpAvgSqBuffer, state.MaxExpAvgSqBuffer, c);
    }
}
