using System.Diagnostics;
using System.Globalization;
using MlNetDl.Benchmarks.Knn;
using MlNetDl.Pipelines;
using MlNetDl.Transforms;
using MlNetDl.Transforms.Pca;

namespace MlNetDl.Benchmarks.Pca;

/// <summary>
/// <c>pca-sidebyside</c>: PCA fit (ranks 20, 100 and 784 = full; both sign conventions at full rank) on the 60,000 Fashion-MNIST training images here
/// (best of 3 after a warm-up), then NumPy (centre + XᵀX + eigh) and scikit-learn PCA(full) in the same run
/// (<c>sidebyside/pca.py</c>).
/// </summary>
internal static class PcaSideBySide
{
    public static int Run(string[] args)
    {
        var train = ReferenceRun.Load("train");
        var view = new DataViewBuilder().AddVector("Features", train.X, 784).Build();
        var context = new MLContext(1);
        context.Transforms.ProjectToPrincipalComponents("Pc", "Features", 20)
            .Fit(new DataViewBuilder().AddVector("Features", train.X[..(784 * 1000)], 784).Build()); // warm-up (JIT)
        string loadBefore = ReferenceRun.Load1();
        var ours = new Dictionary<(int, PcaSignConvention), double>();
        double ratio1 = 0;
        // The default sign rule (scikit-learn >= 1.5) is free; the older u-based one costs one more n x d x rank product.
        foreach (var (rank, signs) in new[] { (20, PcaSignConvention.LargestComponentEntry), (100, PcaSignConvention.LargestComponentEntry),
                     (784, PcaSignConvention.LargestComponentEntry), (784, PcaSignConvention.LargestProjection) })
        {
            var times = new List<double>();
            for (int r = 0; r < 3; r++)
            {
                var clock = Stopwatch.StartNew();
                var options = new PcaOptions { OutputColumnName = "Pc", InputColumnName = "Features", Rank = rank, SignConvention = signs };
                var model = context.Transforms.ProjectToPrincipalComponents(options).Fit(view);
                times.Add(clock.Elapsed.TotalSeconds);
                ratio1 = model.ExplainedVarianceRatio[0];
            }
            ours[(rank, signs)] = times.Min();
        }
        var py = ReferenceRun.Python("pca.py");
        double numpy = ReferenceRun.Seconds(py, "numpy_eigh_seconds");
        double sk20 = ReferenceRun.Seconds(py, "sklearn_seconds"), skFull = ReferenceRun.Seconds(py, "sklearn_full_seconds");
        var inv = CultureInfo.InvariantCulture;
        foreach (var ((rank, signs), t) in ours)
        {
            double sk = rank == 784 ? skFull : sk20;
            string what = rank == 784 ? "full (784)" : $"rank {rank}";
            Console.WriteLine(string.Create(inv,
                $"| PCA fit {what}, signs {signs}, 60000 x 784 | MlNetDl {t:F3} s | NumPy eigh(cov) {numpy:F3} s | scikit-learn PCA({(rank == 784 ? "all" : "20")}) {sk:F3} s | MlNetDl/NumPy {t / numpy:F2} | MlNetDl/sklearn {t / sk:F2} |"));
        }
        Console.WriteLine($"NumPy parts: centre {py["numpy_center"]} s, XᵀX {py["numpy_cov"]} s, eigh {py["numpy_eigh_only"]} s; explained-variance ratio of PC1 {ratio1.ToString("F6", inv)} vs scikit-learn {py["ratio1"]}");
        Console.WriteLine($"load average before {loadBefore}, after {ReferenceRun.Load1()}; reference {py.GetValueOrDefault("blas", "?")}");
        return 0;
    }
}
