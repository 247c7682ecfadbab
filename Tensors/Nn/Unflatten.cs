namespace MlNetDl.Tensors.Nn;

/// <summary>Splits dim <see cref="Dim"/> into <see cref="Sizes"/> (PyTorch's <c>nn.Unflatten</c>; one size may be
/// -1): [N, 12] with dim 1, sizes (3, 4) → [N, 3, 4]. Returns a view.</summary>
public sealed class Unflatten : Module<Tensor, Tensor>
{
    private readonly int[] _sizes;

    /// <exception cref="ArgumentException">No sizes, more than one -1, or a size below -1.</exception>
    public Unflatten(int dim, params int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length == 0 || sizes.Count(s => s == -1) > 1 || sizes.Any(s => s < -1))
        {
            throw new ArgumentException($"Unflatten: unflattened_size must be non-empty with at most one -1 and no other negative size; got {PyTuple(sizes)}.", nameof(sizes));
        }

        Dim = dim;
        _sizes = (int[])sizes.Clone();
    }

    public int Dim { get; }

    public IReadOnlyList<int> Sizes => _sizes;

    /// <exception cref="ArgumentException">The sizes do not multiply to the size of <see cref="Dim"/>.</exception>
    public override Tensor Forward(Tensor input)
    {
        int d = input.Shape.Normalize(Dim);
        int known = 1;
        foreach (var s in _sizes)
        {
            known *= s == -1 ? 1 : s;
        }

        int size = input.Size(d);
        bool inferred = _sizes.Contains(-1);
        if (inferred ? known == 0 || size % known != 0 : known != size)
        {
            throw new ArgumentException($"{this}: unflattened_size {PyTuple(_sizes)} does not fit dimension {Dim} of size {size} in input of shape {input.Shape}.", nameof(input));
        }

        var dims = new List<int>(input.Rank + _sizes.Length - 1);
        dims.AddRange(input.Shape.ToArray()[..d]);
        dims.AddRange(_sizes.Select(s => s == -1 ? size / known : s));
        dims.AddRange(input.Shape.ToArray()[(d + 1)..]);
        return input.Reshape([.. dims]);
    }

    protected override string ExtraRepr() => $"dim={Dim}, unflattened_size={PyTuple(_sizes)}";
}
