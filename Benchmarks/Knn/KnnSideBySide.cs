using System.Diagnostics;
using System.Globalization;
using MlNetDl.Benchmarks.Knn;
using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Trainers;
using MlNetDl.Trainers.Knn;

namespace MlNetDl.Benchmarks.Knn;

/// <summary>
/// <c>knn-sidebyside [test images]</c>: KNN brute (k = 3) on Fashion-MNIST (60,000 training images, by default
/// all 10,000 test images) here, then in scikit-learn (<c>sidebyside/knn.py</c>, brute, n_jobs=2) in the same run:
/// seconds, ratio, prediction agreement with every disagreement classified, our peak working set.
/// </summary>
internal static class KnnSideBySide
{
    public static int Run(string[] args)
    {
        int testCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10000;
        var train = ReferenceRun.Load("train");
        var test = ReferenceRun.Load("t10k");
        var queries = test.X[..(testCount * 784)];
        var trainView = new DataViewBuilder().AddVector("Features", train.X, 784).AddKey("Label", train.Y, 10).Build();
        string loadBefore = ReferenceRun.Load1();
        var clock = Stopwatch.StartNew();
        var model = new MLContext(1).MulticlassClassification.Trainers.Knn(3).Fit(trainView);
        double fit = clock.Elapsed.TotalSeconds;
        var (indices, _) = model.FindNeighbors(queries, testCount);
        var (_, predicted) = model.Vote(indices, testCount);
        double ours = clock.Elapsed.TotalSeconds;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        // The float SGEMM path on the same data (what any non-8-bit features get), for comparison.
        clock.Restart();
        var norms = BruteForceSearch.SquaredNorms(train.X, train.N, 784);
        var floatIndices = new int[testCount * 3];
        BruteForceSearch.Search(train.X, norms, train.N, 784, queries, testCount, 3, floatIndices, new double[testCount * 3]);
        double floatPath = clock.Elapsed.TotalSeconds;
        bool sameNeighbours = floatIndices.SequenceEqual(indices);

        var npy = Path.Combine(Path.GetTempPath(), $"knn-sklearn-{Environment.ProcessId}.npy");
        var py = ReferenceRun.Python("knn.py", testCount.ToString(CultureInfo.InvariantCulture), npy);
        double theirs = ReferenceRun.Seconds(py, "sklearn_seconds");
        var skPred = (long[])NpyReader.Read(npy).Data;
        File.Delete(npy);

        // Every disagreement is either a three-way vote tie (scikit-learn takes the smallest class, we the nearest
        // neighbour's) or a near-tie between the 3rd and 4th neighbour distances (float rounding decides).
        var differ = Enumerable.Range(0, testCount).Where(i => skPred[i] != predicted[i]).ToArray();
        int voteTies = differ.Count(i =>
        {
            var cls = indices[(i * 3)..(i * 3 + 3)].Select(j => train.Y[j]).ToArray();
            return cls.Distinct().Count() == 3 && cls.Min() == skPred[i];
        });
        var others = differ.Where(i => indices[(i * 3)..(i * 3 + 3)].Select(j => train.Y[j]).Distinct().Count() < 3).ToArray();
        var gaps = new List<double>();
        if (others.Length > 0)
        {
            var four = new MLContext(1).MulticlassClassification.Trainers.Knn(4).Fit(trainView);
            var q4 = others.SelectMany(i => queries[(i * 784)..(i * 784 + 784)]).ToArray();
            var (_, d4) = four.FindNeighbors(q4, others.Length);
            gaps.AddRange(Enumerable.Range(0, others.Length).Select(r => (d4[r * 4 + 3] - d4[r * 4 + 2]) / d4[r * 4 + 2]));
        }
        double accuracy = Enumerable.Range(0, testCount).Count(i => test.Y[i] == predicted[i]) / (double)testCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| KNN brute k=3, {testCount} x 60000 | MlNetDl {ours:F2} s | scikit-learn {theirs:F2} s | MlNetDl/sklearn {ours / theirs:F2} | agreement {testCount - differ.Length}/{testCount} | accuracy {accuracy:F4} | peak working set {peak / 1048576} MB |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ours: fit (copy the training set) {fit:F2} s, search + vote {ours - fit:F2} s (8-bit integer path); float SGEMM path {floatPath:F2} s = {floatPath / theirs:F2}x scikit-learn, same neighbours {sameNeighbours}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"disagreements {differ.Length}: three-way vote ties {voteTies}, others {others.Length} with relative (d4 - d3)/d3 = [{string.Join(", ", gaps.Select(g => g.ToString("G3", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine($"load average before {loadBefore}, after {ReferenceRun.Load1()}; reference {py.GetValueOrDefault("blas", "?")}");
        return 0;
    }
}
