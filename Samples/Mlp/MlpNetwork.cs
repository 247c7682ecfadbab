using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Optim;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.Samples.Mlp;

/// <summary>Loss and accuracy per epoch, on the training batches (as trained) and on the test set (after the epoch).</summary>
internal sealed record MlpHistory(List<double> TrainLoss, List<double> TrainAccuracy, List<double> TestLoss, List<double> TestAccuracy);

/// <summary>
/// The 784-128-64-10 ReLU network and its Adam / cross-entropy loop on the engine (the part a trainer will own):
/// shuffled mini-batches of 128, a progress report per batch and per epoch, test loss and accuracy per epoch.
/// </summary>
internal sealed class MlpNetwork(int seed)
{
    public const int Features = 784, Classes = 10, BatchSize = 128;

    public Sequential Model { get; } = Build(seed);

    private static Sequential Build(int seed)
    {
        var g = new Generator(seed);
        return new(new Linear(Features, 128, generator: g), new ReLU(), new Linear(128, 64, generator: g), new ReLU(), new Linear(64, Classes, generator: g));
    }

    /// <summary>The first layer's weights, one 784-vector (a 28×28 image) per hidden unit.</summary>
    public float[][] FirstLayerWeights()
    {
        var w = ((Linear)Model[0]).Weight.ToFloatArray();
        return [.. Enumerable.Range(0, 128).Select(u => w.AsSpan(u * Features, Features).ToArray())];
    }

    public MlpHistory Train(float[] xTrain, long[] yTrain, float[] xTest, long[] yTest, int epochs, TrainingContext context)
    {
        int n = yTrain.Length, batches = (n + BatchSize - 1) / BatchSize;
        var x = Tensor.Wrap(xTrain, n, Features);
        var y = Tensor.From<long>(yTrain, new Shape(n));
        var optimizer = new Adam(Model.Parameters(), lr: 1e-3);
        var generator = new Generator(seed);
        var history = new MlpHistory([], [], [], []);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            Model.Train();
            var order = generator.Permutation(n);
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++)
            {
                context.ThrowIfCancellationRequested();
                using var step = TensorScope.Begin();
                var index = Tensor.FromArray(order[(b * BatchSize)..Math.Min((b + 1) * BatchSize, n)]);
                var target = y.IndexSelect(0, index);
                var logits = Model.Call(x.IndexSelect(0, index));
                var loss = F.CrossEntropy(logits, target);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                lossSum += loss.Item() * index.Size(0);
                correct += logits.ArgMax(1).Eq(target).Sum().Item<long>();
                context.Report(epoch, epochs, b + 1, batches, new Dictionary<string, double> { ["loss"] = loss.Item() });
            }

            var (testLoss, testAccuracy) = Evaluate(xTest, yTest);
            history.TrainLoss.Add(lossSum / n);
            history.TrainAccuracy.Add((double)correct / n);
            history.TestLoss.Add(testLoss);
            history.TestAccuracy.Add(testAccuracy);
            context.Report(epoch, epochs, 0, batches, new Dictionary<string, double>
            {
                ["loss"] = history.TrainLoss[^1], ["accuracy"] = history.TrainAccuracy[^1], ["test_loss"] = testLoss, ["test_accuracy"] = testAccuracy,
            });
        }

        return history;
    }

    /// <summary>Softmax probabilities [n × 10] of n images, in batches of 1000 without recording.</summary>
    public float[] Probabilities(float[] images)
    {
        Model.Eval();
        using var noGrad = Tensor.NoGrad();
        int n = images.Length / Features;
        var result = new float[n * Classes];
        for (int start = 0; start < n; start += 1000)
        {
            using var scope = TensorScope.Begin();
            int end = Math.Min(start + 1000, n);
            var batch = Tensor.From<float>(images.AsSpan(start * Features, (end - start) * Features), new Shape(end - start, Features));
            Model.Call(batch).Softmax(1).AsReadOnlySpan<float>().CopyTo(result.AsSpan(start * Classes));
        }

        return result;
    }

    /// <summary>Mean cross-entropy and accuracy of the current weights on (x, y).</summary>
    private (double Loss, double Accuracy) Evaluate(float[] x, long[] y)
    {
        var p = Probabilities(x);
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < y.Length; i++)
        {
            var row = p.AsSpan(i * Classes, Classes);
            loss -= Math.Log(Math.Max(row[(int)y[i]], 1e-12f));
            correct += MlpSample.ArgMax(row) == y[i] ? 1 : 0;
        }

        return (loss / y.Length, (double)correct / y.Length);
    }
}
