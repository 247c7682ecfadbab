using MlNetDl.Pipelines;
using MlNetDl.Trainers.Linear;

namespace MlNetDl.UnitTests.Trainers;

public class ClassificationTrainerTests
{
    [Fact]
    public void NewtonLogisticRegressionMatchesScikitLearnOnBreastCancer()
    {
        var fixture = LinearFixtures.Get("breast_cancer_logistic");
        var (train, test) = LinearFixtures.BreastCancer();
        var context = new MLContext(1);
        var model = context.BinaryClassification.Trainers.NewtonLogisticRegression(l2Regularization: fixture.GetProperty("l2").GetDouble()).Fit(train);
        var expected = fixture.Doubles("weights").Append(fixture.GetProperty("bias").GetDouble()).ToArray();
        LinearFixtures.AssertClose(expected, [.. model.Weights, model.Bias], 1e-4, "coefficients");
        var metrics = context.BinaryClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.Accuracy >= 0.95, $"test accuracy {metrics.Accuracy}");
        Assert.Equal(fixture.GetProperty("test_accuracy").GetDouble(), metrics.Accuracy, 1e-9);
        Assert.True(model.LossHistory.Count < 20, "Newton converges in a few iterations");
        Assert.Equal(model.LossHistory.Count, model.AccuracyHistory.Count);
    }

    [Fact]
    public void DiagonalHessianLowersTheLossAndReportsEachIteration()
    {
        var (train, _) = LinearFixtures.BreastCancer();
        var reports = new List<TrainingProgress>();
        var options = new NewtonLogisticRegressionOptions
        {
            Hessian = NewtonHessian.Diagonal, StepSize = 0.1, MaximumIterations = 30, L2Regularization = 1e-3,
            Progress = new LinearRegressionTrainerTests.SyncProgress(reports.Add),
        };
        var model = new MLContext(1).BinaryClassification.Trainers.NewtonLogisticRegression(options).Fit(train);
        Assert.Equal(model.LossHistory.Count, reports.Count);
        Assert.True(model.LossHistory[^1] < 0.5 * model.LossHistory[0], $"loss {model.LossHistory[0]} → {model.LossHistory[^1]}");
        Assert.True(model.AccuracyHistory[^1] > 0.95);
    }

    [Fact]
    public void SeparableDataWithoutRegularizationSuggestsL2()
    {
        var data = new DataViewBuilder().AddVector("Features", [-2, -1, 1, 2], 1).AddBoolean("Label", [false, false, true, true]).Build();
        var e = Assert.Throws<InvalidOperationException>(() =>
            new MLContext(1).BinaryClassification.Trainers.NewtonLogisticRegression(maximumIterations: 200, tolerance: 0).Fit(data));
        Assert.Contains("L2Regularization", e.Message);
    }

    [Theory]
    [InlineData(0.0, true, 0.6931471805599453)]
    [InlineData(800.0, true, 0.0)]
    [InlineData(800.0, false, 800.0)]
    [InlineData(-800.0, true, 800.0)]
    [InlineData(-40.0, false, 4.248354255291589e-18)]
    public void LogLossIsStableForLargeLogits(double z, bool label, double expected)
    {
        Assert.Equal(expected, LogisticMath.LogLoss(z, label), 1e-12 * Math.Max(1, expected));
        Assert.InRange(LogisticMath.Sigmoid(z), 0, 1);
    }

    [Fact]
    public void SoftmaxProbabilitiesForFixedWeightsMatchNumpy()
    {
        var f = LinearFixtures.Get("softmax_fixed");
        int d = f.GetProperty("features").GetInt32(), k = f.GetProperty("classes").GetInt32();
        var x = f.Floats("x");
        var model = new SoftmaxRegressionTransformer(new SoftmaxRegressionModelOptions("Features", k), f.Floats("weights"), f.Floats("bias"));
        var data = new DataViewBuilder().AddVector("Features", x, d).Build();
        var scores = InMemoryDataView.From(model.Transform(data));
        var p = new float[x.Length / d * k];
        ((VectorColumn)scores.GetColumn("Score")).CopyRows(0, scores.RowCount, p);
        var expected = f.Doubles("probabilities");
        for (int i = 0; i < p.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - p[i]) <= 1e-6, $"p[{i}]: expected {expected[i]}, got {p[i]}");
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(0.01f)]
    public void AutogradGradientAgreesWithDerivedGradient(float l2)
    {
        var rng = new Random(5);
        int m = 7, d = 6, k = 4;
        var x = Enumerable.Range(0, m * d).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        var y = Enumerable.Range(0, m).Select(i => i % k).ToArray();
        var w = Enumerable.Range(0, d * k).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, k).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var (gw1, gb1, gw2, gb2) = (new float[d * k], new float[k], new float[d * k], new float[k]);
        var (loss1, _) = SoftmaxGradients.Derived(x, y, m, d, k, w, b, l2, gw1, gb1, new float[m * k]);
        double loss2 = SoftmaxGradients.Autograd(x, y, m, d, k, w, b, l2, gw2, gb2);
        Assert.Equal(loss1, loss2, 1e-5);
        for (int i = 0; i < gw1.Length; i++) { Assert.True(Math.Abs(gw1[i] - gw2[i]) <= 1e-6, $"dW[{i}]: {gw1[i]} vs {gw2[i]}"); }
        for (int i = 0; i < k; i++) { Assert.True(Math.Abs(gb1[i] - gb2[i]) <= 1e-6, $"db[{i}]: {gb1[i]} vs {gb2[i]}"); }
    }

    [Theory]
    [InlineData(SoftmaxGradientMode.Derived, false)]
    [InlineData(SoftmaxGradientMode.Autograd, false)]
    [InlineData(SoftmaxGradientMode.Derived, true)]
    public void SoftmaxRegressionLearnsDigits(SoftmaxGradientMode mode, bool perSample)
    {
        var digits = MlNetDl.Pipelines.Loaders.SklearnDatasets.LoadDigits();
        var x = digits.Features.Select(v => v / 16f).ToArray();
        var data = new DataViewBuilder().AddVector("Features", x, 64).AddKey("Label", digits.Labels!, 10).Build();
        var context = new MLContext(2);
        var options = new SoftmaxRegressionOptions { Epochs = perSample ? 2 : 10, LearningRate = perSample ? 0.05 : 0.5, BatchSize = 64, Gradient = mode, PerSampleSgd = perSample, Seed = 4 };
        var model = context.MulticlassClassification.Trainers.SoftmaxRegression(options).Fit(data);
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(data));
        Assert.True(metrics.MicroAccuracy > 0.9, $"train accuracy {metrics.MicroAccuracy}");
        Assert.Equal(options.Epochs, model.LossHistory.Count);
        Assert.True(model.LossHistory[^1] < model.LossHistory[0]);
    }
}
