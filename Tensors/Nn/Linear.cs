namespace MlNetDl.Tensors.Nn;

/// <summary>
/// Affine layer y = x·Wᵀ + b (PyTorch's <c>nn.Linear</c>): weight [out, in] and bias [out], initialized as
/// PyTorch 1.13 does (kaiming_uniform with a = √5, i.e. U(−1/√in, 1/√in), and the bias U(−1/√in, 1/√in)).
/// Input [..., in] → output [..., out].
/// </summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <exception cref="ArgumentOutOfRangeException">A negative feature count.</exception>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegative(outFeatures);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        using (TensorScope.Suspend())
        {
            Weight = RegisterParameter("weight", Tensor.Empty(new Shape(outFeatures, inFeatures)))!;
            Bias = RegisterParameter("bias", bias ? Tensor.Empty(new Shape(outFeatures)) : null);
        }

        ResetParameters(generator);
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    /// <summary>[out_features, in_features].</summary>
    public Tensor Weight { get; }

    /// <summary>[out_features], or null when built with <c>bias: false</c>.</summary>
    public Tensor? Bias { get; }

    /// <summary>Re-draws the weight with kaiming_uniform(a = √5) and the bias from U(−1/√fan_in, 1/√fan_in).</summary>
    public void ResetParameters(Generator? generator = null)
    {
        Init.KaimingUniform(Weight, a: Math.Sqrt(5), generator: generator);
        if (Bias is not null)
        {
            int fanIn = Init.CalculateFanInAndFanOut(Weight).FanIn;
            double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            Init.Uniform(Bias, -bound, bound, generator);
        }
    }

    /// <exception cref="ArgumentException">The input's last dimension is not <see cref="InFeatures"/>.</exception>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank == 0 || input.Size(-1) != InFeatures)
        {
            throw new ArgumentException(
                $"{this}: expected input with last dimension in_features={InFeatures}, got shape {input.Shape}.", nameof(input));
        }

        return Functional.Linear(input, Weight, Bias);
    }

    protected override string ExtraRepr() => $"in_features={InFeatures}, out_features={OutFeatures}, bias={PyBool(Bias is not null)}";
}
