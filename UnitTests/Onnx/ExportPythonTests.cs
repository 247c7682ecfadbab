using System.Diagnostics;
using System.Text.Json;
using MlNetDl.Onnx;
using MlNetDl.Onnx.Export;
using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>Independent checks of every exported row: onnx 1.12's <c>checker.check_model(full_check=True)</c> (opset
/// 17 and 13) and OpenCV DNN's outputs against the module's for batch 1 and 3, all from one /usr/bin/python3 process
/// (ExportCheck.py) run once for the table.</summary>
public class ExportPythonTests
{
    internal const string Python = "/usr/bin/python3";

    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Results = new(RunTable);

    public static TheoryData<string, int> CheckerRows() => ExportRoundTripTests.Rows();

    public static TheoryData<string> OpenCvRows()
    {
        var data = new TheoryData<string>();
        foreach (var c in ExportCases.All.Where(c => c.NoOpenCv is null))
        {
            data.Add(c.Name);
        }

        return data;
    }

    [PythonTheory("onnx")]
    [MemberData(nameof(CheckerRows))]
    public void Onnx_checker_accepts_the_model(string name, int opset)
    {
        var result = Results.Value[$"{name}@{opset}"];
        Assert.True(result["checker"] == "ok", $"{name} (opset {opset}): onnx.checker.check_model(full_check=True) says {result["checker"]}");
    }

    [PythonTheory("onnx")]
    [MemberData(nameof(ExportPipelineTests.Chains), MemberType = typeof(ExportPipelineTests))]
    public void Onnx_checker_accepts_the_converted_chain(string chain, string[] outputs)
    {
        var result = Results.Value[$"pipeline:{chain}"];
        Assert.True(result["checker"] == "ok", $"{chain} ({string.Join(", ", outputs)}): onnx.checker.check_model(full_check=True) says {result["checker"]}");
    }

    [PythonTheory("cv2")]
    [MemberData(nameof(OpenCvRows))]
    public void OpenCv_matches_the_module_for_batch_1_and_3(string name)
    {
        var result = Results.Value[$"{name}@17"];
        Assert.True(result["opencv"] == "ok", $"{name}: OpenCV DNN {result["opencv"]}");
    }

    [Fact]
    public void Rows_OpenCV_cannot_run_say_why()
    {
        foreach (var c in ExportCases.All.Where(c => c.NoOpenCv is not null))
        {
            Assert.Contains("OpenCV", c.NoOpenCv!.Replace("cv2", "OpenCV"));
        }

        Assert.True(ExportCases.All.Count(c => c.NoOpenCv is not null) <= 5, "OpenCV should run nearly every row");
    }

    /// <summary>Exports every row at opset 17 (with inputs and the module's outputs for batch 1 and 3) and 13, then
    /// runs ExportCheck.py once on the manifest.</summary>
    private static Dictionary<string, Dictionary<string, string>> RunTable()
    {
        // MLNETDL_EXPORT_CHECK_DIR keeps the models, inputs and expected outputs for a look at a failing row.
        string? keep = Environment.GetEnvironmentVariable("MLNETDL_EXPORT_CHECK_DIR");
        string dir = keep ?? Path.Combine(Path.GetTempPath(), $"mlnetdl-export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var manifest = new List<object>();
            foreach (var row in ExportCases.All)
            {
                var module = row.Create();
                foreach (int opset in new[] { 17, 13 })
                {
                    string model = Path.Combine(dir, $"{row.Name}_{opset}.onnx");
                    OnnxExporter.Export(module, row.Shape, model, new OnnxExportOptions(Opset: opset));
                    var cases = opset == 17 ? Cases(dir, row, module, model) : [];
                    manifest.Add(new { name = $"{row.Name}@{opset}", model, opencv = opset == 17 && row.NoOpenCv is null, cases });
                }
            }

            foreach (var (chain, _) in ExportPipelineTests.Chains().Select(r => ((string)r[0], r[1])))
            {
                string model = Path.Combine(dir, $"pipeline_{chain}.onnx");
                File.WriteAllBytes(model, Google.Protobuf.MessageExtensions.ToByteArray(ExportPipelineTests.Convert(chain)));
                manifest.Add(new { name = $"pipeline:{chain}", model, opencv = false, cases = new List<object>() });
            }

            string manifestPath = Path.Combine(dir, "manifest.json");
            File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest));
            string stdout = Run(manifestPath);
            return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stdout)!;
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static List<object> Cases(string dir, ExportCase row, MlNetDl.Tensors.Nn.Module module, string modelPath)
    {
        using var model = OnnxModel.Load(modelPath);
        module.Eval();
        var cases = new List<object>();
        foreach (int batch in new[] { 1, 3 })
        {
            var x = row.Input(batch);
            var outputs = ExportCase.Outputs(module, x);
            string input = Write(dir, $"{row.Name}_b{batch}_in.pb", x);
            var expected = new Dictionary<string, string>();
            for (int i = 0; i < outputs.Length; i++)
            {
                expected[model.Outputs[i].Name] = Write(dir, $"{row.Name}_b{batch}_out{i}.pb", outputs[i]);
            }

            cases.Add(new { inputs = new Dictionary<string, string> { [model.Inputs[0].Name] = input }, outputs = expected });
        }

        return cases;
    }

    private static string Write(string dir, string file, Tensor t)
    {
        string path = Path.Combine(dir, file);
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(OnnxTensors.FromTensor(t)));
        return path;
    }

    private static string Run(string manifest)
    {
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(ScriptPath());
        psi.ArgumentList.Add(manifest);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"ExportCheck.py exited with {p.ExitCode}:\n{err.Result}");
        return stdout;
    }

    private static string ScriptPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "MlNetDl.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir.FullName, "UnitTests", "Onnx", "ExportCheck.py");
    }
}

/// <summary>A theory skipped, with the reason, when /usr/bin/python3 cannot import <c>module</c> (python3-onnx or
/// python3-opencv absent).</summary>
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    private static readonly Dictionary<string, bool> Available = [];

    public PythonTheoryAttribute(string module)
    {
        if (!Has(module))
        {
            Skip = $"{ExportPythonTests.Python} cannot import {module} (apt-get install python3-{(module == "cv2" ? "opencv" : module)}); the independent ONNX export checks did not run.";
        }
    }

    private static bool Has(string module)
    {
        lock (Available)
        {
            if (!Available.TryGetValue(module, out bool ok))
            {
                ok = File.Exists(ExportPythonTests.Python) && Import(module);
                Available[module] = ok;
            }

            return ok;
        }
    }

    private static bool Import(string module)
    {
        var psi = new ProcessStartInfo(ExportPythonTests.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"import {module}");
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return p.ExitCode == 0;
    }
}
