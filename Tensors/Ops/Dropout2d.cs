using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels.Pool;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// Channel dropout (PyTorch's feature_dropout behind nn.Dropout2d) of [N, C, *]: each (n, c) channel is kept with
/// probability 1 − p and scaled by 1/(1 − p), or zeroed whole. The per-channel factors are saved, so backward is
/// dx = g·m per channel.
/// </summary>
internal sealed class Dropout2dFunction : Function
{
    private int _planeSize;

    public override string Name => "dropout2d";

    /// <exception cref="ArgumentException">An input of rank below 2.</exception>
    public static Tensor Apply(Tensor x, float p, Generator generator)
    {
        BinaryOp.RequireFloat(x, "dropout2d");
        if (x.Rank < 2)
        {
            throw new ArgumentException($"dropout2d: expected an input [N, C, *] with at least 2 dimensions, got shape {x.Shape}.");
        }

        int planes = x.Size(0) * x.Size(1);
        int planeSize = planes == 0 ? 0 : x.Numel / planes;
        var mask = Tensor.Empty(new Shape(planes));
        DropoutFunction.FillMask(mask.F, p, generator);
        var y = Tensor.Empty(x.Shape);
        ChannelKernels.ScalePlanes(x.FMemory, mask.FMemory, y.FMemory, planeSize);
        if (!GradMode.ShouldRecord(x))
        {
            mask.Dispose();
            return y;
        }

        var fn = new Dropout2dFunction { _planeSize = planeSize };
        fn.SaveForBackward(mask);
        return fn.Attach(y, x);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var gx = Tensor.Empty(g.Shape);
        ChannelKernels.ScalePlanes(g.FMemory, Saved(0).FMemory, gx.FMemory, _planeSize);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        // A fixed generator per call makes the channel mask identical across the finite-difference evaluations.
        new("dropout2d", x => Nn.Functional.Dropout2d(x[0], 0.4f, training: true, new Generator(5)), OpCase.Shapes([3, 4, 2, 3])),
    ];
}
