using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

public static partial class Functional
{
    /// <summary>Batch normalization of <paramref name="input"/> [N, C, *] per channel C (torch.nn.functional.batch_norm).
    /// With <paramref name="training"/> the batch's statistics are used and blended into the running ones when given
    /// (r ← (1 − momentum)·r + momentum·stat, unbiased variance); otherwise the running statistics are used.</summary>
    /// <exception cref="ArgumentException">Per-channel tensors not [C]; no running statistics in evaluation; one value
    /// per channel in training.</exception>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, double momentum = 0.1, double eps = 1e-5) =>
        BatchNormFunction.Apply(input, weight, bias, runningMean, runningVar, training, momentum, eps);
}
