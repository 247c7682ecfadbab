using MlNetDl.Pipelines;
using MlNetDl.Trainers.Linear;

namespace MlNetDl.UnitTests.Trainers;

public class LinearRegressionTrainerTests
{
    [Fact]
    public void OlsMatchesNumpyLstsqOnDiabetes()
    {
        var fixture = LinearFixtures.Get("diabetes_ols");
        var data = LinearFixtures.Diabetes();
        var model = new MLContext(1).Regression.Trainers.Ols().Fit(data);
        LinearFixtures.AssertClose(fixture.Doubles("weights"), model.Weights, 1e-6, "weights");
        Assert.Equal(fixture.GetProperty("bias").GetDouble(), model.Bias, 1e-6 * Math.Abs(model.Bias));
        Assert.Empty(model.LossHistory);
    }

    [Fact]
    public void OlsMatchesNumpyLstsqOnSyntheticData()
    {
        var fixture = LinearFixtures.Get("synthetic_ols");
        var data = LinearFixtures.Regression(fixture.Floats("x"), fixture.GetProperty("features").GetInt32(), fixture.Floats("y"));
        var model = new MLContext(1).Regression.Trainers.Ols().Fit(data);
        LinearFixtures.AssertClose(fixture.Doubles("weights"), model.Weights, 1e-6, "weights");
        Assert.Equal(fixture.GetProperty("bias").GetDouble(), model.Bias, 1e-6 * Math.Abs(model.Bias));
        var metrics = new MLContext(1).Regression.Evaluate(model.Transform(data));
        Assert.True(metrics.RSquared > 0.99, $"R² {metrics.RSquared}");
    }

    [Fact]
    public void RankDeficientDesignNamesRankAndSuggestsRidge()
    {
        // The third feature is the sum of the first two.
        var x = new float[20 * 3];
        for (int i = 0; i < 20; i++) { x[i * 3] = i; x[i * 3 + 1] = (i * 7) % 5; x[i * 3 + 2] = x[i * 3] + x[i * 3 + 1]; }
        var y = Enumerable.Range(0, 20).Select(i => (float)i).ToArray();
        var data = LinearFixtures.Regression(x, 3, y);
        var e = Assert.Throws<InvalidOperationException>(() => new MLContext(1).Regression.Trainers.Ols().Fit(data));
        Assert.Contains("rank 2 but 3 features", e.Message);
        Assert.Contains("l2Regularization", e.Message);
        var ridge = new MLContext(1).Regression.Trainers.Ols(l2Regularization: 1e-3).Fit(data);
        Assert.All(ridge.Weights, w => Assert.True(double.IsFinite(w)));
    }

    [Fact]
    public void GradientDescentConvergesToOlsAndReportsEveryEpoch()
    {
        var data = LinearFixtures.Diabetes();
        var ols = new MLContext(1).Regression.Trainers.Ols().Fit(data);
        var reports = new List<TrainingProgress>();
        var options = new GradientDescentRegressionOptions { Epochs = 10000, LearningRate = 0.2, Progress = new SyncProgress(reports.Add) };
        var gd = new MLContext(1).Regression.Trainers.GradientDescent(options).Fit(data);
        LinearFixtures.AssertClose([.. ols.Weights], gd.Weights, 1e-3, "weights");
        Assert.Equal(ols.Bias, gd.Bias, 1e-3 * Math.Abs(ols.Bias));
        Assert.Equal(10000, gd.LossHistory.Count);
        Assert.Equal(10000, reports.Count);
        Assert.Equal(gd.LossHistory[^1], reports[^1].Metrics["loss"]);
        Assert.True(gd.LossHistory[^1] < gd.LossHistory[0]);
    }

    [Fact]
    public void MiniBatchGradientDescentWithoutStandardizationLearns()
    {
        var fixture = LinearFixtures.Get("synthetic_ols");
        var data = LinearFixtures.Regression(fixture.Floats("x"), 4, fixture.Floats("y"));
        var model = new MLContext(3).Regression.Trainers.GradientDescent(epochs: 300, learningRate: 0.05, batchSize: 16).Fit(data);
        Assert.True(model.LossHistory[^1] < 0.2, $"final MSE {model.LossHistory[^1]}");
    }

    public static TheoryData<Func<MLContext, object>, string> BadOptions => new()
    {
        { c => c.Regression.Trainers.Ols(l2Regularization: -1), "The 'L2Regularization' option of Ols must be a number in [0, ∞). Got -1." },
        { c => c.Regression.Trainers.Ols(labelColumnName: ""), "The 'LabelColumnName' option of Ols must be a non-empty string." },
        { c => c.Regression.Trainers.GradientDescent(epochs: 0), "The 'Epochs' option of GradientDescent must be an integer in [1, ∞). Got 0." },
        { c => c.Regression.Trainers.GradientDescent(learningRate: 0), "The 'LearningRate' option of GradientDescent must be a number in (0, ∞). Got 0." },
        { c => c.Regression.Trainers.GradientDescent(batchSize: 0), "The 'BatchSize' option of GradientDescent must be an integer in [1, ∞). Got 0." },
        { c => c.BinaryClassification.Trainers.NewtonLogisticRegression(maximumIterations: 0), "The 'MaximumIterations' option of NewtonLogisticRegression must be an integer in [1, ∞). Got 0." },
        { c => c.BinaryClassification.Trainers.NewtonLogisticRegression(stepSize: double.NaN), "The 'StepSize' option of NewtonLogisticRegression must be a number in (0, ∞). Got NaN." },
        { c => c.BinaryClassification.Trainers.NewtonLogisticRegression(hessian: (NewtonHessian)7), "The 'Hessian' option of NewtonLogisticRegression must be Exact or Diagonal. Got 7." },
        { c => c.MulticlassClassification.Trainers.SoftmaxRegression(batchSize: 0), "The 'BatchSize' option of SoftmaxRegression must be an integer in [1, ∞). Got 0." },
        { c => c.MulticlassClassification.Trainers.SoftmaxRegression(l2Regularization: double.PositiveInfinity), "The 'L2Regularization' option of SoftmaxRegression must be a number in [0, ∞). Got ∞." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void InvalidOptionsNameOptionRangeAndValue(Func<MLContext, object> make, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => make(new MLContext(1)));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void WrongLabelTypeFailsWithSchemaTemplate()
    {
        var data = new DataViewBuilder().AddVector("Features", [1, 2, 3, 4], 2).AddBoolean("Label", [true, false]).Build();
        var e = Assert.Throws<SchemaMismatchException>(() => new MLContext(1).Regression.Trainers.Ols().Fit(data));
        Assert.StartsWith("Schema mismatch for input column 'Label' of Ols: expected Single, got Boolean.", e.Message);
    }

    [Fact]
    public void FittedModelRejectsFeaturesOfAnotherSize()
    {
        var model = new MLContext(1).Regression.Trainers.Ols().Fit(LinearFixtures.Diabetes());
        var other = LinearFixtures.Regression([1, 2, 3, 4], 2, [1, 2]);
        var e = Assert.Throws<SchemaMismatchException>(() => model.Transform(other));
        Assert.Contains("expected Vector<Single, 10>, got Vector<Single, 2>", e.Message);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports synchronously.</summary>
    internal sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
