using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MlNetDl.Samples;

/// <summary>
/// The command line of <c>mlnetdl-samples</c> on System.CommandLine: <c>list</c>, and one command per entry of
/// <see cref="SampleRegistry"/> with the common options it accepts plus its own. Exit codes: 0 success, 1 the sample
/// failed (its message on stderr; the stack trace too with MLNETDL_TRACE=1), 2 bad command line (the parser's message and a pointer to --help).
/// </summary>
internal static class SampleHost
{
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/> and runs the command; <paramref name="interactive"/> draws Spectre.Console
    /// progress bars (a terminal), otherwise progress is plain lines on <paramref name="stdout"/>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false) =>
        Run(args, stdout, stderr, interactive, SampleRegistry.All);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive, IReadOnlyList<SampleDefinition> samples)
    {
        var root = BuildCommand(samples, stdout, stderr, interactive);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine($"Run 'mlnetdl-samples {(parse.CommandResult.Command == root ? "" : parse.CommandResult.Command.Name + " ")}--help' for usage.");
            return UsageError;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    private static RootCommand BuildCommand(IReadOnlyList<SampleDefinition> samples, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var root = new RootCommand("MlNetDl samples: one command per homework. 'list' shows them; '<sample> --help' its options.");
        root.SetAction(_ =>
        {
            stderr.WriteLine("error: name a sample (or 'list').");
            WriteList(stderr, samples);
            return UsageError;
        });
        var list = new Command("list", "One line per sample.");
        list.SetAction(_ =>
        {
            WriteList(stdout, samples);
            return 0;
        });
        root.Add(list);
        foreach (var sample in samples)
        {
            root.Add(SampleCommand(sample, stdout, stderr, interactive));
        }

        return root;
    }

    private static Command SampleCommand(SampleDefinition sample, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var command = new Command(sample.Name, sample.Description);
        var data = new Option<string?>("--data") { Description = "Data directory (or file); default: Debian's Fashion-MNIST, $MLNETDL_DATA, else the embedded subset.", HelpName = "DIR" };
        data.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<string?>();
            if (v is not null && !Directory.Exists(v) && !File.Exists(v))
            {
                r.AddError($"--data: '{v}' does not exist (looked at '{Path.GetFullPath(v)}').");
            }
        });
        var epochs = Integer("--epochs", "Training epochs (Newton: iterations); default depends on the sample and --quick.", min: 1);
        var seed = Integer("--seed", "Random seed (default 1).", min: 0);
        var output = new Option<string?>("--out") { Description = "Folder for plots and model files; default: a folder under the temp directory.", HelpName = "DIR" };
        var quick = new Option<bool>("--quick") { Description = "Small subset and few epochs (seconds; used by tests and CI)." };
        var common = new (CommonOptions Flag, Option Option)[] { (CommonOptions.Data, data), (CommonOptions.Epochs, epochs), (CommonOptions.Seed, seed), (CommonOptions.Out, output), (CommonOptions.Quick, quick) };
        foreach (var (flag, option) in common.Where(c => sample.Common.HasFlag(c.Flag)))
        {
            command.Add(option);
        }

        foreach (var extra in sample.Options)
        {
            command.Add(extra());
        }

        command.SetAction(parse =>
        {
            // Options the command does not take keep SampleOptions' defaults.
            T Read<T>(Option<T> option, T fallback) => command.Options.Contains(option) ? parse.GetValue(option)! : fallback;
            var options = new SampleOptions
            {
                DataDirectory = Read(data, null),
                Epochs = parse.GetResult(epochs) is null ? null : parse.GetValue(epochs),
                Seed = parse.GetResult(seed) is null ? 1 : parse.GetValue(seed),
                OutputDirectory = Read(output, null),
                Quick = Read(quick, false),
            };
            return Execute(sample, options, parse, stdout, stderr, interactive);
        });
        return command;
    }

    /// <summary>Runs one sample, then checks the files it promised; exceptions become a message and exit code 1.</summary>
    internal static int Execute(SampleDefinition sample, SampleOptions options, ParseResult? parse, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        try
        {
            int rc = interactive
                ? SpectreProgress.Run((bars, log) => RunAndCheck(new SampleRun(sample.Name, options, log, bars, parse), sample))
                : RunAndCheck(new SampleRun(sample.Name, options, stdout, null, parse), sample);
            return rc;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {sample.Name} failed: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("MLNETDL_TRACE") == "1")
            {
                stderr.WriteLine(e);
            }

            return 1;
        }
    }

    private static int RunAndCheck(SampleRun run, SampleDefinition sample)
    {
        run.Log.WriteLine($"{sample.Name}: output folder {run.OutputDirectory}");
        int rc = sample.Run(run);
        var missing = sample.Files.Where(f => !File.Exists(Path.Combine(run.OutputDirectory, f))).ToList();
        if (rc == 0 && missing.Count > 0)
        {
            throw new InvalidOperationException($"{sample.Name} did not write {string.Join(", ", missing)} into '{run.OutputDirectory}'.");
        }

        return rc;
    }

    private static void WriteList(TextWriter writer, IReadOnlyList<SampleDefinition> samples)
    {
        int width = samples.Max(s => s.Name.Length) + 2;
        foreach (var s in samples)
        {
            writer.WriteLine($"{s.Name.PadRight(width)}{s.Description}");
        }
    }

    /// <summary>An integer option whose parser rejects non-numbers and values below <paramref name="min"/> by name.</summary>
    private static Option<int> Integer(string name, string description, int min)
    {
        return new Option<int>(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = r =>
            {
                string token = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
                if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min)
                {
                    return value;
                }

                r.AddError($"{name} must be an integer ≥ {min}; got '{token}'.");
                return 0;
            },
        };
    }
}
