using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Nn;

/// <summary>The course's convolutional models for parameter-count and shape checks. MaxPool2d lives on another branch
/// and has no parameters, so <see cref="Subsample"/> stands in for it (same output shape, no parameters).</summary>
internal static class CourseModels
{
    public static Module<Tensor, Tensor> Build(string name) => name switch
    {
        // MNIST CNN: conv5×5 1→32, ReLU, MaxPool2d(2), conv5×5 32→64, ReLU, MaxPool2d(2), Flatten, Linear(64·4·4, 10).
        // The pools (no parameters) are emulated by taking every second pixel, see Subsample.
        "mnist_cnn" => new Sequential(new Conv2d(1, 32, 5), new ReLU(), new Subsample(2), new Conv2d(32, 64, 5), new ReLU(),
            new Subsample(2), new Flatten(), new Linear(64 * 4 * 4, 10)),
        // SIGNS CNN (64×64 RGB, 6 classes): Conv2d(3, 8, 4, 'same'), ReLU, MaxPool2d(8, 8), Conv2d(8, 16, 2, 'same'),
        // ReLU, MaxPool2d(4, 4), Flatten, Linear(16·2·2, 6). PyTorch counts 1,310 parameters for this definition
        // (392 + 528 + 390). The 131,958 quoted in the issue is the count of SignsCnnTests.Build (a different architecture).
        "signs_cnn" => new Sequential(new Conv2d(3, 8, 4, ConvPadding.Same), new ReLU(), new Subsample(8),
            new Conv2d(8, 16, 2, ConvPadding.Same), new ReLU(), new Subsample(4), new Flatten(), new Linear(16 * 2 * 2, 6)),
        // Conv autoencoder for 28×28: three stride-2 3×3 convs (padding 1) 1→32→64→128 (28→14→7→4), Linear(2048, 64);
        // decoder Linear(64, 2048), Unflatten to [128, 4, 4], ConvTranspose2d 128→64 (4→7), 64→32 (7→14,
        // output_padding 1), 32→1 (14→28, output_padding 1).
        _ => new Sequential(
            new Conv2d(1, 32, 3, stride: 2, padding: 1), new ReLU(), new Conv2d(32, 64, 3, stride: 2, padding: 1), new ReLU(),
            new Conv2d(64, 128, 3, stride: 2, padding: 1), new ReLU(), new Flatten(), new Linear(128 * 4 * 4, 64),
            new Linear(64, 128 * 4 * 4), new ReLU(), new Unflatten(1, [128, 4, 4]),
            new ConvTranspose2d(128, 64, 3, stride: 2, padding: 1), new ReLU(),
            new ConvTranspose2d(64, 32, 3, stride: 2, padding: 1, outputPadding: 1), new ReLU(),
            new ConvTranspose2d(32, 1, 3, stride: 2, padding: 1, outputPadding: 1)),
    };

    public static (int[] Input, string Output) Shapes(string name) => name switch
    {
        "mnist_cnn" => ([2, 1, 28, 28], "[2, 10]"),
        "signs_cnn" => ([2, 3, 64, 64], "[2, 6]"),
        _ => ([2, 1, 28, 28], "[2, 1, 28, 28]"),
    };

    /// <summary>Stand-in for MaxPool2d(k, k): a fixed depthwise k×k stride-k convolution that picks each window's
    /// top-left pixel, giving the pool's output shape without parameters.</summary>
    private sealed class Subsample(int k) : Module<Tensor, Tensor>
    {
        public override Tensor Forward(Tensor input)
        {
            int c = input.Size(1);
            var pick = Tensor.Zeros(c, 1, k, k);
            var v = pick.AsWritableSpan<float>();
            for (int i = 0; i < c; i++) v[i * k * k] = 1f;
            return Functional.Conv2d(input, pick, null, stride: k, groups: c);
        }
    }
}
