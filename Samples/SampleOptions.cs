namespace MlNetDl.Samples;

/// <summary>Values of the options every sample shares (parsed by <see cref="SampleHost"/>).</summary>
internal sealed record SampleOptions
{
    /// <summary><c>--data</c>: a directory (or, for linreg, a CSV file); null means the sample's default data.</summary>
    public string? DataDirectory { get; init; }

    /// <summary><c>--epochs</c> (iterations for Newton); null means the sample's default, smaller with --quick.</summary>
    public int? Epochs { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary><c>--out</c>: where plots and model files go; null means a fresh folder under the temp directory.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary><c>--quick</c>: a subset of the data and fewer epochs (seconds, for tests and CI).</summary>
    public bool Quick { get; init; }
}
