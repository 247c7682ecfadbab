namespace MlNetDl.Tensors.Nn;

/// <summary>
/// Batch normalization over a batch of vectors [N, C] or sequences [N, C, L] (PyTorch's <c>nn.BatchNorm1d</c>):
/// y = (x − E[x]) / √(Var[x] + eps)·γ + β per channel. Training normalizes with the batch's biased variance and
/// updates running_var with the unbiased one; evaluation uses the running statistics.
/// </summary>
public sealed class BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    : BatchNormBase(numFeatures, eps, momentum, affine, trackRunningStats)
{
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D.</exception>
    protected override void CheckInputDim(Tensor input)
    {
        if (input.Rank is not (2 or 3))
        {
            throw new ArgumentException($"{this}: expected 2D or 3D input (got {input.Rank}D input of shape {input.Shape}).", nameof(input));
        }
    }
}
