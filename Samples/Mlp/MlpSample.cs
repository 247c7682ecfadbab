using System.Diagnostics;
using System.Globalization;
using MlNetDl.Samples.Data;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Optim;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.Samples.Mlp;

/// <summary>
/// The MLP homework end to end on the engine: Fashion-MNIST pixels standardized with training statistics,
/// a 784-128-64-10 ReLU network trained with Adam and cross-entropy, per-epoch loss and test accuracy, weights
/// saved as safetensors and reloaded into a fresh network that must score the same.
/// </summary>
internal static class MlpSample
{
    public static int Run(SampleOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var (train, test, source) = FashionMnist.Load(options.DataDirectory);
        int trainCount = options.Quick ? Math.Min(1000, train.Count) : train.Count;
        int testCount = options.Quick ? Math.Min(500, test.Count) : test.Count;
        int epochs = options.Epochs ?? (options.Quick ? 2 : 5);
        log.WriteLine($"mlp: Fashion-MNIST from {source}: {trainCount} train / {testCount} test images, {epochs} epochs, seed {options.Seed}");

        Tensor.ManualSeed(options.Seed);
        var generator = new Generator(options.Seed);
        var (xTrain, yTrain) = ToTensors(train, trainCount);
        var (xTest, yTest) = ToTensors(test, testCount);
        // Standardize with statistics of the training images only (the test set must not leak into the scaler).
        // In place: a second 188 MB copy of the training images would double the sample's footprint.
        var (mean, std) = MeanStd(xTrain.AsReadOnlySpan<float>());
        foreach (var x in new[] { xTrain, xTest })
        {
            x.AddInPlace(-mean).MulInPlace(1f / std);
        }

        var model = Build();
        var optimizer = new Adam(model.Parameters(), lr: 1e-3);
        log.WriteLine(model.ToString());
        log.WriteLine($"parameters: {model.ParameterCount():N0}");

        const int batchSize = 128;
        float lastLoss = float.NaN, accuracy = 0;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            model.Train();
            var order = generator.Permutation(trainCount);
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start < trainCount; start += batchSize)
            {
                using var step = TensorScope.Begin();
                var index = Tensor.FromArray(order[start..Math.Min(start + batchSize, trainCount)]);
                var loss = F.CrossEntropy(model.Call(xTrain.IndexSelect(0, index)), yTrain.IndexSelect(0, index));
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                lossSum += loss.Item();
                batches++;
            }

            lastLoss = (float)(lossSum / batches);
            accuracy = Accuracy(model, xTest, yTest);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch}/{epochs}  train loss {lastLoss:F4}  test accuracy {accuracy:F4}  ({epochClock.Elapsed.TotalSeconds:F1} s)"));
        }

        float reloaded = SaveAndReload(model, xTest, yTest, options.OutputDirectory, log);
        Result(log, "accuracy", accuracy);
        Result(log, "loss", lastLoss);
        Result(log, "reload_accuracy", reloaded);
        Result(log, "seconds", (float)clock.Elapsed.TotalSeconds);
        return reloaded == accuracy ? 0 : 1;
    }

    /// <summary>Mean and population std over all pixels, accumulated in double by chunks (no temporaries).</summary>
    private static (float Mean, float Std) MeanStd(ReadOnlySpan<float> x)
    {
        double sum = 0, squares = 0;
        for (int i = 0; i < x.Length; i += 4096)
        {
            var chunk = x.Slice(i, Math.Min(4096, x.Length - i));
            sum += System.Numerics.Tensors.TensorPrimitives.Sum(chunk);
            squares += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(chunk);
        }

        double mean = sum / x.Length;
        return ((float)mean, (float)Math.Sqrt(Math.Max(squares / x.Length - mean * mean, 1e-12)));
    }

    private static Sequential Build() => new(
        new Linear(784, 128), new ReLU(),
        new Linear(128, 64), new ReLU(),
        new Linear(64, 10));

    /// <summary>Wraps the loaded pixels without copying (the full set is 188 MB); a quick run copies its prefix.</summary>
    private static (Tensor X, Tensor Y) ToTensors(ImageSet set, int count) =>
        (count == set.Count
            ? Tensor.Wrap(set.Pixels, count, set.Features)
            : Tensor.From<float>(set.Pixels.AsSpan(0, count * set.Features), new Shape(count, set.Features)),
         Tensor.From<long>(set.Labels.AsSpan(0, count), new Shape(count)));

    /// <summary>Fraction of correct argmax predictions, evaluated in batches without recording.</summary>
    private static float Accuracy(Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        model.Eval();
        using var noGrad = Tensor.NoGrad();
        long correct = 0;
        for (int start = 0; start < x.Size(0); start += 1000)
        {
            using var scope = TensorScope.Begin();
            int end = Math.Min(start + 1000, x.Size(0));
            correct += model.Call(x.Slice(start, end)).ArgMax(1).Eq(y.Slice(start, end)).Sum().Item<long>();
        }

        return (float)correct / x.Size(0);
    }

    private static float SaveAndReload(Sequential model, Tensor xTest, Tensor yTest, string? outputDirectory, TextWriter log)
    {
        var directory = outputDirectory ?? Path.Combine(Path.GetTempPath(), "mlnetdl-mlp-" + Environment.ProcessId);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "mlp.safetensors");
        model.Save(path);
        var fresh = Build();
        fresh.Load(path);
        log.WriteLine($"saved weights to {path}; reloaded into a fresh network");
        if (outputDirectory is null)
        {
            Directory.Delete(directory, recursive: true);
        }

        return Accuracy(fresh, xTest, yTest);
    }

    private static void Result(TextWriter log, string name, float value) =>
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {name}={value:G6}"));
}
