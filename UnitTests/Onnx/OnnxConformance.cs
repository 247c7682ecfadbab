using MlNetDl.Onnx;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>The ONNX project's backend test data in ../shared/onnx-conformance (next to the folder holding
/// MlNetDl.sln): node-free model cases with test_data_set_0 protobufs, and the "light" architectures whose input
/// ONNX's runner generates (arange(n)/n in the input's shape) and whose expected output sits next to the model.</summary>
internal static class OnnxConformance
{
    /// <summary>ONNX backend defaults (onnx/backend/test/loader: rtol 1e-3, atol 1e-7; assert_allclose semantics).</summary>
    public const double Rtol = 1e-3, Atol = 1e-7;

    public static readonly string? Root = FindRoot();

    /// <summary>Cases refused on purpose, with the reason; the tests check each is refused with
    /// <see cref="OnnxUnsupportedException"/> naming the op.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExpectedUnsupported = new Dictionary<string, string>
    {
        ["test_AvgPool3d"] = "AveragePool: 3-D pooling",
        ["test_AvgPool3d_stride"] = "AveragePool: 3-D pooling",
        ["test_AvgPool3d_stride1_pad0_gpu_input"] = "AveragePool: 3-D pooling",
        ["test_MaxPool3d"] = "MaxPool: 3-D pooling",
        ["test_MaxPool3d_stride"] = "MaxPool: 3-D pooling",
        ["test_MaxPool3d_stride_padding"] = "MaxPool: 3-D pooling",
        ["test_Conv3d"] = "Conv: 3-D convolution",
        ["test_Conv3d_dilated"] = "Conv: 3-D convolution",
        ["test_Conv3d_dilated_strided"] = "Conv: 3-D convolution",
        ["test_Conv3d_groups"] = "Conv: 3-D convolution",
        ["test_Conv3d_no_bias"] = "Conv: 3-D convolution",
        ["test_Conv3d_stride"] = "Conv: 3-D convolution",
        ["test_Conv3d_stride_padding"] = "Conv: 3-D convolution",
    };

    public static IEnumerable<string> CaseNames()
    {
        if (Root is null)
        {
            return ["(conformance data not found)"];
        }

        var dirs = new[] { "pytorch-converted", "pytorch-operator" }
            .Where(d => Directory.Exists(Path.Combine(Root, d)))
            .SelectMany(d => Directory.GetDirectories(Path.Combine(Root, d)).Select(c => $"{d}/{Path.GetFileName(c)}"));
        var light = Directory.Exists(Path.Combine(Root, "light"))
            ? Directory.GetFiles(Path.Combine(Root, "light"), "*.onnx").Select(f => $"light/{Path.GetFileName(f)}")
            : [];
        return dirs.Concat(light).Order(StringComparer.Ordinal);
    }

    public static string ShortName(string caseName) => Path.GetFileNameWithoutExtension(caseName.Split('/')[1]);

    /// <summary>Runs one case: (model, inputs, expected outputs) → list of mismatch descriptions (empty = pass).</summary>
    public static List<string> Run(string caseName)
    {
        var (modelPath, inputs, expected) = Load(caseName);
        using var model = OnnxModel.Load(modelPath);
        var feeds = new Dictionary<string, Tensor>();
        for (int i = 0; i < inputs.Count; i++)
        {
            feeds[model.Inputs[i].Name] = inputs[i] ?? DummyInput(model.Inputs[i]);
        }

        var outputs = model.Run(feeds);
        var problems = new List<string>();
        for (int i = 0; i < expected.Count; i++)
        {
            var actual = outputs[model.Outputs[i].Name];
            problems.AddRange(Compare(model.Outputs[i].Name, actual, expected[i]));
        }

        return problems;
    }

    private static (string Model, List<Tensor?> Inputs, List<Tensor> Expected) Load(string caseName)
    {
        string path = Path.Combine(Root!, caseName);
        if (caseName.StartsWith("light/", StringComparison.Ordinal))
        {
            string output = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "_output_0.pb");
            return (path, [null], [ReadTensor(output)]);
        }

        string data = Path.Combine(path, "test_data_set_0");
        var inputs = Directory.GetFiles(data, "input_*.pb").OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal)
            .Select(f => (Tensor?)ReadTensor(f)).ToList();
        var expected = Directory.GetFiles(data, "output_*.pb").OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal)
            .Select(ReadTensor).ToList();
        return (Path.Combine(path, "model.onnx"), inputs, expected);
    }

    public static Tensor ReadTensor(string path) => OnnxTensors.ToTensor(TensorProto.Parser.ParseFrom(File.ReadAllBytes(path)));

    /// <summary>ONNX's runner input for light models: (arange(n) / n).astype(float32), unknown dims as 1.</summary>
    private static Tensor DummyInput(OnnxValueInfo info)
    {
        var dims = info.Dims!.Select(d => (int)(d ?? 1)).ToArray();
        long n = dims.Aggregate(1L, (p, d) => p * d);
        var data = new float[n];
        for (long i = 0; i < n; i++)
        {
            data[i] = (float)(i / (double)n);
        }

        return Tensor.Wrap(data, dims);
    }

    private static IEnumerable<string> Compare(string name, Tensor actual, Tensor expected)
    {
        if (actual.Shape != expected.Shape)
        {
            yield return $"{name}: shape {actual.Shape}, expected {expected.Shape}";
            yield break;
        }

        var a = actual.To(DType.Float32).ToFloatArray();
        var e = expected.To(DType.Float32).ToFloatArray();
        int bad = 0, first = -1;
        double worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double diff = Math.Abs((double)a[i] - e[i]);
            if (!(a[i] == e[i] || diff <= Atol + Rtol * Math.Abs(e[i])) && !(float.IsNaN(a[i]) && float.IsNaN(e[i])))
            {
                bad++;
                first = first < 0 ? i : first;
                worst = Math.Max(worst, diff);
            }
        }

        if (bad > 0)
        {
            yield return $"{name}: {bad}/{a.Length} values outside rtol {Rtol}, atol {Atol} (first at {first}: {a[first]} vs {e[first]}; max |diff| {worst:G4})";
        }
    }

    /// <summary>Finds the folder holding MlNetDl.sln above the test assembly, then the first
    /// <c>shared/onnx-conformance</c> beside it or beside one of its parents (a worktree sits one level deeper).</summary>
    private static string? FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MlNetDl.sln")))
        {
            dir = dir.Parent;
        }

        for (var up = dir?.Parent; up is not null; up = up.Parent)
        {
            string root = Path.Combine(up.FullName, "shared", "onnx-conformance");
            if (Directory.Exists(root))
            {
                return root;
            }
        }

        return null;
    }
}

/// <summary>A theory skipped, with one visible message, where the conformance data is absent.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (OnnxConformance.Root is null)
        {
            Skip = "ONNX conformance data not found: expected shared/onnx-conformance beside the folder holding MlNetDl.sln (or beside one of its parents).";
        }
    }
}
