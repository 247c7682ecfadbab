using MlNetDl.Pipelines;

namespace MlNetDl.Transforms.Pca;

/// <summary>Options of <see cref="PcaEstimator"/> (scikit-learn's PCA with svd_solver='full').</summary>
public sealed record PcaOptions
{
    internal const string Owner = "PCA";

    public string OutputColumnName { get; init; } = "Features";

    /// <summary>The Vector&lt;Single&gt; column to project; null means <see cref="OutputColumnName"/>.</summary>
    public string? InputColumnName { get; init; }

    /// <summary>Number of principal components kept (1 ≤ rank ≤ input size; checked when the input size is known).</summary>
    public int Rank { get; init; } = 20;

    /// <summary>Subtract the training mean before projecting (scikit-learn always does).</summary>
    public bool Center { get; init; } = true;

    /// <summary>Divide each projection by √(its eigenvalue) so every output has unit variance on the training set.</summary>
    public bool Whitening { get; init; }

    internal string Input => InputColumnName ?? OutputColumnName;

    /// <exception cref="ArgumentException">An empty column name.</exception>
    public PcaOptions Validate()
    {
        OptionChecks.NotEmpty(Owner, nameof(OutputColumnName), OutputColumnName);
        if (InputColumnName is not null)
        {
            OptionChecks.NotEmpty(Owner, nameof(InputColumnName), InputColumnName);
        }
        return this;
    }

    /// <summary>"The 'rank' option of PCA must be an integer in [1, 784]. Got 0."</summary>
    /// <exception cref="ArgumentOutOfRangeException">Rank outside [1, features].</exception>
    internal void CheckRank(int features) => OptionChecks.InRange(Owner, "rank", Rank, 1, features);
}
