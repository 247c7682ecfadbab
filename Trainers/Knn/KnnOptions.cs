using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Knn;

/// <summary>How <see cref="KnnTransformer"/> finds neighbours. Both give identical, exact results.</summary>
public enum KnnAlgorithm
{
    /// <summary>Blocked SGEMM distances (‖x‖² + ‖y‖² − 2x·y) with a vectorized top-k per row; any dimension. Features
    /// that are all 8-bit levels (v = b / 255 or b, e.g. pixels) use exact integer byte dot products instead (AVX-VNNI).</summary>
    Brute,

    /// <summary>A k-d tree over the training points; fast for low-dimensional inputs (≲ 20, e.g. after PCA).</summary>
    KdTree,
}

/// <summary>Options of the k-nearest-neighbours classifier (scikit-learn's KNeighborsClassifier, uniform weights,
/// Euclidean distance).</summary>
public sealed record KnnOptions
{
    internal const string Owner = "Knn";

    /// <summary>Number of neighbours that vote (scikit-learn's n_neighbors).</summary>
    public int K { get; init; } = 3;

    public KnnAlgorithm Algorithm { get; init; } = KnnAlgorithm.Brute;

    public string LabelColumnName { get; init; } = "Label";

    public string FeatureColumnName { get; init; } = "Features";

    public string ScoreColumnName { get; init; } = "Score";

    public string PredictedLabelColumnName { get; init; } = "PredictedLabel";

    /// <exception cref="ArgumentOutOfRangeException">K &lt; 1 or an unknown algorithm.</exception>
    /// <exception cref="ArgumentException">An empty column name.</exception>
    public KnnOptions Validate()
    {
        OptionChecks.InRange(Owner, nameof(K), K, 1);
        if (!Enum.IsDefined(Algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(Algorithm), Algorithm,
                $"The '{nameof(Algorithm)}' option of {Owner} must be one of {string.Join(", ", Enum.GetNames<KnnAlgorithm>())}. Got {(int)Algorithm}.");
        }
        OptionChecks.NotEmpty(Owner, nameof(LabelColumnName), LabelColumnName);
        OptionChecks.NotEmpty(Owner, nameof(FeatureColumnName), FeatureColumnName);
        OptionChecks.NotEmpty(Owner, nameof(ScoreColumnName), ScoreColumnName);
        OptionChecks.NotEmpty(Owner, nameof(PredictedLabelColumnName), PredictedLabelColumnName);
        return this;
    }
}
