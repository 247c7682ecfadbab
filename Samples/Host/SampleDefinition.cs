using System.CommandLine;

namespace MlNetDl.Samples;

/// <summary>The options every sample shares; a command picks the ones that mean something to it.</summary>
[Flags]
internal enum CommonOptions
{
    None = 0,
    Data = 1,
    Epochs = 2,
    Seed = 4,
    Out = 8,
    Quick = 16,
    All = Data | Epochs | Seed | Out | Quick,
}

/// <summary>
/// One command of <c>mlnetdl-samples</c>: its name, a one-line description, the entry point, the files it promises
/// to write into <c>--out</c> (the host checks them after the run, and the samples test checks they decode), the
/// common options it accepts and any options of its own (read back with <see cref="SampleRun.Get{T}"/>).
/// </summary>
internal sealed record SampleDefinition(string Name, string Description, Func<SampleRun, int> Run)
{
    public IReadOnlyList<string> Files { get; init; } = [];

    public CommonOptions Common { get; init; } = CommonOptions.All;

    /// <summary>Options only this command takes, e.g. <c>new Option&lt;string&gt;("--model") { Required = true }</c>.
    /// Factories, not instances: a fresh parser (one per invocation) gets fresh option objects.</summary>
    public IReadOnlyList<Func<Option>> Options { get; init; } = [];

    /// <summary>A utility command (onnx-run) rather than a homework: it needs arguments a quick run cannot invent, so
    /// the all-samples quick test skips it and its own tests run it through the host.</summary>
    public bool Tool { get; init; }
}
