namespace MlNetDl.Tensors.Nn;

/// <summary>Inverted dropout while <see cref="Module.Training"/> (zero with probability p, scale kept elements by
/// 1/(1−p)); the identity in eval mode (<c>nn.Dropout</c>). Throws ArgumentOutOfRangeException unless 0 ≤ p ≤ 1.</summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    public Dropout(float p = 0.5f, Generator? generator = null)
    {
        Functional.CheckProbability(p);
        P = p;
        Generator = generator;
    }

    public float P { get; }

    /// <summary>Source of the masks; null uses <see cref="MlNetDl.Tensors.Generator.Default"/>.</summary>
    public Generator? Generator { get; }

    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, Training, Generator);

    protected override string ExtraRepr() => $"p={PyRepr.Float(P)}, inplace=False";
}
