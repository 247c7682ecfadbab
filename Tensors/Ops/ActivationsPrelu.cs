using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>PReLU: y = x for x &gt; 0, wᶜ·x otherwise, with one learned slope per channel (dim 1) or one shared
/// slope. Each [channel, spatial] block is a leaky-ReLU pass with that channel's slope.</summary>
internal sealed class PreluFunction : Function
{
    public override string Name => "prelu";

    public static Tensor Apply(Tensor x, Tensor weight)
    {
        BinaryOp.RequireFloat(x, "prelu");
        BinaryOp.RequireFloat(weight, "prelu");
        int channels = x.Rank >= 2 ? x.Size(1) : 1;
        if (weight.Numel != 1 && weight.Numel != channels)
        {
            throw new ArgumentException(
                $"prelu: weight of shape {weight.Shape} has {weight.Numel} parameters; input of shape {x.Shape} has {channels} channel(s) (dim 1). Expected 1 or {channels} parameters.");
        }

        var y = Tensor.Empty(x.Shape);
        var (outer, c, inner) = Layout(x, weight);
        var w = weight.F;
        var xs = x.F;
        var ys = y.F;
        for (int o = 0; o < outer; o++)
        {
            for (int k = 0; k < c; k++)
            {
                int start = (o * c + k) * inner;
                ActivationKernels.LeakyRelu(xs.Slice(start, inner), ys.Slice(start, inner), w[k]);
            }
        }

        if (!GradMode.ShouldRecord(x, weight))
        {
            return y;
        }

        var fn = new PreluFunction();
        fn.SaveForBackward(x, weight);
        return fn.Attach(y, x, weight);
    }

    /// <summary>[outer, channels, inner] with channels = 1 for a shared slope.</summary>
    private static (int Outer, int C, int Inner) Layout(Tensor x, Tensor weight)
    {
        if (weight.Numel == 1 || x.Rank < 2)
        {
            return (1, 1, x.Numel);
        }

        return Reduce.Split(x.Shape, 1);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (x, weight) = (Saved(0), Saved(1));
        var (outer, c, inner) = Layout(x, weight);
        var gx = NeedsInputGrad(0) ? Tensor.Empty(x.Shape) : null;
        var gw = NeedsInputGrad(1) ? Tensor.Zeros(weight.Shape) : null;
        var w = weight.F;
        var xs = x.F;
        var gs = g.F;
        for (int o = 0; o < outer; o++)
        {
            for (int k = 0; k < c; k++)
            {
                int start = (o * c + k) * inner;
                var xb = xs.Slice(start, inner);
                var gb = gs.Slice(start, inner);
                if (gx is not null)
                {
                    ActivationKernels.LeakyReluBackward(gb, xb, gx.F.Slice(start, inner), w[k]);
                }

                if (gw is not null)
                {
                    // dL/dw = Σ g·x over the non-positive inputs of this channel
                    double acc = 0;
                    for (int j = 0; j < xb.Length; j++)
                    {
                        acc += xb[j] > 0 ? 0 : (double)gb[j] * xb[j];
                    }

                    gw.F[k] += (float)acc;
                }
            }
        }

        return [gx, gw];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("prelu_shared", x => Nn.Functional.Prelu(x[0], x[1]), g => [.. OpCase.AwayFromZero([2, 3, 4])(g), Tensor.Full([1], 0.25f)]),
        new("prelu_channels", x => Nn.Functional.Prelu(x[0], x[1]), g => [.. OpCase.AwayFromZero([2, 3, 2, 2])(g), Tensor.Uniform([3], 0f, 0.5f, g)]),
    ];
}
