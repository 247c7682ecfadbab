namespace MlNetDl.Tensors.Nn;

/// <summary>Flattens dims <see cref="StartDim"/>..<see cref="EndDim"/> into one (PyTorch's <c>nn.Flatten</c>; the
/// default keeps the batch dim: [N, C, H, W] → [N, C·H·W]). Returns a view.</summary>
public sealed class Flatten(int startDim = 1, int endDim = -1) : Module<Tensor, Tensor>
{
    public int StartDim { get; } = startDim;

    public int EndDim { get; } = endDim;

    /// <exception cref="ArgumentOutOfRangeException">A dim outside the input's rank.</exception>
    /// <exception cref="ArgumentException">start_dim after end_dim.</exception>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank > 0 && input.Shape.Normalize(StartDim) > input.Shape.Normalize(EndDim))
        {
            throw new ArgumentException($"{this}: start_dim cannot come after end_dim for input of shape {input.Shape}.", nameof(input));
        }

        return input.Flatten(StartDim, EndDim);
    }

    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
