using System.Diagnostics;
using System.Globalization;
using MlNetDl.Benchmarks.Knn;
using MlNetDl.Pipelines;
using MlNetDl.Trainers;
using MlNetDl.Trainers.Linear;

namespace MlNetDl.Benchmarks.Softmax;

/// <summary>
/// <c>softmax-sidebyside [epochs]</c>: seconds per epoch of softmax regression (mini-batch 128, lr 0.1, derived
/// gradient) on the 60,000 Fashion-MNIST training images, here and then in NumPy (<c>sidebyside/softmax.py</c>,
/// the same algorithm) in the same run. Ours: the median over fits of 1 and of 1 + epochs epochs, per-epoch time =
/// (difference) / epochs, so copying the data view and the checks are not counted (NumPy has its array ready).
/// </summary>
internal static class SoftmaxSideBySide
{
    public static int Run(string[] args)
    {
        int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var train = ReferenceRun.Load("train");
        var view = new DataViewBuilder().AddVector("Features", train.X, 784).AddKey("Label", train.Y, 10).Build();
        var context = new MLContext(1);
        SoftmaxRegressionTransformer Fit(int e) =>
            context.MulticlassClassification.Trainers.SoftmaxRegression(new SoftmaxRegressionOptions { Epochs = e, BatchSize = 128, LearningRate = 0.1 }).Fit(view);
        Fit(1); // warm-up (JIT)
        string loadBefore = ReferenceRun.Load1();
        var perEpoch = new List<double>();
        SoftmaxRegressionTransformer? model = null;
        for (int r = 0; r < 3; r++)
        {
            var clock = Stopwatch.StartNew();
            Fit(1);
            double one = clock.Elapsed.TotalSeconds;
            clock.Restart();
            model = Fit(1 + epochs);
            perEpoch.Add((clock.Elapsed.TotalSeconds - one) / epochs);
        }
        perEpoch.Sort();
        double ours = perEpoch[1];
        var py = ReferenceRun.Python("softmax.py", epochs.ToString(CultureInfo.InvariantCulture));
        double numpy = ReferenceRun.Seconds(py, "numpy_epoch_seconds");
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"| Softmax regression epoch, 60000 x 784, batch 128 | MlNetDl {ours:F4} s | NumPy {numpy:F4} s | MlNetDl/NumPy {ours / numpy:F2} |"));
        Console.WriteLine(string.Create(inv,
            $"after {1 + epochs} epochs: ours loss {model!.LossHistory[^1]:F4} accuracy {model.AccuracyHistory[^1]:F4}; NumPy loss {py["numpy_last_loss"]} accuracy {py["numpy_last_accuracy"]}"));
        Console.WriteLine($"load average before {loadBefore}, after {ReferenceRun.Load1()}; reference {py.GetValueOrDefault("blas", "?")}");
        return 0;
    }
}
