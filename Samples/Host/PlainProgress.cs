using System.Diagnostics;
using System.Globalization;
using MlNetDl.Pipelines;

namespace MlNetDl.Samples;

/// <summary>
/// Progress as plain lines, for redirected output and tests: every end-of-epoch report, and batch reports at most
/// once per <see cref="BatchInterval"/> so a log file stays readable.
/// </summary>
internal sealed class PlainProgress(TextWriter log, string label) : IProgress<TrainingProgress>
{
    public static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(5);

    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();

    public void Report(TrainingProgress value)
    {
        bool epochEnd = value.Batch == 0 || value.Batch == value.Batches;
        if (!epochEnd && _sinceLine.Elapsed < BatchInterval)
        {
            return;
        }

        _sinceLine.Restart();
        log.WriteLine(Format(label, value));
    }

    /// <summary>"label: epoch 2/5 batch 10/469 loss=0.41 (3.2s)", invariant culture.</summary>
    public static string Format(string label, TrainingProgress p) =>
        $"{label}: epoch {p.Epoch}/{p.Epochs}" + (p.Batch > 0 ? $" batch {p.Batch}/{p.Batches}" : "") +
        string.Concat(p.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $" {m.Key}={m.Value:G5}"))) +
        string.Create(CultureInfo.InvariantCulture, $" ({p.Elapsed.TotalSeconds:F1}s)");
}
