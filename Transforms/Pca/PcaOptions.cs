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

    /// <summary>How each component's sign is fixed (an eigenvector is only defined up to sign). The default matches
    /// current scikit-learn and costs nothing; <see cref="PcaSignConvention.LargestProjection"/> reproduces older
    /// scikit-learn releases exactly at the price of one more pass over the training data.</summary>
    public PcaSignConvention SignConvention { get; init; } = PcaSignConvention.LargestComponentEntry;

    internal string Input => InputColumnName ?? OutputColumnName;

    /// <exception cref="ArgumentException">An empty column name.</exception>
    public PcaOptions Validate()
    {
        OptionChecks.NotEmpty(Owner, nameof(OutputColumnName), OutputColumnName);
        if (InputColumnName is not null)
        {
            OptionChecks.NotEmpty(Owner, nameof(InputColumnName), InputColumnName);
        }
        if (!Enum.IsDefined(SignConvention))
        {
            throw new ArgumentOutOfRangeException(nameof(SignConvention), SignConvention,
                $"The '{nameof(SignConvention)}' option of {Owner} must be one of {string.Join(", ", Enum.GetNames<PcaSignConvention>())}. Got {(int)SignConvention}.");
        }
        return this;
    }

    /// <summary>"The 'rank' option of PCA must be an integer in [1, 784]. Got 0."</summary>
    /// <exception cref="ArgumentOutOfRangeException">Rank outside [1, features].</exception>
    internal void CheckRank(int features) => OptionChecks.InRange(Owner, "rank", Rank, 1, features);
}

/// <summary>The rule that makes PCA components deterministic (scikit-learn's <c>svd_flip</c> decisions).</summary>
public enum PcaSignConvention
{
    /// <summary>Each component's largest-magnitude entry (the first one on ties) is positive: scikit-learn ≥ 1.5
    /// (<c>svd_flip(u_based_decision=False)</c>). O(rank·d).</summary>
    LargestComponentEntry,

    /// <summary>Each component's training projection X̃v has its largest-magnitude entry (the first row on ties)
    /// positive: scikit-learn &lt; 1.5 (<c>u_based_decision=True</c>), e.g. Debian's 1.2. Costs an n × d × rank
    /// product, as much as the covariance itself at full rank.</summary>
    LargestProjection,
}
