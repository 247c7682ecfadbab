namespace MlNetDl.Tensors.Nn;

/// <summary>How a loss combines its per-element values (PyTorch's <c>reduction=</c> argument).</summary>
public enum Reduction
{
    /// <summary>No reduction: the loss has the per-element shape.</summary>
    None,

    /// <summary>The mean (for weighted NLL / cross-entropy: divided by the sum of the target weights). Default.</summary>
    Mean,

    /// <summary>The sum.</summary>
    Sum,
}
