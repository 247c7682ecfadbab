using MlNetDl.Transforms;

namespace MlNetDl.Pipelines;

/// <summary>Normalizers, key mapping and one-hot encoding on <c>mlContext.Transforms</c> (in the MlNetDl.Pipelines
/// namespace, like the built-in column transforms, so <c>using MlNetDl.Pipelines;</c> is enough). Signatures and
/// defaults are ML.NET's; each method also has an options-record overload.</summary>
public static class TransformsCatalogExtensions
{
    /// <summary>Min-max normalization fitted on the training data (see <see cref="MinMaxNormalizerOptions"/>):
    /// fixZero → x / max(|min|, |max|); otherwise (x − min) / (max − min).</summary>
    public static NormalizingEstimator NormalizeMinMax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        long maximumExampleCount = 1_000_000_000, bool fixZero = true) =>
        new(new MinMaxNormalizerOptions(outputColumnName, inputColumnName) { MaximumExampleCount = maximumExampleCount, FixZero = fixZero });

    /// <summary>Mean-variance normalization fitted on the training data (see <see cref="MeanVarianceNormalizerOptions"/>):
    /// fixZero → x / √(var + mean²); otherwise (x − mean) / std; useCdf → Φ((x − mean) / std).</summary>
    public static NormalizingEstimator NormalizeMeanVariance(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        long maximumExampleCount = 1_000_000_000, bool fixZero = true, bool useCdf = false) =>
        new(new MeanVarianceNormalizerOptions(outputColumnName, inputColumnName) { MaximumExampleCount = maximumExampleCount, FixZero = fixZero, UseCdf = useCdf });

    /// <summary>torchvision's Normalize with fixed constants: (x − mean[c]) / std[c] per channel c of a [C, H, W]
    /// vector (or one value for all slots, or one per slot). See <see cref="MeanStdNormalizerOptions"/>.</summary>
    public static NormalizingEstimator NormalizeMeanStd(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName,
        float[] mean, float[] standardDeviation) =>
        new(new MeanStdNormalizerOptions(outputColumnName, inputColumnName, mean, standardDeviation));

    /// <summary>Any normalizer from its options record.</summary>
    public static NormalizingEstimator Normalize(this TransformsCatalog catalog, NormalizerOptions options) => new(options);

    /// <summary>Maps values to keys 1..n learned from the training data; unseen and missing values map to 0.</summary>
    public static ValueToKeyMappingEstimator MapValueToKey(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        int maximumNumberOfKeys = 1_000_000, KeyOrdinality keyOrdinality = KeyOrdinality.ByOccurrence, bool addKeyValueAnnotationsAsText = false) =>
        new(new ValueToKeyMappingOptions(outputColumnName, inputColumnName)
        {
            MaximumNumberOfKeys = maximumNumberOfKeys,
            KeyOrdinality = keyOrdinality,
            AddKeyValueAnnotationsAsText = addKeyValueAnnotationsAsText,
        });

    public static ValueToKeyMappingEstimator MapValueToKey(this TransformsCatalog catalog, ValueToKeyMappingOptions options) => new(options);

    /// <summary>Maps keys back to the values attached by MapValueToKey.</summary>
    public static KeyToValueMappingEstimator MapKeyToValue(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null) =>
        new(new KeyToValueMappingOptions(outputColumnName, inputColumnName));

    /// <summary>One-hot encodes a key or value column into Vector&lt;Single, keyCount&gt;.</summary>
    public static OneHotEncodingEstimator OneHotEncoding(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null,
        OneHotEncodingOutputKind outputKind = OneHotEncodingOutputKind.Indicator, int maximumNumberOfKeys = 1_000_000,
        KeyOrdinality keyOrdinality = KeyOrdinality.ByOccurrence) =>
        new(new OneHotEncodingOptions(outputColumnName, inputColumnName) { OutputKind = outputKind, MaximumNumberOfKeys = maximumNumberOfKeys, KeyOrdinality = keyOrdinality });

    public static OneHotEncodingEstimator OneHotEncoding(this TransformsCatalog catalog, OneHotEncodingOptions options) => new(options);
}
