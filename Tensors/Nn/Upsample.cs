using System.Globalization;
using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

/// <summary>Resizes [N, C, H, W] to a size or by a scale factor (PyTorch's <c>nn.Upsample</c>; nearest mode); see
/// <c>Functional.Interpolate</c>.</summary>
public sealed class Upsample : Module<Tensor, Tensor>
{
    private readonly string _repr;

    /// <summary>Output [size, size].</summary>
    public Upsample(int size, InterpolationMode mode = InterpolationMode.Nearest)
        : this((size, size), null, mode) => _repr = $"size={size.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Output ⌊in·scaleFactor⌋ on both axes.</summary>
    public Upsample(double scaleFactor, InterpolationMode mode = InterpolationMode.Nearest)
        : this(null, (scaleFactor, scaleFactor), mode) => _repr = $"scale_factor={PyFloat(scaleFactor)}";

    /// <summary>Exactly one of <paramref name="size"/> and <paramref name="scaleFactor"/>; throws ArgumentException otherwise.</summary>
    public Upsample((int H, int W)? size = null, (double H, double W)? scaleFactor = null, InterpolationMode mode = InterpolationMode.Nearest)
    {
        if (size is null == scaleFactor is null)
        {
            throw new ArgumentException(size is null
                ? "Upsample: either size or scale_factor should be defined."
                : "Upsample: only one of size or scale_factor should be defined.");
        }

        Size = size;
        ScaleFactor = scaleFactor;
        Mode = mode;
        _repr = size is { } s ? $"size=({s.H}, {s.W})" : $"scale_factor=({PyFloat(scaleFactor!.Value.H)}, {PyFloat(scaleFactor.Value.W)})";
    }

    public (int H, int W)? Size { get; }

    public (double H, double W)? ScaleFactor { get; }

    public InterpolationMode Mode { get; }

    public override Tensor Forward(Tensor input) => UpsampleNearestFunction.Apply(input, Size, ScaleFactor, ToString());

    protected override string ExtraRepr() => $"{_repr}, mode={Mode.ToString().ToLowerInvariant()}";
}
