namespace MlNetDl.Tensors.Nn;

/// <summary>
/// Batch normalization of images [N, C, H, W] (PyTorch's <c>nn.BatchNorm2d</c>): y = (x − E[x]) / √(Var[x] + eps)·γ + β
/// per channel, the statistics taken over N, H and W. Training normalizes with the biased batch variance and updates
/// running_var with the unbiased one; evaluation uses the running statistics.
/// </summary>
public sealed class BatchNorm2d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    : BatchNormBase(numFeatures, eps, momentum, affine, trackRunningStats)
{
    /// <exception cref="ArgumentException">The input is not 4-D.</exception>
    protected override void CheckInputDim(Tensor input)
    {
        if (input.Rank != 4)
        {
            throw new ArgumentException($"{this}: expected 4D input (got {input.Rank}D input of shape {input.Shape}).", nameof(input));
        }
    }
}
