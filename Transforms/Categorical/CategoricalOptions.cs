using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

/// <summary>How MapValueToKey numbers the values it learns (ML.NET's KeyOrdinality).</summary>
public enum KeyOrdinality
{
    /// <summary>Keys in order of first appearance in the training data.</summary>
    ByOccurrence,

    /// <summary>Keys in ascending value order (ordinal for text).</summary>
    ByValue,
}

/// <summary>What OneHotEncoding outputs for a scalar column (ML.NET's OneHotEncodingEstimator.OutputKind, without Binary).</summary>
public enum OneHotEncodingOutputKind
{
    /// <summary>A Vector&lt;Single, keyCount&gt; with 1 at slot key − 1; all zeros for a missing or unseen value.</summary>
    Indicator,

    /// <summary>Counts per key; the same as <see cref="Indicator"/> for a scalar input.</summary>
    Bag,

    /// <summary>The key itself (as MapValueToKey).</summary>
    Key,
}

/// <summary>Options of MapValueToKey (ML.NET's ValueToKeyMappingEstimator.ColumnOptions). Values beyond
/// <see cref="MaximumNumberOfKeys"/> distinct ones, and values unseen when fitting, map to key 0 (missing).
/// <see cref="AddKeyValueAnnotationsAsText"/> attaches the key values as text, so MapKeyToValue returns strings.</summary>
public sealed record ValueToKeyMappingOptions(string OutputColumnName, string? InputColumnName = null)
{
    public int MaximumNumberOfKeys { get; init; } = 1_000_000;
    public KeyOrdinality KeyOrdinality { get; init; } = KeyOrdinality.ByOccurrence;
    public bool AddKeyValueAnnotationsAsText { get; init; }

    public string SourceColumnName => InputColumnName ?? OutputColumnName;

    public ValueToKeyMappingOptions Validate()
    {
        OptionChecks.NotEmpty("MapValueToKey", nameof(OutputColumnName), OutputColumnName);
        if (InputColumnName is not null)
        {
            OptionChecks.NotEmpty("MapValueToKey", nameof(InputColumnName), InputColumnName);
        }
        OptionChecks.InRange("MapValueToKey", nameof(MaximumNumberOfKeys), MaximumNumberOfKeys, 1, int.MaxValue);
        return this;
    }
}

/// <summary>Options of MapKeyToValue: the key column (named like the output when null) must carry key values.</summary>
public sealed record KeyToValueMappingOptions(string OutputColumnName, string? InputColumnName = null)
{
    public string SourceColumnName => InputColumnName ?? OutputColumnName;

    public KeyToValueMappingOptions Validate()
    {
        OptionChecks.NotEmpty("MapKeyToValue", nameof(OutputColumnName), OutputColumnName);
        if (InputColumnName is not null)
        {
            OptionChecks.NotEmpty("MapKeyToValue", nameof(InputColumnName), InputColumnName);
        }
        return this;
    }
}

/// <summary>Options of OneHotEncoding: a key input is encoded as is; a value input (String, Single, Double, Int32,
/// Int64) is first mapped to keys as MapValueToKey does, with <see cref="MaximumNumberOfKeys"/> and <see cref="KeyOrdinality"/>.</summary>
public sealed record OneHotEncodingOptions(string OutputColumnName, string? InputColumnName = null)
{
    public OneHotEncodingOutputKind OutputKind { get; init; } = OneHotEncodingOutputKind.Indicator;
    public int MaximumNumberOfKeys { get; init; } = 1_000_000;
    public KeyOrdinality KeyOrdinality { get; init; } = KeyOrdinality.ByOccurrence;

    public string SourceColumnName => InputColumnName ?? OutputColumnName;

    public OneHotEncodingOptions Validate()
    {
        OptionChecks.NotEmpty("OneHotEncoding", nameof(OutputColumnName), OutputColumnName);
        if (InputColumnName is not null)
        {
            OptionChecks.NotEmpty("OneHotEncoding", nameof(InputColumnName), InputColumnName);
        }
        OptionChecks.InRange("OneHotEncoding", nameof(MaximumNumberOfKeys), MaximumNumberOfKeys, 1, int.MaxValue);
        if (!Enum.IsDefined(OutputKind))
        {
            throw new ArgumentOutOfRangeException(nameof(OutputKind), OutputKind, $"The 'OutputKind' option of OneHotEncoding must be Indicator, Bag or Key. Got {OutputKind}.");
        }
        return this;
    }
}
