using System.CommandLine;
using System.Globalization;
using MlNetDl.Pipelines;

namespace MlNetDl.Samples;

/// <summary>
/// What a sample gets from the host: its options, a log, the output folder, progress sinks and the RESULT lines.
/// Samples write through these only, so the same code runs with a progress bar in a terminal, with plain lines
/// when redirected, and in-process in tests.
/// </summary>
internal sealed class SampleRun
{
    private readonly Func<string, IProgress<TrainingProgress>> _progress;
    private readonly ParseResult? _parse;
    private readonly Dictionary<string, double> _results = [];

    public SampleRun(string name, SampleOptions options, TextWriter log,
        Func<string, IProgress<TrainingProgress>>? progress = null, ParseResult? parse = null)
    {
        Name = name;
        Options = options;
        Log = log;
        _progress = progress ?? (label => new PlainProgress(log, label));
        _parse = parse;
        OutputDirectory = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(Path.GetTempPath(), "mlnetdl-samples", name));
    }

    public string Name { get; }

    public SampleOptions Options { get; }

    public TextWriter Log { get; }

    /// <summary>The absolute <c>--out</c> folder (created on first use by <see cref="OutputPath"/>).</summary>
    public string OutputDirectory { get; }

    /// <summary>The RESULT values written so far, by name.</summary>
    public IReadOnlyDictionary<string, double> Results => _results;

    /// <summary>A file in the output folder, creating the folder.</summary>
    public string OutputPath(string fileName)
    {
        Directory.CreateDirectory(OutputDirectory);
        return Path.Combine(OutputDirectory, fileName);
    }

    /// <summary>A progress sink for one training loop, labelled (e.g. "train", "Exact Hessian").</summary>
    public IProgress<TrainingProgress> Progress(string label) => _progress(label);

    /// <summary>A training context reporting to <see cref="Progress"/>.</summary>
    public TrainingContext Training(string label) => new(Progress(label));

    /// <summary>Writes <c>RESULT name=value</c> (invariant culture, 6 significant digits): the machine-readable output.</summary>
    /// <exception cref="ArgumentException">The name is not [a-z0-9_]+ or was already reported.</exception>
    public void Result(string name, double value)
    {
        if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException($"RESULT names are [a-z0-9_]+; got '{name}'.", nameof(name));
        }

        if (!_results.TryAdd(name, value))
        {
            throw new ArgumentException($"RESULT '{name}' was already reported by {Name}.", nameof(name));
        }

        Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {name}={value:G6}"));
    }

    /// <summary>The value of an option the sample declared in <see cref="SampleDefinition.Options"/>, by name.</summary>
    /// <exception cref="InvalidOperationException">The run was not parsed from a command line.</exception>
    public T? Get<T>(string optionName) =>
        _parse is null ? throw new InvalidOperationException($"{Name}: option '{optionName}' is only available when run from the command line.")
            : _parse.GetValue<T>(optionName);
}
