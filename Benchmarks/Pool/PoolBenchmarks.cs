using BenchmarkDotNet.Attributes;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Benchmarks.Pool;

/// <summary>BenchmarkDotNet: forward + backward of the CNN-hot-path layers at homework sizes, each step inside a
/// TensorScope (as a training loop runs) so the pooled storage is reused. MaxPool2d(2) on [64, 32, 24, 24] and
/// BatchNorm2d(32) in training mode on [64, 32, 28, 28]; the backward seed is a fixed ones tensor.</summary>
[MemoryDiagnoser]
public class PoolBenchmarks
{
    private Tensor _poolInput = null!, _poolSeed = null!, _bnInput = null!, _bnSeed = null!;
    private readonly MaxPool2d _pool = new(2);
    private BatchNorm2d _bn = null!;

    [GlobalSetup]
    public void Setup()
    {
        _poolInput = Tensor.Randn(new Shape(64, 32, 24, 24), new Generator(1)).RequiresGradInPlace();
        _poolSeed = Tensor.Ones(64, 32, 12, 12);
        _bnInput = Tensor.Randn(new Shape(64, 32, 28, 28), new Generator(2)).RequiresGradInPlace();
        _bnSeed = Tensor.Randn(new Shape(64, 32, 28, 28), new Generator(3));
        _bn = new BatchNorm2d(32);
        for (int i = 0; i < 5; i++)
        {
            MaxPool2dStep();
            BatchNorm2dStep();
        }
    }

    [Benchmark]
    public void MaxPool2dStep()
    {
        using var scope = TensorScope.Begin();
        _pool.Call(_poolInput).Backward(_poolSeed);
        _poolInput.Grad!.Dispose();
        _poolInput.Grad = null;
    }

    [Benchmark]
    public void BatchNorm2dStep()
    {
        using var scope = TensorScope.Begin();
        _bn.Call(_bnInput).Backward(_bnSeed);
        _bnInput.Grad!.Dispose();
        _bnInput.Grad = null;
        _bn.ZeroGrad();
    }
}
