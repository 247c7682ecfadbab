using MlNetDl.Onnx.Export;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>Custom modules of the homework nets, each declaring its export by composing its children's
/// (<see cref="IOnnxExportable"/>), as a user's module would.</summary>
internal static class ExportModels
{
    public static Sequential Mlp() => new(new Flatten(), new Linear(784, 128), new ReLU(), new Linear(128, 64), new ReLU(), new Linear(64, 10));

    public static Sequential MnistCnn() => new(
        new Conv2d(1, 32, 3), new ReLU(), new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2), new Dropout(0.25f),
        new Flatten(), new Linear(9216, 128), new ReLU(), new Dropout(0.5f), new Linear(128, 10), new LogSoftmax(1));

    /// <summary>Gives every batch norm non-trivial running statistics and affine parameters, so a wrong eval-mode
    /// export cannot pass by accident (fresh statistics are mean 0, variance 1).</summary>
    public static T WithStatistics<T>(T module, int seed = 3)
        where T : Module
    {
        var rng = new Random(seed);
        foreach (var bn in module.Modules().OfType<BatchNormBase>())
        {
            Fill(bn.RunningMean, () => (float)(rng.NextDouble() - 0.5));
            Fill(bn.RunningVar, () => (float)(0.5 + rng.NextDouble()));
            Fill(bn.Weight, () => (float)(0.5 + rng.NextDouble()));
            Fill(bn.Bias, () => (float)(rng.NextDouble() - 0.5));
        }

        return module;
    }

    private static void Fill(Tensor? t, Func<float> next)
    {
        if (t is not null)
        {
            var span = t.AsWritableSpan<float>();
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = next();
            }
        }
    }
}

/// <summary>Conv encoder/decoder pair: [N, 1, 28, 28] → [N, 16, 7, 7] → [N, 1, 28, 28].</summary>
internal sealed class ConvAutoencoder : Module<Tensor, Tensor>, IOnnxExportable
{
    public ConvAutoencoder()
    {
        Encoder = RegisterModule("encoder", new Sequential(new Conv2d(1, 8, 3, stride: 2, padding: 1), new ReLU(),
            new Conv2d(8, 16, 3, stride: 2, padding: 1), new ReLU()));
        Decoder = RegisterModule("decoder", new Sequential(new ConvTranspose2d(16, 8, 3, stride: 2, padding: 1, outputPadding: 1), new ReLU(),
            new ConvTranspose2d(8, 1, 3, stride: 2, padding: 1, outputPadding: 1), new Sigmoid()));
    }

    public Sequential Encoder { get; }

    public Sequential Decoder { get; }

    public override Tensor Forward(Tensor input) => Decoder.Call(Encoder.Call(input));

    public string[] ExportOnnx(OnnxExportContext ctx, string[] inputs) => ctx.Export(Decoder, ctx.Export(Encoder, inputs));
}

/// <summary>VAE encoder with two outputs: [N, 1, 28, 28] → (mu [N, 16], logvar [N, 16]).</summary>
internal sealed class VaeEncoder : Module<Tensor, (Tensor Mu, Tensor LogVar)>, IOnnxExportable
{
    public VaeEncoder()
    {
        Body = RegisterModule("body", new Sequential(new Flatten(), new Linear(784, 128), new ReLU()));
        Mu = RegisterModule("mu", new Linear(128, 16));
        LogVar = RegisterModule("logvar", new Linear(128, 16));
    }

    public Sequential Body { get; }

    public Linear Mu { get; }

    public Linear LogVar { get; }

    public override (Tensor Mu, Tensor LogVar) Forward(Tensor input)
    {
        var h = Body.Call(input);
        return (Mu.Call(h), LogVar.Call(h));
    }

    public string[] ExportOnnx(OnnxExportContext ctx, string[] inputs)
    {
        var h = ctx.Export(Body, inputs);
        return [ctx.Export1(Mu, h[0]), ctx.Export1(LogVar, h[0])];
    }
}

/// <summary>DCGAN-style generator: z [N, 16, 1, 1] → [N, 1, 32, 32] through ConvTranspose2d + BatchNorm2d + ReLU and a
/// final Tanh.</summary>
internal sealed class DcganGenerator : Module<Tensor, Tensor>, IOnnxExportable
{
    public DcganGenerator()
    {
        Main = RegisterModule("main", new Sequential(
            new ConvTranspose2d(16, 64, 4, stride: 1, padding: 0, bias: false), new BatchNorm2d(64), new ReLU(),
            new ConvTranspose2d(64, 32, 4, stride: 2, padding: 1, bias: false), new BatchNorm2d(32), new ReLU(),
            new ConvTranspose2d(32, 16, 4, stride: 2, padding: 1, bias: false), new BatchNorm2d(16), new ReLU(),
            new ConvTranspose2d(16, 1, 4, stride: 2, padding: 1, bias: false), new Tanh()));
        ExportModels.WithStatistics(this);
    }

    public Sequential Main { get; }

    public override Tensor Forward(Tensor input) => Main.Call(input);

    public string[] ExportOnnx(OnnxExportContext ctx, string[] inputs) => ctx.Export(Main, inputs);
}
