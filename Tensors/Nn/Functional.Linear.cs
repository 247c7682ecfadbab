using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

/// <summary>Stateless forms of the layers (PyTorch's <c>torch.nn.functional</c>).</summary>
public static partial class Functional
{
    /// <summary>y = x·Wᵀ + b for x [..., in], <paramref name="weight"/> [out, in], <paramref name="bias"/> [out]
    /// (optional); y is [..., out].</summary>
    /// <exception cref="ArgumentException">Shapes that do not fit, or non-float32 operands.</exception>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null) => LinearFunction.Apply(input, weight, bias);
}
