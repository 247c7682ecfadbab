using BenchmarkDotNet.Attributes;

namespace MlNetDl.Benchmarks.Conv;

/// <summary>BenchmarkDotNet: Conv2d forward and forward + backward at the <see cref="ConvCase"/> sizes;
/// MemoryDiagnoser shows that steady-state calls reuse the column buffers (no per-call arrays).</summary>
[MemoryDiagnoser]
public class ConvBenchmarks
{
    private ConvCase _case = null!;

    [Params("resnet_3x3_256_14x14_b8", "mnist_5x5_1to32_28x28_b64")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _case = new ConvCase(Case);
        for (int i = 0; i < 5; i++)
        {
            _case.ForwardBackward();
        }
    }

    [Benchmark]
    public void Forward() => _case.Forward();

    [Benchmark]
    public void ForwardBackward() => _case.ForwardBackward();
}
