namespace MlNetDl.Tensors.Nn;

/// <summary>Channel dropout while <see cref="Module.Training"/> (PyTorch's <c>nn.Dropout2d</c>): each whole channel of
/// [N, C, H, W] is zeroed with probability p and kept ones are scaled by 1/(1−p); the identity in eval mode. Throws
/// ArgumentOutOfRangeException unless 0 ≤ p ≤ 1.</summary>
public sealed class Dropout2d : Module<Tensor, Tensor>
{
    public Dropout2d(float p = 0.5f, Generator? generator = null)
    {
        Functional.CheckProbability(p);
        P = p;
        Generator = generator;
    }

    public float P { get; }

    /// <summary>Source of the masks; null uses <see cref="MlNetDl.Tensors.Generator.Default"/>.</summary>
    public Generator? Generator { get; }

    public override Tensor Forward(Tensor input) => Functional.Dropout2d(input, P, Training, Generator);

    protected override string ExtraRepr() => $"p={PyRepr.Float(P)}, inplace=False";
}
