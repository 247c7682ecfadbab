using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors;

/// <summary>Clamping, element-wise extrema, tensor powers and min reductions.</summary>
public sealed partial class Tensor
{
    /// <summary>min(max(x, min), max) with either bound optional (torch.clamp); NaN stays NaN. The gradient
    /// passes where min ≤ x ≤ max. Throws when both bounds are null.</summary>
    public Tensor Clamp(float? min = null, float? max = null) => ClampFunction.Apply(this, min, max);

    public Tensor ClampMin(float min) => ClampFunction.Apply(this, min, null);

    public Tensor ClampMax(float max) => ClampFunction.Apply(this, null, max);

    /// <summary>Element-wise maximum with broadcasting (torch.maximum); NaN propagates; ties split the
    /// gradient half and half.</summary>
    public static Tensor Maximum(Tensor a, Tensor b) => ExtremumFunction.Apply(a, b, max: true);

    /// <summary>Element-wise minimum with broadcasting (torch.minimum); see <see cref="Maximum"/>.</summary>
    public static Tensor Minimum(Tensor a, Tensor b) => ExtremumFunction.Apply(a, b, max: false);

    /// <summary>Alias of <see cref="Maximum"/> (torch.max(a, b)).</summary>
    public Tensor Max(Tensor other) => Maximum(this, other);

    /// <summary>Alias of <see cref="Minimum"/> (torch.min(a, b)).</summary>
    public Tensor Min(Tensor other) => Minimum(this, other);

    /// <summary>a^b element-wise with broadcasting; differentiable in both (d/db uses ln a).</summary>
    public Tensor Pow(Tensor exponent) => PowFunction.Apply(this, exponent);

    /// <summary>Minimum along <paramref name="dim"/> with the index of its first occurrence.</summary>
    public (Tensor Values, Tensor Indices) Min(int dim, bool keepDim = false) => ArgExtremumFunction.Apply(this, dim, keepDim, max: false);

    /// <summary>Minimum of all elements (a 0-d tensor).</summary>
    public Tensor Min() => Reshape(-1).Min(0).Values;

    /// <summary>Index of the minimum along <paramref name="dim"/> (int64), or over all elements when null.</summary>
    public Tensor ArgMin(int? dim = null, bool keepDim = false)
    {
        using var _ = NoGrad();
        return dim is int d ? Min(d, keepDim).Indices : Reshape(-1).Min(0).Indices;
    }
}
