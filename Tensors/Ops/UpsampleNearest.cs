using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels.Pool;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// Nearest-neighbour upsampling of [N, C, H, W] (torch.nn.functional.interpolate, mode "nearest"): output (oh, ow)
/// copies input (min(⌊oh·sH⌋, H − 1), min(⌊ow·sW⌋, W − 1)) with s = 1/scale_factor when a scale factor is given, else
/// in/out. Backward sums the gradient over each source pixel's copies.
/// </summary>
internal sealed class UpsampleNearestFunction : Function
{
    private int _planes, _inH, _inW;
    private int[] _srcH = [], _srcW = [];

    public override string Name => "upsample_nearest2d";

    /// <summary>Exactly one of <paramref name="size"/> and <paramref name="scaleFactor"/> must be given; with a
    /// scale factor the output size is ⌊in·scale⌋ per axis.</summary>
    /// <exception cref="ArgumentException">Both or neither given; an input that is not 4-D; a non-positive size or
    /// scale factor.</exception>
    public static Tensor Apply(Tensor x, (int H, int W)? size, (double H, double W)? scaleFactor, string op = "interpolate")
    {
        BinaryOp.RequireFloat(x, op);
        if (size is null == scaleFactor is null)
        {
            throw new ArgumentException(size is null
                ? $"{op}: either size or scale_factor should be defined."
                : $"{op}: only one of size or scale_factor should be defined.");
        }

        if (x.Rank != 4)
        {
            throw new ArgumentException($"{op}: nearest mode supports 4-D [N, C, H, W] input, got shape {x.Shape}.");
        }

        int h = x.Size(2), w = x.Size(3);
        int oh, ow;
        if (scaleFactor is { } sf)
        {
            if (!(sf.H > 0) || !(sf.W > 0) || double.IsInfinity(sf.H) || double.IsInfinity(sf.W))
            {
                throw new ArgumentException($"{op}: scale_factor must be positive and finite, got ({sf.H}, {sf.W}).");
            }

            oh = (int)Math.Floor(h * sf.H);
            ow = (int)Math.Floor(w * sf.W);
        }
        else
        {
            (oh, ow) = size!.Value;
        }

        if (oh <= 0 || ow <= 0 || h == 0 || w == 0)
        {
            throw new ArgumentException($"{op}: input of shape {x.Shape} gives output size {oh}x{ow}; input and output sizes should be greater than 0.");
        }

        int planes = x.Size(0) * x.Size(1);
        var srcH = UpsampleKernels.SourceIndex(h, oh, scaleFactor?.H);
        var srcW = UpsampleKernels.SourceIndex(w, ow, scaleFactor?.W);
        var y = Tensor.Empty(PoolingShapes.WithPlane(x, oh, ow));
        UpsampleKernels.Forward(x.FMemory, y.FMemory, planes, h, w, srcH, srcW);
        if (!GradMode.ShouldRecord(x))
        {
            return y;
        }

        var fn = new UpsampleNearestFunction { _planes = planes, _inH = h, _inW = w, _srcH = srcH, _srcW = srcW };
        return fn.Attach(y, x);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var gx = Tensor.Empty(Inputs[0].Shape);
        UpsampleKernels.Backward(g.FMemory, gx.FMemory, _planes, _inH, _inW, _srcH, _srcW);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("upsample_nearest_2", x => Apply(x[0], null, (2.0, 2.0)), OpCase.Shapes([2, 3, 3, 4])),
        new("upsample_nearest_size", x => Apply(x[0], (5, 7), null), OpCase.Shapes([1, 2, 3, 4])),
        new("upsample_nearest_fractional", x => Apply(x[0], null, (1.5, 0.6)), OpCase.Shapes([2, 1, 4, 5])),
    ];
}
