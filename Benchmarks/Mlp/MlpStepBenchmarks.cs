using BenchmarkDotNet.Attributes;

namespace MlNetDl.Benchmarks.Mlp;

/// <summary>BenchmarkDotNet: one MLP training step (see <see cref="MlpStep"/>); MemoryDiagnoser reports the
/// bytes a steady-state step allocates (compare with <see cref="MlpStep.ActivationBytes"/> ≈ 1.2 MB).</summary>
[MemoryDiagnoser]
public class MlpStepBenchmarks
{
    private MlpStep _step = null!;

    [GlobalSetup]
    public void Setup()
    {
        _step = new MlpStep();
        for (int i = 0; i < 20; i++)
        {
            _step.Run();
        }
    }

    [Benchmark]
    public float TrainingStep() => _step.Run();
}
