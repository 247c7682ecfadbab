using System.Diagnostics;
using System.Globalization;
using MlNetDl.Pipelines.Loaders;

namespace MlNetDl.Benchmarks.Knn;

/// <summary>What the KNN, PCA and softmax side-by-sides share: Fashion-MNIST as float pixels in [0, 1] and the
/// reference child process.</summary>
internal static class ReferenceRun
{
    private const string Dir = "/usr/share/datasets/fashion-mnist";

    public static (float[] X, long[] Y, int N) Load(string split)
    {
        var images = IdxReader.ReadImages(Path.Combine(Dir, $"{split}-images-idx3-ubyte.gz"));
        var labels = IdxReader.ReadLabels(Path.Combine(Dir, $"{split}-labels-idx1-ubyte.gz"));
        var y = labels.Select(b => (long)b).ToArray();
        return (images.Pixels, y, y.Length);
    }

    /// <summary>Runs <c>sidebyside/<paramref name="script"/></c> with Debian's python (dev only) and parses its
    /// <c>key=value</c> lines. OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are removed from the child's environment only,
    /// so OpenBLAS picks its own kernel for this CPU, as it would on a user's machine.</summary>
    public static Dictionary<string, string> Python(string script, params string[] arguments)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sidebyside", script));
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited with {p.ExitCode}: {output}");
        }
        var values = new Dictionary<string, string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = part.Split('=', 2);
                if (kv.Length == 2)
                {
                    values[kv[0]] = kv[1];
                }
            }
        }
        return values;
    }

    public static double Seconds(Dictionary<string, string> values, string key) => double.Parse(values[key], CultureInfo.InvariantCulture);

    /// <summary>The 1-minute load average, printed next to every figure.</summary>
    public static string Load1() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
