using System.Globalization;
using MlNetDl.Pipelines;
using Spectre.Console;

namespace MlNetDl.Samples;

/// <summary>
/// Progress for a terminal: one Spectre.Console bar per training loop (epochs × batches), with the latest metrics in
/// its description. Log lines go through <see cref="AnsiConsole"/> too, so they scroll above the live bars.
/// </summary>
internal static class SpectreProgress
{
    /// <summary>Runs <paramref name="body"/> inside a live progress display; the body gets the bar factory.</summary>
    public static int Run(Func<Func<string, IProgress<TrainingProgress>>, TextWriter, int> body)
    {
        int rc = 0;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx => rc = body(label => new Bar(ctx, label), new ConsoleLineWriter()));
        return rc;
    }

    private sealed class Bar(ProgressContext context, string label) : IProgress<TrainingProgress>
    {
        private ProgressTask? _task;

        public void Report(TrainingProgress p)
        {
            int batches = Math.Max(p.Batches, 1);
            _task ??= context.AddTask(Markup.Escape(label), maxValue: (double)p.Epochs * batches);
            _task.MaxValue = (double)p.Epochs * batches;
            _task.Value = ((double)(p.Epoch - 1) * batches) + (p.Batch == 0 ? batches : p.Batch);
            var metrics = string.Join(" ", p.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}={m.Value:G4}")));
            _task.Description = Markup.Escape($"{label} {p.Epoch}/{p.Epochs} {metrics}");
        }
    }

    /// <summary>A TextWriter that hands whole lines to <see cref="AnsiConsole.WriteLine(string)"/> (never as markup).</summary>
    private sealed class ConsoleLineWriter : TextWriter
    {
        private readonly System.Text.StringBuilder _line = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                AnsiConsole.WriteLine(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "")
            {
                Write(c);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (_line.Length > 0)
            {
                AnsiConsole.WriteLine(_line.ToString());
                _line.Clear();
            }

            base.Dispose(disposing);
        }
    }
}
