using System.Diagnostics;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Benchmarks.Pool;

/// <summary>Quick Stopwatch split of the <see cref="PoolBenchmarks"/> steps (plus the MNIST CNN's second pool and ResNet-50's stem pool) into forward and backward (best of 30
/// after 5 warm-up steps): <c>dotnet run -c Release --project Benchmarks -- pool-quick</c>.</summary>
internal static class PoolQuick
{
    public static int Run()
    {
        Measure("MaxPool2d(2) [64, 32, 24, 24]", new MaxPool2d(2), Tensor.Randn(new Shape(64, 32, 24, 24), new Generator(1)));
        Measure("MaxPool2d(2) [64, 64, 8, 8]", new MaxPool2d(2), Tensor.Randn(new Shape(64, 64, 8, 8), new Generator(3)));
        Measure("MaxPool2d(3, 2, 1) [8, 64, 112, 112]", new MaxPool2d(3, 2, 1), Tensor.Randn(new Shape(8, 64, 112, 112), new Generator(4)));
        Measure("BatchNorm2d(32) [64, 32, 28, 28]", new BatchNorm2d(32), Tensor.Randn(new Shape(64, 32, 28, 28), new Generator(2)));
        return 0;
    }

    private static void Measure(string name, Module<Tensor, Tensor> layer, Tensor x)
    {
        x.RequiresGrad = true;
        double bestF = double.MaxValue, bestB = double.MaxValue;
        for (int i = 0; i < 35; i++)
        {
            using var scope = TensorScope.Begin();
            var t0 = Stopwatch.GetTimestamp();
            var y = layer.Call(x);
            var t1 = Stopwatch.GetTimestamp();
            y.Backward(Tensor.OnesLike(y));
            var t2 = Stopwatch.GetTimestamp();
            x.Grad!.Dispose();
            x.Grad = null;
            layer.ZeroGrad();
            if (i >= 5)
            {
                bestF = Math.Min(bestF, Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                bestB = Math.Min(bestB, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            }
        }

        Console.WriteLine($"{name}: forward {bestF:F3} ms, backward {bestB:F3} ms (best of 30, {Environment.ProcessorCount} threads)");
    }
}
