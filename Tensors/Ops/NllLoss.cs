using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Tensors.Ops;

/// <summary>Negative log-likelihood of log-probabilities [N, C] or [N, C, d1, …] (or [C]) at int64 class targets
/// [N] or [N, d1, …] (or []): loss = −w[t]·input[n, t, …], zero where t == ignoreIndex. Mean divides by the
/// sum of the target weights (PyTorch's weighted mean; NaN when every target is ignored, as PyTorch 1.13).</summary>
internal sealed class NllLossFunction : Function
{
    private const string Op = "nll_loss";
    private float[]? _weight;
    private long _ignoreIndex;
    private Reduction _reduction;
    private float _totalWeight;

    public override string Name => Op;

    public static Tensor Apply(Tensor input, Tensor target, Tensor? weight, long ignoreIndex, Reduction reduction)
    {
        var (outer, c, inner) = Check(input, target, weight);
        var w = weight?.ToFloatArray();
        var ts = target.Span<long>();
        var xs = input.F;
        var perElement = reduction == Reduction.None ? Tensor.Empty(target.Shape) : null;
        double sum = 0, total = 0;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < inner; j++)
            {
                int k = o * inner + j;
                long t = ts[k];
                float l = 0;
                if (t != ignoreIndex)
                {
                    if (t < 0 || t >= c)
                    {
                        throw new ArgumentException(
                            $"{Op}: target {t} at flat index {k} is out of bounds for {c} classes (expected 0..{c - 1}, or ignoreIndex {ignoreIndex}).");
                    }

                    float wt = w is null ? 1f : w[t];
                    l = -wt * xs[(o * c + (int)t) * inner + j];
                    total += wt;
                }

                sum += l;
                if (perElement is not null)
                {
                    perElement.F[k] = l;
                }
            }
        }

        var y = perElement ?? Tensor.Scalar(reduction == Reduction.Mean ? (float)(sum / total) : (float)sum);
        if (!GradMode.ShouldRecord(input))
        {
            return y;
        }

        var fn = new NllLossFunction
        {
            _weight = w, _ignoreIndex = ignoreIndex, _reduction = reduction, _totalWeight = (float)total,
        };
        fn.SaveForBackward(target);
        return fn.Attach(y, input);
    }

    private static (int Outer, int C, int Inner) Check(Tensor input, Tensor target, Tensor? weight)
    {
        BinaryOp.RequireFloat(input, Op);
        if (target.DType != DType.Int64)
        {
            throw new ArgumentException($"{Op}: expected a target of dtype torch.int64 (class indices), got {target.DType.TorchName()} of shape {target.Shape}.");
        }

        if (input.Rank == 0)
        {
            throw new ArgumentException($"{Op}: input must have shape [N, C] or [N, C, d1, ...] (or [C]); got a scalar.");
        }

        // The expected target shape is the input's shape without the class dimension.
        int classDim = input.Rank == 1 ? 0 : 1;
        var expected = SumFunction.ReduceShapes(input.Shape, [classDim]).Final;
        if (target.Shape != expected)
        {
            throw new ArgumentException($"{Op}: input of shape {input.Shape} needs a target of shape {expected}, got target of shape {target.Shape}.");
        }

        int c = input.Size(classDim);
        if (weight is not null && (weight.DType != DType.Float32 || weight.Rank != 1 || weight.Numel != c))
        {
            throw new ArgumentException($"{Op}: weight must be a float32 tensor of shape [{c}] (one per class); got {weight.DType.TorchName()} of shape {weight.Shape}.");
        }

        return Reduce.Split(input.Shape, classDim);
    }

    /// <summary>d/d input[n, t, …] = −w[t]·g (÷ total weight for Mean); zero elsewhere.</summary>
    protected internal override Tensor?[] Backward(Tensor g)
    {
        var input = Inputs[0];
        var (outer, c, inner) = Reduce.Split(input.Shape, input.Rank == 1 ? 0 : 1);
        var gx = Tensor.Zeros(input.Shape);
        var d = gx.F;
        var gs = g.F;
        var ts = Saved(0).Span<long>();
        float scale = _reduction == Reduction.Mean ? 1f / _totalWeight : 1f;
        for (int o = 0; o < outer; o++)
        {
            for (int j = 0; j < inner; j++)
            {
                int k = o * inner + j;
                long t = ts[k];
                if (t == _ignoreIndex)
                {
                    continue;
                }

                float wt = _weight is null ? 1f : _weight[t];
                d[(o * c + (int)t) * inner + j] = -wt * scale * (_reduction == Reduction.None ? gs[k] : gs[0]);
            }
        }

        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("nll_loss", x => Functional.NllLoss(x[0], x[1]), g => [Tensor.Randn([4, 5], g), Tensor.RandInt(0, 5, [4], g)]),
        new("nll_loss_weight_ignore_sum", x => Functional.NllLoss(x[0], x[1], x[2], ignoreIndex: 1, Reduction.Sum),
            g => [Tensor.Randn([5, 3], g), Tensor.FromArray(new long[] { 0, 1, 2, 2, 1 }), Tensor.Uniform([3], 0.5f, 2f, g)]) { Constant = [2] },
        new("nll_loss_spatial_none", x => Functional.NllLoss(x[0], x[1], reduction: Reduction.None),
            g => [Tensor.Randn([2, 3, 2, 2], g), Tensor.RandInt(0, 3, [2, 2, 2], g)]),
        new("cross_entropy", x => Functional.CrossEntropy(x[0], x[1]), g => [Tensor.Randn([4, 6], g), Tensor.RandInt(0, 6, [4], g)]),
        new("cross_entropy_weight_spatial", x => Functional.CrossEntropy(x[0], x[1], x[2]),
            g => [Tensor.Randn([2, 4, 3], g), Tensor.RandInt(0, 4, [2, 3], g), Tensor.Uniform([4], 0.5f, 2f, g)]) { Constant = [2] },
    ];
}
