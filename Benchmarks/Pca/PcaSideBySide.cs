using System.Diagnostics;
using System.Globalization;
using MlNetDl.Benchmarks.Knn;
using MlNetDl.Pipelines;
using MlNetDl.Transforms;

namespace MlNetDl.Benchmarks.Pca;

/// <summary>
/// <c>pca-sidebyside</c>: PCA fit (rank 20 and rank 784 = full) on the 60,000 Fashion-MNIST training images here
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
        var ours = new Dictionary<int, double>();
        double ratio1 = 0;
        foreach (int rank in new[] { 20, 784 })
        {
            var times = new List<double>();
            for (int r = 0; r < 3; r++)
            {
                var clock = Stopwatch.StartNew();
                var model = context.Transforms.ProjectToPrincipalComponents("Pc", "Features", rank).Fit(view);
                times.Add(clock.Elapsed.TotalSeconds);
                ratio1 = model.ExplainedVarianceRatio[0];
            }
            ours[rank] = times.Min();
        }
        var py = ReferenceRun.Python("pca.py");
        double numpy = ReferenceRun.Seconds(py, "numpy_eigh_seconds");
        double sk20 = ReferenceRun.Seconds(py, "sklearn_seconds"), skFull = ReferenceRun.Seconds(py, "sklearn_full_seconds");
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"| PCA fit rank 20, 60000 x 784 | MlNetDl {ours[20]:F3} s | NumPy eigh(cov) {numpy:F3} s | scikit-learn {sk20:F3} s | MlNetDl/NumPy {ours[20] / numpy:F2} | MlNetDl/sklearn {ours[20] / sk20:F2} |"));
        Console.WriteLine(string.Create(inv,
            $"| PCA fit full (784), 60000 x 784 | MlNetDl {ours[784]:F3} s | NumPy eigh(cov) {numpy:F3} s | scikit-learn {skFull:F3} s | MlNetDl/NumPy {ours[784] / numpy:F2} | MlNetDl/sklearn {ours[784] / skFull:F2} |"));
        Console.WriteLine($"NumPy parts: centre {py["numpy_center"]} s, XᵀX {py["numpy_cov"]} s, eigh {py["numpy_eigh_only"]} s; explained-variance ratio of PC1 {ratio1.ToString("F6", inv)} vs scikit-learn {py["ratio1"]}");
        Console.WriteLine($"load average before {loadBefore}, after {ReferenceRun.Load1()}; reference {py.GetValueOrDefault("blas", "?")}");
        return 0;
    }
}
