using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Optim;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.Benchmarks.Mlp;

/// <summary>One training step of the MLP homework network (784-128-64-10, ReLU, batch 128, cross-entropy,
/// Adam lr 1e-3), the unit both the BenchmarkDotNet suite and the side-by-side comparison time.</summary>
internal sealed class MlpStep
{
    public const int Batch = 128;
    private readonly Sequential _model;
    private readonly Adam _optimizer;
    private readonly Tensor _x;
    private readonly Tensor _y;

    public MlpStep(int seed = 0)
    {
        Tensor.ManualSeed(seed);
        _model = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 64), new ReLU(), new Linear(64, 10));
        _optimizer = new Adam(_model.Parameters(), lr: 1e-3);
        var g = new Generator(seed);
        _x = Tensor.Rand([Batch, 784], g);
        _y = Tensor.RandInt(0, 10, [Batch], g);
    }

    /// <summary>zero_grad, forward, backward, step; the step's tensors go back to the pool at the end.</summary>
    public float Run()
    {
        using var scope = TensorScope.Begin();
        _optimizer.ZeroGrad();
        var loss = F.CrossEntropy(_model.Call(_x), _y);
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }

    /// <summary>Bytes of the step's activations and gradients (inputs, hidden layers, logits, and their
    /// gradients) — the yardstick for "a steady-state step allocates far less than its activations".</summary>
    public static long ActivationBytes => 2L * Batch * (784 + 128 + 128 + 64 + 64 + 10) * sizeof(float);
}
