using System.Globalization;

namespace MlNetDl.Tensors.Nn;

/// <summary>An (H, W) hyperparameter that remembers whether it was given as one int or as a pair, so a module's repr
/// prints it as PyTorch does (<c>kernel_size=2</c> vs <c>kernel_size=(2, 3)</c>).</summary>
internal readonly record struct Pair2d(int H, int W, bool IsPair)
{
    public static Pair2d Of(int v) => new(v, v, false);

    public static Pair2d Of((int H, int W) v) => new(v.H, v.W, true);

    public (int H, int W) Value => (H, W);

    public override string ToString() => IsPair ? $"({H}, {W})" : H.ToString(CultureInfo.InvariantCulture);
}
