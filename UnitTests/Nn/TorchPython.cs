using System.Diagnostics;

namespace MlNetDl.UnitTests.Nn;

/// <summary>Runs Python snippets with /usr/bin/python3 when it has torch, as an independent reference.</summary>
internal static class TorchPython
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<bool> HasTorch = new(() => File.Exists(Python) && Run("import torch", out _, out _) == 0);

    public static bool Available => HasTorch.Value;

    /// <summary>Runs <paramref name="script"/>; returns its stdout, failing the test with stderr on a non-zero exit.</summary>
    public static string RunChecked(string script, params string[] args)
    {
        int rc = Run(script, out var stdout, out var stderr, args);
        Assert.True(rc == 0, $"python exited with {rc}:\n{stderr}");
        return stdout;
    }

    private static int Run(string script, out string stdout, out string stderr, params string[] args)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var errTask = p.StandardError.ReadToEndAsync();
        stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        stderr = errTask.Result;
        return p.ExitCode;
    }
}
