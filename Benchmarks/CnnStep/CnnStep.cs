using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Optim;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.Benchmarks.CnnStep;

/// <summary>
/// One training step (zero_grad, forward, loss, backward, Adam lr 1e-3) of a small CNN, timed here and, with the
/// same architecture and batch, by <c>sidebyside/cnn_step.py</c> in PyTorch:
/// <list type="bullet">
/// <item><c>mnist_cnn</c>: 1×28×28, batch 64: conv5×5 1→32, ReLU, MaxPool 2, conv5×5 32→64, ReLU, MaxPool 2,
/// Flatten (64·4·4), Linear 10; cross-entropy.</item>
/// <item><c>conv_autoencoder</c>: 1×28×28, batch 128: three stride-2 3×3 convs 1→32→64→128 (padding 1; 28→14→7→4)
/// with ReLU, Flatten, Linear 2048→64; decoder Linear 64→2048, ReLU, Unflatten [128, 4, 4], ConvTranspose2d
/// 128→64 (4→7), ReLU, 64→32 (7→14, output_padding 1), ReLU, 32→1 (14→28, output_padding 1); MSE against the
/// input. 28×28 is kept (not 32×32) so the encoder matches the MNIST data; output_padding restores the odd 7.</item>
/// </list>
/// </summary>
internal sealed class CnnStep
{
    public static readonly string[] Models = ["mnist_cnn", "conv_autoencoder"];

    private readonly Sequential _model;
    private readonly Adam _optimizer;
    private readonly Tensor _x, _y;
    private readonly bool _autoencoder;

    public CnnStep(string model, int seed = 0)
    {
        Tensor.ManualSeed(seed);
        var g = new Generator(seed);
        Name = model;
        _autoencoder = model == "conv_autoencoder";
        if (!_autoencoder && model != "mnist_cnn")
            throw new ArgumentException($"Unknown CNN step model '{model}'; expected one of {string.Join(", ", Models)}.", nameof(model));
        _model = _autoencoder ? Autoencoder() : MnistCnn();
        Batch = _autoencoder ? 128 : 64;
        _optimizer = new Adam(_model.Parameters(), lr: 1e-3);
        _x = Tensor.Rand([Batch, 1, 28, 28], g);
        _y = _autoencoder ? _x : Tensor.RandInt(0, 10, [Batch], g);
    }

    public string Name { get; }

    public int Batch { get; }

    /// <summary>zero_grad, forward, backward, step; the step's tensors go back to the pool at the end.</summary>
    public float Run()
    {
        using var scope = TensorScope.Begin();
        _optimizer.ZeroGrad();
        var output = _model.Call(_x);
        var loss = _autoencoder ? F.MseLoss(output, _x) : F.CrossEntropy(output, _y);
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }

    private static Sequential MnistCnn() => new(
        new Conv2d(1, 32, 5), new ReLU(), new MaxPool2d(2),
        new Conv2d(32, 64, 5), new ReLU(), new MaxPool2d(2),
        new Flatten(), new Linear(64 * 4 * 4, 10));

    private static Sequential Autoencoder() => new(
        new Conv2d(1, 32, 3, stride: 2, padding: 1), new ReLU(),
        new Conv2d(32, 64, 3, stride: 2, padding: 1), new ReLU(),
        new Conv2d(64, 128, 3, stride: 2, padding: 1), new ReLU(),
        new Flatten(), new Linear(128 * 4 * 4, 64),
        new Linear(64, 128 * 4 * 4), new ReLU(), new Unflatten(1, [128, 4, 4]),
        new ConvTranspose2d(128, 64, 3, stride: 2, padding: 1), new ReLU(),
        new ConvTranspose2d(64, 32, 3, stride: 2, padding: 1, outputPadding: 1), new ReLU(),
        new ConvTranspose2d(32, 1, 3, stride: 2, padding: 1, outputPadding: 1));
}
