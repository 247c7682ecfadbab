using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Trainers.Linear;
using static MlNetDl.Samples.LinearModels.LinearSampleHelpers;

namespace MlNetDl.Samples.LinearModels;

/// <summary>Newton's method for logistic regression on breast cancer: seeded 70/30 split, standardized with training
/// statistics only, loss and accuracy per iteration for the exact and the diagonal Hessian, test accuracy of each.</summary>
internal static class NewtonLogregSample
{
    public static int Run(SampleOptions options, TextWriter log)
    {
        var data = SklearnDatasets.LoadBreastCancer();
        int d = data.FeatureCount;
        var (trainRows, testRows) = Split(data.Count, 0.7, options.Seed);
        var xTrain = Rows(data.Features, d, trainRows, d);
        var xTest = Rows(data.Features, d, testRows, d);
        Standardize(xTrain, xTest, d);
        IDataView View(float[] x, int[] rows) => new DataViewBuilder().AddVector("Features", x, d)
            .AddBoolean("Label", [.. rows.Select(i => data.Labels![i] == 1)]).Build();
        var (train, test) = (View(xTrain, trainRows), View(xTest, testRows));
        log.WriteLine($"newton-logreg: breast cancer, {trainRows.Length} train / {testRows.Length} test rows, {d} features");
        var context = new MLContext(options.Seed);
        int iterations = options.Epochs ?? (options.Quick ? 10 : 30);
        foreach (var (hessian, step) in new[] { (NewtonHessian.Exact, 1.0), (NewtonHessian.Diagonal, 0.1) })
        {
            var model = context.BinaryClassification.Trainers.NewtonLogisticRegression(new NewtonLogisticRegressionOptions
            {
                Hessian = hessian, StepSize = step, MaximumIterations = iterations, L2Regularization = 1e-3,
            }).Fit(train);
            for (int i = 0; i < model.LossHistory.Count; i++)
            {
                log.WriteLine($"{hessian} iteration {i + 1}: loss {F(model.LossHistory[i])} train accuracy {F(model.AccuracyHistory[i])}");
            }
            var metrics = context.BinaryClassification.Evaluate(model.Transform(test));
            Result(log, $"accuracy_{hessian.ToString().ToLowerInvariant()}", metrics.Accuracy);
            Result(log, $"iterations_{hessian.ToString().ToLowerInvariant()}", model.LossHistory.Count);
        }
        return 0;
    }
}
