using System.Diagnostics;
using System.Globalization;
using MlNetDl.Benchmarks.Mlp;
using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Trainers;
using MlNetDl.Transforms;

namespace MlNetDl.Benchmarks.Classical;

/// <summary>
/// <c>knn-sidebyside [test images]</c>: KNN brute (k = 3) on Fashion-MNIST here and in scikit-learn
/// (<c>sidebyside/knn.py</c>, n_jobs=2) in the same run: seconds, prediction agreement, our peak working set.
/// <c>pca-sidebyside</c>: PCA fit (rank 20) on the 60,000 training images here vs NumPy eigh and scikit-learn.
/// </summary>
internal static class ClassicalSideBySide
{
    private const string Dir = "/usr/share/datasets/fashion-mnist";

    private static (float[] X, long[] Y, int N) Load(string split)
    {
        var images = IdxReader.ReadImages(Path.Combine(Dir, $"{split}-images-idx3-ubyte.gz"));
        var labels = IdxReader.ReadLabels(Path.Combine(Dir, $"{split}-labels-idx1-ubyte.gz"));
        var y = labels.Select(b => (long)b).ToArray();
        return (images.Pixels, y, y.Length);
    }

    public static int Knn(string[] args)
    {
        int testCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10000;
        var train = Load("train");
        var test = Load("t10k");
        var context = new MLContext(1);
        var trainView = new DataViewBuilder().AddVector("Features", train.X, 784).AddKey("Label", train.Y, 10).Build();
        var clock = Stopwatch.StartNew();
        var model = context.MulticlassClassification.Trainers.Knn(3).Fit(trainView);
        var (indices, _) = model.FindNeighbors(test.X[..(testCount * 784)], testCount);
        var (_, predicted) = model.Vote(indices, testCount);
        double ours = clock.Elapsed.TotalSeconds;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var npy = Path.Combine(Path.GetTempPath(), $"knn-sklearn-{Environment.ProcessId}.npy");
        var py = MlpSideBySide.RunPython("knn.py", $"{testCount} {npy}");
        double theirs = double.Parse(py["sklearn_seconds"], CultureInfo.InvariantCulture);
        var skPred = (long[])NpyReader.Read(npy).Data;
        int agree = Enumerable.Range(0, testCount).Count(i => skPred[i] == predicted[i]);
        double accuracy = Enumerable.Range(0, testCount).Count(i => test.Y[i] == predicted[i]) / (double)testCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| KNN brute k=3, {testCount} x 60000 | MlNetDl {ours:F2} s | scikit-learn {theirs:F2} s | MlNetDl/sklearn {ours / theirs:F2} | agreement {agree}/{testCount} | accuracy {accuracy:F4} | peak working set {peak / 1048576} MB |"));
        File.Delete(npy);
        return 0;
    }

    public static int Pca(string[] args)
    {
        var train = Load("train");
        var view = new DataViewBuilder().AddVector("Features", train.X, 784).Build();
        var context = new MLContext(1);
        context.Transforms.ProjectToPrincipalComponents("Pc", "Features", 20).Fit(new DataViewBuilder().AddVector("Features", train.X[..(784 * 1000)], 784).Build()); // warm-up
        var times = new List<double>();
        double ratio1 = 0;
        for (int r = 0; r < 3; r++)
        {
            var clock = Stopwatch.StartNew();
            var model = context.Transforms.ProjectToPrincipalComponents("Pc", "Features", 20).Fit(view);
            times.Add(clock.Elapsed.TotalSeconds);
            ratio1 = model.ExplainedVarianceRatio[0];
        }
        double ours = times.Min();
        var py = MlpSideBySide.RunPython("pca.py", "");
        double numpy = double.Parse(py["numpy_eigh_seconds"], CultureInfo.InvariantCulture);
        double sklearn = double.Parse(py["sklearn_seconds"], CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| PCA fit rank 20, 60000 x 784 | MlNetDl {ours:F2} s | NumPy eigh(cov) {numpy:F2} s | scikit-learn {sklearn:F2} s | MlNetDl/NumPy {ours / numpy:F2} | MlNetDl/sklearn {ours / sklearn:F2} | ratio1 {ratio1:F6} vs {py["ratio1"]} |"));
        return 0;
    }
}
