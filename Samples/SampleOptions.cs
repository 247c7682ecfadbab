namespace MlNetDl.Samples;

/// <summary>Options every sample accepts.</summary>
internal sealed record SampleOptions
{
    public string? DataDirectory { get; init; }
    public int? Epochs { get; init; }
    public int Seed { get; init; } = 1;
    public string? OutputDirectory { get; init; }
    public bool Quick { get; init; }
}
