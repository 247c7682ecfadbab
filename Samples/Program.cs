using Spectre.Console;

namespace MlNetDl.Samples;

/// <summary><c>mlnetdl-samples list</c> or <c>mlnetdl-samples &lt;sample&gt; [--data DIR] [--epochs N] [--seed N] [--out DIR] [--quick]</c>
/// (see <see cref="SampleHost"/>; the samples are listed in <see cref="SampleRegistry"/>).</summary>
internal static class Program
{
    public static int Main(string[] args) =>
        SampleHost.Run(args, Console.Out, Console.Error,
            interactive: !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);
}
