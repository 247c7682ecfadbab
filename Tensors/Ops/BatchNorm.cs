using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>
/// Batch normalization over [N, C, *] (torch.nn.functional.batch_norm): y = (x − μ_c)/√(σ²_c + eps)·w_c + b_c.
/// Training uses the batch's mean and biased variance over N and the spatial dims, and blends the running
/// statistics: r ← (1 − momentum)·r + momentum·stat, with the unbiased variance for running_var. Evaluation uses
/// the running statistics. Forward is one statistics pass plus one fused affine pass; backward is one pass of
/// two per-channel sums plus one fused pass: dx = w·σ⁻¹·(g − mean(g) − x̂·mean(g·x̂)), dw = Σ g·x̂, db = Σ g.
/// </summary>
internal sealed class BatchNormFunction : Function
{
    private float[] _mean = [], _invStd = [], _scale = [];
    private bool _batchStats;
    private int _n, _c, _s;
    private int _weightIndex = -1, _biasIndex = -1;

    public override string Name => "batch_norm";

    /// <exception cref="ArgumentException">Input of rank &lt; 2, per-channel tensors not of shape [C], missing running
    /// statistics in evaluation, or a single value per channel in training.</exception>
    public static Tensor Apply(Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps)
    {
        var (n, c, s) = Validate(x, weight, bias, runningMean, runningVar, training);
        var mean = new float[c];
        var invStd = new float[c];
        if (training)
        {
            var var = new float[c];
            BatchNormKernels.Statistics(x.FMemory, n, c, s, mean, var);
            for (int i = 0; i < c; i++)
            {
                invStd[i] = (float)(1 / Math.Sqrt(var[i] + eps));
            }

            if (runningMean is not null && runningVar is not null)
            {
                UpdateRunning(runningMean, runningVar, mean, var, (long)n * s, momentum);
            }
        }
        else
        {
            runningMean!.F.CopyTo(mean);
            var rv = runningVar!.F;
            for (int i = 0; i < c; i++)
            {
                invStd[i] = (float)(1 / Math.Sqrt(rv[i] + eps));
            }
        }

        // Fold normalization and affine into y = x·scale + shift per channel.
        var scale = new float[c];
        var shift = new float[c];
        var w = weight is null ? default : weight.F;
        var b = bias is null ? default : bias.F;
        for (int i = 0; i < c; i++)
        {
            scale[i] = (weight is null ? 1f : w[i]) * invStd[i];
            shift[i] = (bias is null ? 0f : b[i]) - mean[i] * scale[i];
        }

        var y = Tensor.Empty(x.Shape);
        BatchNormKernels.Affine(x.FMemory, n, c, s, scale, shift, y.FMemory);

        Tensor[] inputs = weight is null ? bias is null ? [x] : [x, bias] : bias is null ? [x, weight] : [x, weight, bias];
        if (!GradMode.ShouldRecord(inputs))
        {
            return y;
        }

        var fn = new BatchNormFunction
        {
            _mean = mean, _invStd = invStd, _scale = scale, _batchStats = training, _n = n, _c = c, _s = s,
            _weightIndex = weight is null ? -1 : 1,
            _biasIndex = bias is null ? -1 : inputs.Length - 1,
        };
        fn.SaveForBackward(x);
        return fn.Attach(y, inputs);
    }

    private static (int N, int C, int S) Validate(Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar, bool training)
    {
        BinaryOp.RequireFloat(x, "batch_norm");
        if (x.Rank < 2)
        {
            throw new ArgumentException($"batch_norm: expected input of shape [N, C, *] with at least 2 dimensions; got {x.Shape}.");
        }

        int n = x.Size(0), c = x.Size(1), s = 1;
        for (int i = 2; i < x.Rank; i++)
        {
            s *= x.Size(i);
        }

        foreach (var (t, name) in new[] { (weight, "weight"), (bias, "bias"), (runningMean, "running_mean"), (runningVar, "running_var") })
        {
            if (t is not null && (t.DType != DType.Float32 || t.Rank != 1 || t.Size(0) != c))
            {
                throw new ArgumentException($"batch_norm: {name} should be a float32 tensor of shape [{c}] for input {x.Shape}; got {t.DType.TorchName()} {t.Shape}.");
            }
        }

        if (!training && (runningMean is null || runningVar is null))
        {
            throw new ArgumentException("batch_norm: running_mean and running_var must be given when not training.");
        }

        if (training && (long)n * s <= 1)
        {
            throw new ArgumentException($"Expected more than 1 value per channel when training, got input size {x.Shape}.");
        }

        return (n, c, s);
    }

