using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Benchmarks.Gemm;

/// <summary>
/// Square C = A·B with <see cref="Sgemm.Multiply"/>; the GFLOP/s column is 2n³ / mean time.
/// `dotnet run -c Release --project Benchmarks -- --filter *SgemmBenchmarks* --job short`.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GflopsConfig))]
public class SgemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    [Params(256, 512, 1024, 2048)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(0);
        _a = new float[N * N]; _b = new float[N * N]; _c = new float[N * N];
        for (int i = 0; i < _a.Length; i++) { _a[i] = (float)rng.NextDouble() - 0.5f; _b[i] = (float)rng.NextDouble() - 0.5f; }
    }

    [Benchmark]
    public void Multiply() => Sgemm.Multiply(false, false, N, N, N, 1f, _a, N, _b, N, 0f, _c, N);

    private sealed class GflopsConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public GflopsConfig() => AddColumn(new GflopsColumn());
    }

    /// <summary>2n³ floating-point operations divided by the mean time of the case.</summary>
    private sealed class GflopsColumn : IColumn
    {
        public string Id => nameof(GflopsColumn);
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "2n³ / mean time, in 10⁹ floating-point operations per second";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats) return "n/a";
            double n = Convert.ToDouble(benchmarkCase.Parameters["N"]);
            return (2 * n * n * n / stats.Mean).ToString("F1"); // Mean is in ns, so flops/ns = GFLOP/s
        }
    }
}
