using BenchmarkDotNet.Attributes;

namespace MlNetDl.Benchmarks.CnnStep;

/// <summary>BenchmarkDotNet: one CNN training step (see <see cref="CnnStep"/>); MemoryDiagnoser reports the bytes a
/// steady-state step allocates (graph bookkeeping only: tensors come from the pool, kernels reuse their buffers).</summary>
[MemoryDiagnoser]
public class CnnStepBenchmarks
{
    private CnnStep _step = null!;

    [Params("mnist_cnn", "conv_autoencoder")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _step = new CnnStep(Model);
        for (int i = 0; i < 10; i++)
        {
            _step.Run();
        }
    }

    [Benchmark]
    public float TrainingStep() => _step.Run();
}
