using MlNetDl.Pipelines.Loaders;
using Xunit.Abstractions;

namespace MlNetDl.UnitTests.Pipelines.Loaders;

/// <summary>Our readers of Debian's python3-sklearn data files against sklearn's own loaders (exported as .npy by NumPy).</summary>
public sealed class SklearnDatasetsTests(ITestOutputHelper output) : LoaderTestBase
{
    [Fact]
    public void ToyDatasetsMatchSklearnLoaders()
    {
        if (!File.Exists(Path.Combine(SklearnDatasets.DefaultDirectory, "breast_cancer.csv")) || !NumPyPython.SklearnAvailable)
        {
            output.WriteLine($"SKIPPED: {SklearnDatasets.DefaultDirectory} or /usr/bin/python3 with sklearn is absent (apt-get install python3-sklearn); the sklearn comparison did not run.");
            return;
        }

        NumPyPython.RunChecked("""
            import numpy as np, sys, os
            from sklearn import datasets
            for name, loader in [('breast_cancer', datasets.load_breast_cancer), ('diabetes', datasets.load_diabetes), ('digits', datasets.load_digits)]:
                b = loader()
                np.save(os.path.join(sys.argv[1], name + '_X.npy'), np.ascontiguousarray(b.data))
                np.save(os.path.join(sys.argv[1], name + '_y.npy'), np.ascontiguousarray(b.target))
            """, Dir);

        foreach (var (name, ds, tolerance) in new[]
        {
            ("breast_cancer", SklearnDatasets.LoadBreastCancer(), 0.0),
            ("diabetes", SklearnDatasets.LoadDiabetes(), 1e-6),
            ("digits", SklearnDatasets.LoadDigits(), 0.0),
        })
        {
            var x = NpyReader.Read(PathOf(name + "_X.npy"));
            var y = NpyReader.Read(PathOf(name + "_y.npy"));
            Assert.Equal(x.Shape, new[] { ds.Count, ds.FeatureCount });
            var want = (double[])x.Data;
            for (int i = 0; i < want.Length; i++)
            {
                Assert.True(Math.Abs(want[i] - ds.Features[i]) <= tolerance + 1e-7 * Math.Abs(want[i]), $"{name}[{i}]: sklearn {want[i]}, ours {ds.Features[i]}");
            }

            if (ds.Labels is not null)
            {
                Assert.Equal(y.ToFloat32(), ds.Labels.Select(l => (float)l));
            }
            else
            {
                Assert.Equal(y.ToFloat32(), ds.Targets!);
            }
        }

        var bc = SklearnDatasets.LoadBreastCancer();
        Assert.Equal((569, 30), (bc.Count, bc.FeatureCount));
        Assert.Equal(["malignant", "benign"], bc.TargetNames);
        Assert.Equal((1797, 64), (SklearnDatasets.LoadDigits().Count, 64));
        Assert.Equal(442, SklearnDatasets.LoadDiabetes(scaled: false).Count);
    }

    [Fact]
    public void MissingFilesNameThePathAndThePackage()
    {
        var path = PathOf("absent.csv");
        foreach (var load in new Action[] { () => SklearnDatasets.LoadBreastCancer(path), () => SklearnDatasets.LoadDigits(path), () => SklearnDatasets.LoadDiabetes(dataPath: path) })
        {
            var e = Assert.Throws<FileNotFoundException>(load);
            Assert.Contains(path, e.Message);
            Assert.Contains("python3-sklearn", e.Message);
        }
    }

    [Fact]
    public void CountLineMustAgreeWithTheData()
    {
        var path = WriteBytes("bc.csv", System.Text.Encoding.ASCII.GetBytes("3,2,no,yes\n1,2,0\n3,4,1\n"));
        var e = Assert.Throws<InvalidDataException>(() => SklearnDatasets.LoadBreastCancer(path));
        Assert.Contains("declares 3 samples of 2 features", e.Message);
        Assert.Contains("2 rows", e.Message);
    }
}
