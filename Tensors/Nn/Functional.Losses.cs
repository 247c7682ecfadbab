using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

/// <summary>Losses of <c>torch.nn.functional</c>. Input and target must have the same shape (unlike PyTorch's
/// silent broadcasting, a mismatch throws an ArgumentException naming both shapes); the default reduction is Mean.</summary>
public static partial class Functional
{
    /// <summary>(input − target)², reduced.</summary>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        LossCheck.SameShape(input, target, "mse_loss");
        var d = input - target;
        return Reduce(d * d, reduction);
    }

    /// <summary>|input − target|, reduced.</summary>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        LossCheck.SameShape(input, target, "l1_loss");
        return Reduce((input - target).Abs(), reduction);
    }

    /// <summary>0.5·d²/β where |d| &lt; β, |d| − 0.5·β otherwise (d = input − target), reduced. β = 0 is L1.</summary>
    public static Tensor SmoothL1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, float beta = 1f) =>
        Reduce(SmoothL1Function.Apply(input, target, beta), reduction);

    /// <summary>−w·(t·log x + (1−t)·log(1−x)) on probabilities x ∈ [0, 1] (each log clamped at −100), reduced.
    /// <paramref name="weight"/> broadcasts to the input. Throws ArgumentException for inputs outside [0, 1].</summary>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) =>
        Reduce(BceFunction.Apply(input, target, weight), reduction);

    /// <summary>Binary cross-entropy of sigmoid(input) computed stably from logits:
    /// −w·(p·t·log σ(x) + (1−t)·log(1−σ(x))), p = <paramref name="posWeight"/> (broadcast along the last dimension).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(
        Tensor input, Tensor target, Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean) =>
        Reduce(BceWithLogitsFunction.Apply(input, target, weight, posWeight), reduction);

    /// <summary>−w[t]·input[n, t] for log-probabilities input [N, C] or [N, C, d1, …] and int64 targets [N] or
    /// [N, d1, …]; targets equal to <paramref name="ignoreIndex"/> contribute nothing. Mean divides by the sum of
    /// the targets' weights. Throws ArgumentException for a wrong target dtype or shape, or a class out of range.</summary>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean) =>
        NllLossFunction.Apply(input, target, weight, ignoreIndex, reduction);

    /// <summary>NllLoss(LogSoftmax(input, 1), target): cross-entropy of raw logits [N, C] or [N, C, d1, …] (or [C])
    /// against class indices.</summary>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, long ignoreIndex = -100, Reduction reduction = Reduction.Mean)
    {
        if (target.DType != DType.Int64)
        {
            // Checked before the softmax so the message names the caller's op.
            throw new ArgumentException($"cross_entropy: expected a target of dtype torch.int64 (class indices), got {target.DType.TorchName()} of shape {target.Shape}.");
        }

        return NllLoss(LogSoftmax(input, input.Rank == 1 ? 0 : 1), target, weight, ignoreIndex, reduction);
    }

    private static Tensor Reduce(Tensor loss, Reduction reduction) => reduction switch
    {
        Reduction.None => loss,
        Reduction.Mean => loss.Mean(),
        Reduction.Sum => loss.Sum(),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Reduction must be None, Mean or Sum."),
    };
}
