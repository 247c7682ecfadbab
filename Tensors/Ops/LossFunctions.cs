using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Tensors.Ops;

/// <summary>Checks shared by the element-wise losses: float inputs of one shape, weights broadcast to it.</summary>
internal static class LossCheck
{
    public static void SameShape(Tensor input, Tensor target, string op)
    {
        BinaryOp.RequireFloat(input, op);
        if (target.DType != DType.Float32)
        {
            throw new ArgumentException($"{op}: expected a float32 target, got {target.DType.TorchName()} of shape {target.Shape}.");
        }

        if (input.Shape != target.Shape)
        {
            throw new ArgumentException($"{op}: target of shape {target.Shape} does not match input of shape {input.Shape}; they must have the same shape.");
        }
    }

    /// <summary>A constant weight materialized at <paramref name="shape"/> (null stays null).</summary>
    public static Tensor? Broadcast(Tensor? w, Shape shape, string op, string what)
    {
        if (w is null)
        {
            return null;
        }

        BinaryOp.RequireFloat(w, op);
        if (Shape.Broadcast(w.Shape, shape, op) != shape)
        {
            throw new ArgumentException($"{op}: {what} of shape {w.Shape} cannot be broadcast to the input's shape {shape}.");
        }

        var r = Tensor.Empty(shape);
        Kernels.Expand.Run(w.F, w.Shape, r.F, shape);
        return r;
    }
}

/// <summary>Element-wise binary cross-entropy on probabilities: −w·(t·log x + (1−t)·log(1−x)) with each log
/// clamped at −100 as PyTorch, so x = 0 or 1 gives a finite loss. Weights are constants.</summary>
internal sealed class BceFunction : Function
{
    private Tensor? _weight;

    public override string Name => "binary_cross_entropy";

    public static Tensor Apply(Tensor x, Tensor t, Tensor? weight)
    {
        LossCheck.SameShape(x, t, "binary_cross_entropy");
        var w = LossCheck.Broadcast(weight, x.Shape, "binary_cross_entropy", "weight");
        var xs = x.F;
        var ts = t.F;
        for (int i = 0; i < xs.Length; i++)
        {
            if (!(xs[i] >= 0 && xs[i] <= 1))
            {
                throw new ArgumentException(
                    $"binary_cross_entropy: all elements of input should be between 0 and 1; got {xs[i]} at flat index {i} (use BinaryCrossEntropyWithLogits for logits).");
            }
        }

        var y = Tensor.Empty(x.Shape);
        var ys = y.F;
        for (int i = 0; i < xs.Length; i++)
        {
            float logX = MathF.Max(MathF.Log(xs[i]), -100f);
            float log1mX = MathF.Max(MathF.Log(1 - xs[i]), -100f);
            float l = -(ts[i] * logX + (1 - ts[i]) * log1mX);
            ys[i] = w is null ? l : l * w.F[i];
        }

        if (!GradMode.ShouldRecord(x, t))
        {
            return y;
        }

        var fn = new BceFunction { _weight = w };
        fn.SaveForBackward(x, t);
        return fn.Attach(y, x, t);
    }

    /// <summary>d/dx = w·(x − t)/max(x(1−x), 1e-12); d/dt = w·(log(1−x) − log x) (PyTorch's rules).</summary>
    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (x, t) = (Saved(0), Saved(1));
        var gx = NeedsInputGrad(0) ? Tensor.Empty(x.Shape) : null;
        var gt = NeedsInputGrad(1) ? Tensor.Empty(x.Shape) : null;
        var xs = x.F;
        var ts = t.F;
        var gs = g.F;
        for (int i = 0; i < xs.Length; i++)
        {
            float s = _weight is null ? gs[i] : gs[i] * _weight.F[i];
            if (gx is not null)
            {
                gx.F[i] = s * (xs[i] - ts[i]) / MathF.Max((1 - xs[i]) * xs[i], 1e-12f);
            }

            if (gt is not null)
            {
                gt.F[i] = s * (MathF.Log(1 - xs[i]) - MathF.Log(xs[i]));
            }
        }

        return [gx, gt];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("binary_cross_entropy", x => Nn.Functional.BinaryCrossEntropy(x[0], x[1]), OpCase.Uniform(0.1f, 0.9f, [3, 4], [3, 4])) { Constant = [1] },
        new("binary_cross_entropy_weight_sum", x => Nn.Functional.BinaryCrossEntropy(x[0], x[1], x[2], Nn.Reduction.Sum),
            OpCase.Uniform(0.1f, 0.9f, [2, 3], [2, 3], [3])) { Constant = [1, 2] },
    ];
}

/// <summary>Binary cross-entropy on logits in the stable form (1−t)·x + lw·(log(1+e^(−|x|)) + max(−x, 0)),
/// lw = 1 + (pos_weight − 1)·t, times weight. Gradient w·((1−t) − lw·(1 − σ(x))) = w·(σ(x) − t) without
/// pos_weight, exact at x = 0 and for |x| up to any magnitude.</summary>
internal sealed class BceWithLogitsFunction : Function
{
    private Tensor? _weight, _posWeight;

    public override string Name => "binary_cross_entropy_with_logits";

