using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

/// <summary>What every normalizer needs: the output column and the Single or Vector&lt;Single&gt; input column
/// (the output's name when null). Subclasses choose the statistics.</summary>
public abstract record NormalizerOptions(string OutputColumnName, string? InputColumnName = null)
{
    /// <summary>The input column actually read.</summary>
    public string SourceColumnName => InputColumnName ?? OutputColumnName;

    /// <summary>Names the normalizer in messages (e.g. "NormalizeMinMax").</summary>
    public abstract string ComponentName { get; }

    /// <exception cref="ArgumentException">A bad option; the message names it, the allowed range and the value.</exception>
    public virtual NormalizerOptions Validate()
    {
        OptionChecks.NotEmpty(ComponentName, nameof(OutputColumnName), OutputColumnName);
        if (InputColumnName is not null)
        {
            OptionChecks.NotEmpty(ComponentName, nameof(InputColumnName), InputColumnName);
        }
        return this;
    }
}

/// <summary>
/// ML.NET's NormalizeMinMax: y = (x − offset)·scale per slot, from the minimum and maximum of the first
/// <see cref="MaximumExampleCount"/> training rows. FixZero (default): offset 0, scale = 1/max(|min|, |max|), so 0
/// stays 0 and outputs lie in [−1, 1] (in [0, 1] for non-negative data). Without FixZero: offset = min,
/// scale = 1/(max − min), outputs in [0, 1] (scikit-learn's MinMaxScaler). A constant slot (max ≤ min) gets
/// scale 0 and offset 0: its finite values become 0.
/// </summary>
public sealed record MinMaxNormalizerOptions(string OutputColumnName, string? InputColumnName = null) : NormalizerOptions(OutputColumnName, InputColumnName)
{
    public long MaximumExampleCount { get; init; } = 1_000_000_000;
    public bool FixZero { get; init; } = true;

    public override string ComponentName => "NormalizeMinMax";

    public override NormalizerOptions Validate()
    {
        OptionChecks.InRange(ComponentName, nameof(MaximumExampleCount), MaximumExampleCount, 2);
        return base.Validate();
    }
}

/// <summary>
/// ML.NET's NormalizeMeanVariance, from the mean and population variance (divide by n, as ML.NET and
/// scikit-learn) of the first <see cref="MaximumExampleCount"/> training rows. Without FixZero: y = (x − mean)/std
/// (scikit-learn's StandardScaler). FixZero (ML.NET's default): no centering, y = x/√(var + mean²), i.e. divided
/// by the root mean square, so 0 stays 0. UseCdf: y = Φ((x − mean)/std), the standard normal CDF (FixZero is
/// ignored, as in ML.NET). A zero-variance slot gets scale 0 (affine) or outputs 0 (CDF).
/// </summary>
public sealed record MeanVarianceNormalizerOptions(string OutputColumnName, string? InputColumnName = null) : NormalizerOptions(OutputColumnName, InputColumnName)
{
    public long MaximumExampleCount { get; init; } = 1_000_000_000;
    public bool FixZero { get; init; } = true;
    public bool UseCdf { get; init; }

    public override string ComponentName => "NormalizeMeanVariance";

    public override NormalizerOptions Validate()
    {
        OptionChecks.InRange(ComponentName, nameof(MaximumExampleCount), MaximumExampleCount, 2);
        return base.Validate();
    }
}

/// <summary>
/// torchvision's transforms.Normalize with fixed constants: y = (x − mean[c]) / std[c], where c is the channel
/// (first dimension) of a [C, H, W] vector. <see cref="Mean"/> and <see cref="StandardDeviation"/> have the same
/// length: 1 (every slot), C (per channel) or the vector size (per slot). Nothing is learned from data.
/// </summary>
public sealed record MeanStdNormalizerOptions(string OutputColumnName, string? InputColumnName, float[] Mean, float[] StandardDeviation)
    : NormalizerOptions(OutputColumnName, InputColumnName)
{
    public override string ComponentName => "NormalizeMeanStd";

    /// <exception cref="ArgumentException">Empty or different-length arrays, a non-finite mean, or a standard
    /// deviation that is not positive and finite (torchvision also rejects zero).</exception>
    public override NormalizerOptions Validate()
    {
        if (Mean is null || StandardDeviation is null || Mean.Length == 0 || Mean.Length != StandardDeviation.Length)
        {
            throw new ArgumentException(
                $"The 'Mean' and 'StandardDeviation' options of {ComponentName} must be non-empty arrays of the same length. " +
                $"Got {Mean?.Length.ToString() ?? "null"} and {StandardDeviation?.Length.ToString() ?? "null"} values.");
        }
        for (int i = 0; i < Mean.Length; i++)
        {
            OptionChecks.InRange(ComponentName, $"{nameof(Mean)}[{i}]", Mean[i], double.MinValue, double.MaxValue);
            OptionChecks.InRange(ComponentName, $"{nameof(StandardDeviation)}[{i}]", StandardDeviation[i], 0, double.MaxValue, minInclusive: false);
        }
        return base.Validate();
    }
}
