using System.Diagnostics;
using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Samples.Plotting;
using MlNetDl.Trainers.Linear;
using static MlNetDl.Samples.LinearModels.LinearSampleHelpers;

namespace MlNetDl.Samples.LinearModels;

/// <summary>Newton's method for logistic regression on breast cancer: seeded 70/30 split, standardized with training
/// statistics only, train and test loss/accuracy after each iteration for the exact and the diagonal Hessian, test
/// accuracy and ROC of each.</summary>
internal static class NewtonLogregSample
{
    public sealed class ModelInput
    {
        [VectorType(30)] public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    public sealed class ModelOutput
    {
        public bool PredictedLabel { get; set; }

        public float Probability { get; set; }

        public float Score { get; set; }
    }

    private sealed record Curves(string Name, List<double> TrainLoss, List<double> TestLoss, List<double> TrainAccuracy, List<double> TestAccuracy);

    public static int Run(SampleRun run)
    {
        var clock = Stopwatch.StartNew();
        var data = SklearnDatasets.LoadBreastCancer();
        int d = data.FeatureCount;
        var (trainRows, testRows) = Split(data.Count, 0.7, run.Options.Seed);
        var xTrain = Rows(data.Features, d, trainRows, d);
        var xTest = Rows(data.Features, d, testRows, d);
        Standardize(xTrain, xTest, d);
        IDataView View(float[] x, int[] rows) => new DataViewBuilder().AddVector("Features", x, d)
            .AddBoolean("Label", [.. rows.Select(i => data.Labels![i] == 1)]).Build();
        var (train, test) = (View(xTrain, trainRows), View(xTest, testRows));
        run.Log.WriteLine($"newton-logreg: breast cancer, {trainRows.Length} train / {testRows.Length} test rows, {d} features");
        var context = new MLContext(run.Options.Seed);
        int iterations = run.Options.Epochs ?? (run.Options.Quick ? 10 : 30);
        var curves = new List<Curves>();
        var rocs = new List<Plotting.RocCurve>();
        foreach (var (hessian, step) in new[] { (NewtonHessian.Exact, 1.0), (NewtonHessian.Diagonal, 0.1) })
        {
            string key = hessian.ToString().ToLowerInvariant();
            var model = Train(context, train, hessian, step, iterations, run.Training($"{hessian} Hessian"));
            var metrics = context.BinaryClassification.Evaluate(model.Transform(test));
            run.Result($"accuracy_{key}", metrics.Accuracy);
            run.Result($"auc_{key}", metrics.AreaUnderRocCurve);
            run.Result($"iterations_{key}", model.LossHistory.Count);
            var roc = metrics.RocCurve.Points;
            rocs.Add(new Plotting.RocCurve($"{hessian} Hessian", [.. roc.Select(p => p.FalsePositiveRate)], [.. roc.Select(p => p.TruePositiveRate)]));
            curves.Add(History(context, train, test, hessian, step, model.LossHistory.Count));
            Consume(context, model, xTest, testRows, data.Labels!, d, run.Log);
        }

        SavePlots(run, curves, rocs);
        run.Result("seconds", clock.Elapsed.TotalSeconds);
        return 0;
    }

    /// <summary>Train: Newton's method with a small ridge term (keeps the exact Hessian invertible).</summary>
    private static LogisticRegressionTransformer Train(MLContext context, IDataView train, NewtonHessian hessian, double step, int iterations,
        TrainingContext? progress = null) =>
        context.BinaryClassification.Trainers.NewtonLogisticRegression(new NewtonLogisticRegressionOptions
        {
            Hessian = hessian, StepSize = step, MaximumIterations = iterations, L2Regularization = 1e-3,
        }).Fit(train, progress ?? TrainingContext.None);

    /// <summary>Consume: one test row through a PredictionEngine.</summary>
    private static void Consume(MLContext context, ITransformer model, float[] xTest, int[] testRows, long[] labels, int d, TextWriter log)
    {
        var engine = context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
        var output = engine.Predict(new ModelInput { Features = xTest[..d] });
        log.WriteLine($"test row {testRows[0]}: label {labels[testRows[0]] == 1}, predicted {output.PredictedLabel} (p = {F(output.Probability)})");
    }

    /// <summary>Loss and accuracy on both splits after k = 1..count Newton steps. The trainer is deterministic, so
    /// refitting with MaximumIterations = k gives the k-th iterate (breast cancer is small: this costs milliseconds).</summary>
    private static Curves History(MLContext context, IDataView train, IDataView test, NewtonHessian hessian, double step, int count)
    {
        var c = new Curves($"{hessian}", [], [], [], []);
        for (int k = 1; k <= count; k++)
        {
            var model = Train(context, train, hessian, step, k);
            var onTrain = context.BinaryClassification.Evaluate(model.Transform(train));
            var onTest = context.BinaryClassification.Evaluate(model.Transform(test));
            c.TrainLoss.Add(onTrain.LogLoss);
            c.TestLoss.Add(onTest.LogLoss);
            c.TrainAccuracy.Add(onTrain.Accuracy);
            c.TestAccuracy.Add(onTest.Accuracy);
        }

        return c;
    }

    private static void SavePlots(SampleRun run, List<Curves> curves, List<Plotting.RocCurve> rocs)
    {
        Series S(string name, List<double> y, int k, bool dashed) => new(name, y) { Color = Palettes.Category(k), Dashed = dashed };
        new LineChart([.. curves.SelectMany((c, k) => new[] { S($"{c.Name} train", c.TrainLoss, k, false), S($"{c.Name} test", c.TestLoss, k, true) })])
        { Title = "Newton logistic regression: log-loss", XLabel = "Newton iteration", YLabel = "log-loss" }
            .SavePng(run.OutputPath("newton-logreg-loss.png"));
        new LineChart([.. curves.SelectMany((c, k) => new[] { S($"{c.Name} train", c.TrainAccuracy, k, false), S($"{c.Name} test", c.TestAccuracy, k, true) })])
        { Title = "Newton logistic regression: accuracy", XLabel = "Newton iteration", YLabel = "accuracy" }
            .SavePng(run.OutputPath("newton-logreg-accuracy.png"));
        var roc = new RocChart(rocs) { Title = "ROC on the test split" };
        roc.SavePng(run.OutputPath("newton-logreg-roc.png"));
        roc.SaveSvg(run.OutputPath("newton-logreg-roc.svg"));
    }
}
