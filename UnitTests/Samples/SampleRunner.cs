using System.Globalization;
using MlNetDl.Samples;

namespace MlNetDl.UnitTests.Samples;

/// <summary>Runs the samples host in-process with captured output and parses its RESULT lines.</summary>
internal static class SampleRunner
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr, IReadOnlyDictionary<string, double> Results);

    public static Outcome Run(params string[] args) => Run(SampleRegistry.All, args);

    public static Outcome Run(IReadOnlyList<SampleDefinition> samples, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int rc = SampleHost.Run(args, stdout, stderr, interactive: false, samples);
        var results = stdout.ToString().Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            .Select(l => l[7..].Trim().Split('='))
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        return new Outcome(rc, stdout.ToString(), stderr.ToString(), results);
    }
}
