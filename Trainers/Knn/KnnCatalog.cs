using MlNetDl.Pipelines;
using MlNetDl.Trainers.Knn;

namespace MlNetDl.Trainers;

/// <summary><c>mlContext.MulticlassClassification.Trainers.Knn(...)</c>.</summary>
public static class KnnCatalog
{
    /// <summary>k-nearest-neighbours classifier (Euclidean, uniform votes). Score = vote fraction per class,
    /// PredictedLabel = the winning class (vote ties → the class of the nearest neighbour among the tied classes).</summary>
    public static KnnEstimator Knn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        int k = 3, KnnAlgorithm algorithm = KnnAlgorithm.Brute, string labelColumnName = "Label", string featureColumnName = "Features") =>
        Knn(catalog, new KnnOptions { K = k, Algorithm = algorithm, LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });

    public static KnnEstimator Knn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, KnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new KnnEstimator(options);
    }
}
