using System.Diagnostics;
using System.Globalization;

namespace MlNetDl.Benchmarks.Conv;

/// <summary>
/// Re-runs this benchmark executable with <c>DOTNET_PROCESSOR_COUNT=1</c> (so SGEMM and the kernels use no helper
/// thread) and parses its <c>key=value</c> lines: the side-by-side modes compare each library at its faster thread
/// count, since on a loaded 2-core machine one thread can beat two by several times (PyTorch's own figures show it).
/// </summary>
internal static class OneThreadRun
{
    /// <summary>Environment variable set in the child so it prints machine-readable lines only.</summary>
    public const string ChildFlag = "MLNETDL_BENCH_CHILD";

    public static bool IsChild => Environment.GetEnvironmentVariable(ChildFlag) == "1";

    public static Dictionary<string, double> Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_PROCESSOR_COUNT"] = "1";
        psi.Environment[ChildFlag] = "1";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not restart the benchmark executable");
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"one-thread run exited with {p.ExitCode}: {output}");
        var values = new Dictionary<string, double>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = line.Split('=', 2);
            if (kv.Length == 2 && double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) values[kv[0]] = v;
        }

        return values;
    }
}