    public static Tensor Apply(Tensor x, Tensor t, Tensor? weight, Tensor? posWeight)
    {
        const string op = "binary_cross_entropy_with_logits";
        LossCheck.SameShape(x, t, op);
        var w = LossCheck.Broadcast(weight, x.Shape, op, "weight");
        var pw = LossCheck.Broadcast(posWeight, x.Shape, op, "pos_weight");
        var y = Tensor.Empty(x.Shape);
        var xs = x.F;
        var ts = t.F;
        var ys = y.F;
        for (int i = 0; i < xs.Length; i++)
        {
            double xi = xs[i], ti = ts[i];
            double lw = pw is null ? 1 : 1 + (pw.F[i] - 1) * ti;
            double l = (1 - ti) * xi + lw * Kernels.ActivationKernels.StableSoftplus(-xi);
            ys[i] = (float)(w is null ? l : l * w.F[i]);
        }

        if (!GradMode.ShouldRecord(x, t))
        {
            return y;
        }

        var fn = new BceWithLogitsFunction { _weight = w, _posWeight = pw };
        fn.SaveForBackward(x, t);
        return fn.Attach(y, x, t);
    }

    /// <summary>d/dt = w·(−x + (pos_weight − 1)·softplus(−x)).</summary>
    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (x, t) = (Saved(0), Saved(1));
        var gx = NeedsInputGrad(0) ? Tensor.Empty(x.Shape) : null;
        var gt = NeedsInputGrad(1) ? Tensor.Empty(x.Shape) : null;
        var xs = x.F;
        var ts = t.F;
        var gs = g.F;
        for (int i = 0; i < xs.Length; i++)
        {
            double s = _weight is null ? gs[i] : gs[i] * _weight.F[i];
            double xi = xs[i], ti = ts[i];
            double p = _posWeight is null ? 1 : _posWeight.F[i];
            if (gx is not null)
            {
                double sig = Kernels.ActivationKernels.Sigmoid(xi);
                gx.F[i] = (float)(s * (p == 1 ? sig - ti : (1 - ti) - (1 + (p - 1) * ti) * (1 - sig)));
            }

            if (gt is not null)
            {
                gt.F[i] = (float)(s * (-xi + (p - 1) * Kernels.ActivationKernels.StableSoftplus(-xi)));
            }
        }

        return [gx, gt];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("bce_with_logits", x => Nn.Functional.BinaryCrossEntropyWithLogits(x[0], x[1]),
            g => [Tensor.Uniform([3, 4], -3f, 3f, g), Tensor.Rand([3, 4], g)]) { Constant = [1] },
        new("bce_with_logits_pos_weight", x => Nn.Functional.BinaryCrossEntropyWithLogits(x[0], x[1], x[2], x[3], Nn.Reduction.None),
            g => [Tensor.Uniform([2, 3], -3f, 3f, g), Tensor.Rand([2, 3], g), Tensor.Uniform([2, 1], 0.5f, 1.5f, g), Tensor.Uniform([3], 0.5f, 3f, g)])
            { Constant = [1, 2, 3] },
    ];
}

/// <summary>Element-wise smooth L1 (Huber divided by β): 0.5·d²/β for |d| &lt; β, |d| − 0.5·β otherwise, d = x − t.
/// β = 0 is plain L1, as PyTorch.</summary>
internal sealed class SmoothL1Function : Function
{
    private float _beta;

    public override string Name => "smooth_l1_loss";

    public static Tensor Apply(Tensor x, Tensor t, float beta)
    {
        LossCheck.SameShape(x, t, "smooth_l1_loss");
        if (!(beta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "smooth_l1_loss: beta must be >= 0.");
        }

        var y = Tensor.Empty(x.Shape);
        var xs = x.F;
        var ts = t.F;
        var ys = y.F;
        for (int i = 0; i < xs.Length; i++)
        {
            float d = MathF.Abs(xs[i] - ts[i]);
            ys[i] = d < beta ? 0.5f * d * d / beta : d - 0.5f * beta;
        }

        if (!GradMode.ShouldRecord(x, t))
        {
            return y;
        }

        var fn = new SmoothL1Function { _beta = beta };
        fn.SaveForBackward(x, t);
        return fn.Attach(y, x, t);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var (x, t) = (Saved(0), Saved(1));
        var gx = Tensor.Empty(x.Shape);
        var xs = x.F;
        var ts = t.F;
        var gs = g.F;
        var d = gx.F;
        for (int i = 0; i < xs.Length; i++)
        {
            float diff = xs[i] - ts[i];
            d[i] = gs[i] * (MathF.Abs(diff) < _beta ? diff / _beta : MathF.Sign(diff));
        }

        return [NeedsInputGrad(0) ? gx : null, NeedsInputGrad(1) ? -gx : null];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("smooth_l1_loss", x => Nn.Functional.SmoothL1Loss(x[0], x[1], Nn.Reduction.None, beta: 0.5f), OpCase.Uniform(-2f, 2f, [3, 4], [3, 4])),
        new("smooth_l1_loss_mean", x => Nn.Functional.SmoothL1Loss(x[0], x[1]), OpCase.Uniform(-2f, 2f, [5], [5])) { Constant = [1] },
    ];
}
