using System.Numerics.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Tensors.Ops;

/// <summary>Shared backward helper: runs a fused span kernel into a fresh gradient tensor.</summary>
internal static class ActivationGrad
{
    public delegate void Kernel(ReadOnlySpan<float> g, ReadOnlySpan<float> saved, Span<float> gx);

    public static Tensor Run(Tensor g, Tensor saved, Kernel kernel)
    {
        var gx = Tensor.Empty(saved.Shape);
        kernel(g.F, saved.F, gx.F);
        return gx;
    }
}

internal sealed class ReluFunction : PointwiseFunction
{
    public override string Name => "relu";

    public static Tensor Apply(Tensor x) => Pointwise.Apply(x, "relu", ActivationKernels.Relu, () => new ReluFunction());

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) => ActivationGrad.Run(g, y, ActivationKernels.ReluBackward);

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("relu", x => x[0].Relu(), OpCase.AwayFromZero([3, 5]))];
}

internal sealed class LeakyReluFunction : PointwiseFunction
{
    private float _slope;

    public override string Name => "leaky_relu";

    public static Tensor Apply(Tensor x, float slope) => Pointwise.Apply(x, "leaky_relu",
        (s, d) => ActivationKernels.LeakyRelu(s, d, slope), () => new LeakyReluFunction { _slope = slope });

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) =>
        ActivationGrad.Run(g, x, (gs, xs, d) => ActivationKernels.LeakyReluBackward(gs, xs, d, _slope));

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("leaky_relu", x => Nn.Functional.LeakyRelu(x[0]), OpCase.AwayFromZero([4, 5])),
        new("leaky_relu_slope", x => Nn.Functional.LeakyRelu(x[0], 0.2f), OpCase.AwayFromZero([19])),
    ];
}

internal sealed class EluFunction : PointwiseFunction
{
    private float _alpha;

    public override string Name => "elu";

    public static Tensor Apply(Tensor x, float alpha) => Pointwise.Apply(x, "elu",
        (s, d) => ActivationKernels.Elu(s, d, alpha), () => new EluFunction { _alpha = alpha });

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y)
    {
        var gx = Tensor.Empty(x.Shape);
        ActivationKernels.EluBackward(g.F, x.F, y.F, gx.F, _alpha);
        return gx;
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("elu", x => Nn.Functional.Elu(x[0]), OpCase.AwayFromZero([3, 7])),
        new("elu_alpha", x => Nn.Functional.Elu(x[0], 0.5f), OpCase.AwayFromZero([20])),
    ];
}

internal sealed class SigmoidFunction : PointwiseFunction
{
    public override string Name => "sigmoid";

    public static Tensor Apply(Tensor x) => Pointwise.Apply(x, "sigmoid", TensorPrimitives.Sigmoid, () => new SigmoidFunction());

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) => ActivationGrad.Run(g, y, ActivationKernels.SigmoidBackward);

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("sigmoid", x => x[0].Sigmoid(), OpCase.Uniform(-3f, 3f, [4, 5]))];
}

internal sealed class TanhFunction : PointwiseFunction
{
    public override string Name => "tanh";

    public static Tensor Apply(Tensor x) => Pointwise.Apply(x, "tanh", TensorPrimitives.Tanh, () => new TanhFunction());

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) => ActivationGrad.Run(g, y, ActivationKernels.TanhBackward);

    [OpCases]
    private static IEnumerable<OpCase> Cases() => [new("tanh", x => x[0].Tanh(), OpCase.Uniform(-2f, 2f, [4, 5]))];
}

internal sealed class SoftplusFunction : PointwiseFunction
{
    private float _beta, _threshold;

    public override string Name => "softplus";

    public static Tensor Apply(Tensor x, float beta, float threshold) => Pointwise.Apply(x, "softplus",
        (s, d) => ActivationKernels.Softplus(s, d, beta, threshold), () => new SoftplusFunction { _beta = beta, _threshold = threshold });

    protected override Tensor Grad(Tensor g, Tensor x, Tensor y) =>
        ActivationGrad.Run(g, x, (gs, xs, d) => ActivationKernels.SoftplusBackward(gs, xs, d, _beta, _threshold));

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("softplus", x => Nn.Functional.Softplus(x[0]), OpCase.Uniform(-3f, 3f, [4, 5])),
        new("softplus_beta", x => Nn.Functional.Softplus(x[0], beta: 2f, threshold: 3f), OpCase.AwayFromZero([12])),
    ];
}

/// <summary>Softmax or log-softmax along one dimension; backward uses only the saved output.</summary>
internal sealed class SoftmaxFunction : Function
{
    private int _dim;
    private bool _log;

    public override string Name => _log ? "log_softmax" : "softmax";

    public static Tensor Apply(Tensor x, int dim, bool log)
    {
        string name = log ? "log_softmax" : "softmax";
        BinaryOp.RequireFloat(x, name);
        int d = x.Rank == 0 ? 0 : x.Shape.Normalize(dim);
        var (outer, n, inner) = Reduce.Split(x.Shape, d);
        var y = Tensor.Empty(x.Shape);
        SoftmaxKernels.Forward(x.F, y.F, outer, n, inner, log);
        if (!GradMode.ShouldRecord(x))
        {
            return y;
        }

        var fn = new SoftmaxFunction { _dim = d, _log = log };
        fn.SaveForBackward(y);
        return fn.Attach(y, x);
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var y = Saved(0);
        var (outer, n, inner) = Reduce.Split(y.Shape, _dim);
        var gx = Tensor.Empty(y.Shape);
        SoftmaxKernels.Backward(g.F, y.F, gx.F, outer, n, inner, _log);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        new("softmax_last", x => x[0].Softmax(-1), OpCase.Uniform(-2f, 2f, [3, 5])),
        new("softmax_dim1", x => x[0].Softmax(1), OpCase.Uniform(-2f, 2f, [2, 4, 3])),
        new("log_softmax_last", x => x[0].LogSoftmax(-1), OpCase.Uniform(-2f, 2f, [3, 5])),
        new("log_softmax_dim0", x => x[0].LogSoftmax(0), OpCase.Uniform(-2f, 2f, [4, 3])),
    ];
}
