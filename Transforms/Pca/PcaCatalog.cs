using MlNetDl.Pipelines;
using MlNetDl.Transforms.Pca;

namespace MlNetDl.Transforms;

/// <summary><c>mlContext.Transforms.ProjectToPrincipalComponents(...)</c>.</summary>
public static class PcaCatalog
{
    /// <summary>Projects a Vector&lt;Single&gt; column onto its first <paramref name="rank"/> principal components
    /// (exact covariance eigendecomposition; output Vector&lt;Single, rank&gt;).</summary>
    public static PcaEstimator ProjectToPrincipalComponents(this TransformsCatalog catalog, string outputColumnName,
        string? inputColumnName = null, int rank = 20, bool center = true, bool whitening = false) =>
        ProjectToPrincipalComponents(catalog, new PcaOptions
        {
            OutputColumnName = outputColumnName, InputColumnName = inputColumnName, Rank = rank, Center = center, Whitening = whitening,
        });

    public static PcaEstimator ProjectToPrincipalComponents(this TransformsCatalog catalog, PcaOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new PcaEstimator(options);
    }
}
