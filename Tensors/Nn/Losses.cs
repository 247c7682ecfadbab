namespace MlNetDl.Tensors.Nn;

/// <summary>Base of the loss modules (PyTorch's <c>_Loss</c>): holds the reduction; <see cref="Forward"/> takes the
/// input and the target. Class weights are registered as buffers named as in PyTorch ("weight", "pos_weight").</summary>
public abstract class Loss(Reduction reduction) : Module
{
    public Reduction Reduction { get; } = reduction;

    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>PyTorch's <c>loss_fn(input, target)</c>: the forward inside the module-call bookkeeping.</summary>
    public Tensor Call(Tensor input, Tensor target)
    {
        var output = Forward(input, target);
        CallObserver.Current?.Invoke(this, output);
        return output;
    }
}

/// <summary>Mean squared error (<c>nn.MSELoss</c>).</summary>
public sealed class MSELoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    public override Tensor Forward(Tensor input, Tensor target) => Functional.MseLoss(input, target, Reduction);
}

/// <summary>Mean absolute error (<c>nn.L1Loss</c>).</summary>
public sealed class L1Loss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    public override Tensor Forward(Tensor input, Tensor target) => Functional.L1Loss(input, target, Reduction);
}

/// <summary>Smooth L1 / Huber-over-β loss (<c>nn.SmoothL1Loss</c>).</summary>
public sealed class SmoothL1Loss(Reduction reduction = Reduction.Mean, float beta = 1f) : Loss(reduction)
{
    public float Beta { get; } = beta;

    public override Tensor Forward(Tensor input, Tensor target) => Functional.SmoothL1Loss(input, target, Reduction, Beta);
}

/// <summary>Binary cross-entropy on probabilities (<c>nn.BCELoss</c>).</summary>
public sealed class BCELoss : Loss
{
    public BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean)
        : base(reduction) => Weight = RegisterBuffer("weight", weight);

    public Tensor? Weight { get; }

    public override Tensor Forward(Tensor input, Tensor target) => Functional.BinaryCrossEntropy(input, target, Weight, Reduction);
}

/// <summary>Binary cross-entropy on logits, numerically stable (<c>nn.BCEWithLogitsLoss</c>).</summary>
public sealed class BCEWithLogitsLoss : Loss
{
    public BCEWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? posWeight = null)
        : base(reduction)
    {
        Weight = RegisterBuffer("weight", weight);
        PosWeight = RegisterBuffer("pos_weight", posWeight);
    }

    public Tensor? Weight { get; }

    public Tensor? PosWeight { get; }

    public override Tensor Forward(Tensor input, Tensor target) =>
        Functional.BinaryCrossEntropyWithLogits(input, target, Weight, PosWeight, Reduction);
}

/// <summary>Negative log-likelihood of log-probabilities at class indices (<c>nn.NLLLoss</c>).</summary>
public sealed class NLLLoss : Loss
{
    public NLLLoss(Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
        Weight = RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
    }

    public Tensor? Weight { get; }

    public long IgnoreIndex { get; }

    public override Tensor Forward(Tensor input, Tensor target) => Functional.NllLoss(input, target, Weight, IgnoreIndex, Reduction);
}

/// <summary>Cross-entropy of logits at class indices, LogSoftmax + NLLLoss (<c>nn.CrossEntropyLoss</c>).</summary>
public sealed class CrossEntropyLoss : Loss
{
    public CrossEntropyLoss(Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        : base(reduction)
    {
        Weight = RegisterBuffer("weight", weight);
        IgnoreIndex = ignoreIndex;
    }

    public Tensor? Weight { get; }

    public long IgnoreIndex { get; }

    public override Tensor Forward(Tensor input, Tensor target) => Functional.CrossEntropy(input, target, Weight, IgnoreIndex, Reduction);
}
