namespace MlNetDl.Tensors.Nn;

/// <summary>Returns its input unchanged (PyTorch's <c>nn.Identity</c>): a placeholder layer, e.g. a removed head.</summary>
public sealed class Identity : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => input;
}