    private static void UpdateRunning(Tensor runningMean, Tensor runningVar, float[] mean, float[] var, long count, double momentum)
    {
        var rm = runningMean.AsWritableSpan<float>();
        var rv = runningVar.AsWritableSpan<float>();
        double unbias = count / (double)(count - 1);
        for (int i = 0; i < mean.Length; i++)
        {
            rm[i] = (float)((1 - momentum) * rm[i] + momentum * mean[i]);
            rv[i] = (float)((1 - momentum) * rv[i] + momentum * var[i] * unbias);
        }
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var x = Saved(0);
        int n = _n, c = _c, s = _s;
        var sumG = new float[c];
        var sumGxc = new float[c];
        BatchNormKernels.GradientSums(g.FMemory, x.FMemory, _mean, n, c, s, sumG, sumGxc);
        var grads = new Tensor?[Inputs.Count];
        if (NeedsInputGrad(0))
        {
            var a = _scale;
            var b = new float[c];
            var k = new float[c];
            if (_batchStats)
            {
                // dx = scale·(g − ΣG/M − (x − μ)·σ⁻²·Σg(x − μ)/M): the statistics' dependence on x adds b·x + k.
                float invM = 1f / ((long)n * s);
                for (int i = 0; i < c; i++)
                {
                    float q = _invStd[i] * _invStd[i] * sumGxc[i] * invM;
                    b[i] = -a[i] * q;
                    k[i] = -a[i] * sumG[i] * invM + a[i] * q * _mean[i];
                }
            }

            var gx = Tensor.Empty(x.Shape);
            BatchNormKernels.Combine(g.FMemory, x.FMemory, n, c, s, a, b, k, gx.FMemory);
            grads[0] = gx;
        }

        if (_weightIndex >= 0 && NeedsInputGrad(_weightIndex))
        {
            var gw = Tensor.Empty(new Shape(c));
            var span = gw.F;
            for (int i = 0; i < c; i++)
            {
                span[i] = sumGxc[i] * _invStd[i];
            }

            grads[_weightIndex] = gw;
        }

        if (_biasIndex >= 0 && NeedsInputGrad(_biasIndex))
        {
            grads[_biasIndex] = Tensor.From<float>(sumG, new Shape(c));
        }

        return grads;
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("batch_norm_train", x => Apply(x[0], x[1], x[2], null, null, true, 0.1, 1e-5), OpCase.Shapes([6, 3], [3], [3])),
        new("batch_norm_train_3d", x => Apply(x[0], x[1], x[2], null, null, true, 0.1, 1e-5), OpCase.Shapes([3, 2, 4], [2], [2])),
        new("batch_norm_train_running", x => Apply(x[0], x[1], x[2], Tensor.Zeros(3), Tensor.Ones(3), true, 0.1, 1e-5), OpCase.Shapes([5, 3], [3], [3])),
        new("batch_norm_no_affine", x => Apply(x[0], null, null, null, null, true, 0.1, 1e-5), OpCase.Shapes([5, 4])),
        new("batch_norm_eval", x => Apply(x[0], x[1], x[2], Tensor.FromArray([0.1f, -0.2f, 0.3f]), Tensor.FromArray([0.5f, 1.5f, 2f]), false, 0.1, 1e-5),
            OpCase.Shapes([4, 3], [3], [3])),
        new("batch_norm_bias_only", x => Apply(x[0], null, x[1], null, null, true, 0.1, 1e-5), OpCase.Shapes([4, 2], [2])),
        new("batch_norm_eval_3d", x => Apply(x[0], x[1], null, Tensor.FromArray([0.1f, -0.2f]), Tensor.FromArray([0.5f, 1.5f]), false, 0.1, 1e-5),
            OpCase.Shapes([2, 2, 3], [2])),
        new("batch_norm_train_4d", x => Apply(x[0], x[1], x[2], Tensor.Zeros(3), Tensor.Ones(3), true, 0.1, 1e-5), OpCase.Shapes([2, 3, 4, 5], [3], [3])),
        new("batch_norm_eval_4d", x => Apply(x[0], x[1], x[2], Tensor.FromArray([0.2f, -0.1f]), Tensor.FromArray([0.7f, 1.3f]), false, 0.1, 1e-5),
            OpCase.Shapes([3, 2, 3, 3], [2], [2])),
    ];
}
