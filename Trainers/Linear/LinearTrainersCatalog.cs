using MlNetDl.Trainers.Linear;

namespace MlNetDl.Pipelines;

/// <summary>Linear trainers on the task catalogs: <c>mlContext.Regression.Trainers.Ols(...)</c>, <c>.GradientDescent(...)</c>,
/// <c>mlContext.BinaryClassification.Trainers.NewtonLogisticRegression(...)</c>,
/// <c>mlContext.MulticlassClassification.Trainers.SoftmaxRegression(...)</c>. Each has a simple overload with
/// defaults and one taking an options record. Shuffling trainers draw their seed from the context when the options
/// carry none.</summary>
public static class LinearTrainersCatalog
{
    /// <summary>Closed-form least squares with intercept (ridge when <paramref name="l2Regularization"/> &gt; 0).</summary>
    public static OlsTrainer Ols(this RegressionCatalog.RegressionTrainers catalog, string labelColumnName = "Label",
        string featureColumnName = "Features", double l2Regularization = 0) =>
        catalog.Ols(new OlsOptions { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, L2Regularization = l2Regularization });

    public static OlsTrainer Ols(this RegressionCatalog.RegressionTrainers catalog, OlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OlsTrainer(options);
    }

    /// <summary>Gradient descent on the mean squared error; <paramref name="batchSize"/> null = full batch.</summary>
    public static GradientDescentRegressionTrainer GradientDescent(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", int epochs = 100, double learningRate = 0.1,
        bool standardize = true, int? batchSize = null) =>
        catalog.GradientDescent(new GradientDescentRegressionOptions
        {
            LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, Epochs = epochs,
            LearningRate = learningRate, Standardize = standardize, BatchSize = batchSize, Seed = catalog.Context.NextSeed(),
        });

    public static GradientDescentRegressionTrainer GradientDescent(this RegressionCatalog.RegressionTrainers catalog, GradientDescentRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GradientDescentRegressionTrainer(options);
    }

    /// <summary>Binary logistic regression by Newton's method (exact or diagonal Hessian).</summary>
    public static NewtonLogisticRegressionTrainer NewtonLogisticRegression(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", NewtonHessian hessian = NewtonHessian.Exact,
        double stepSize = 1, int maximumIterations = 20, double tolerance = 1e-6, double l2Regularization = 0) =>
        catalog.NewtonLogisticRegression(new NewtonLogisticRegressionOptions
        {
            LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, Hessian = hessian, StepSize = stepSize,
            MaximumIterations = maximumIterations, Tolerance = tolerance, L2Regularization = l2Regularization,
        });

    public static NewtonLogisticRegressionTrainer NewtonLogisticRegression(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        NewtonLogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new NewtonLogisticRegressionTrainer(options);
    }

    /// <summary>Softmax regression by mini-batch gradient descent (or per-sample SGD).</summary>
    public static SoftmaxRegressionTrainer SoftmaxRegression(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", int epochs = 10, double learningRate = 0.1,
        int batchSize = 128, double l2Regularization = 0, bool perSampleSgd = false) =>
        catalog.SoftmaxRegression(new SoftmaxRegressionOptions
        {
            LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, Epochs = epochs, LearningRate = learningRate,
            BatchSize = batchSize, L2Regularization = l2Regularization, PerSampleSgd = perSampleSgd, Seed = catalog.Context.NextSeed(),
        });

    public static SoftmaxRegressionTrainer SoftmaxRegression(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        SoftmaxRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SoftmaxRegressionTrainer(options);
    }
}
