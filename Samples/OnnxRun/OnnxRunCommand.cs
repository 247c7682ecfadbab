using System.Globalization;
using MlNetDl.Onnx;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Tensors;
using MlNetDl.Transforms.Onnx;

namespace MlNetDl.Samples.OnnxRun;

/// <summary><c>mlnetdl-samples onnx-run --model M.onnx --input NAME=FILE.npy ... --out DIR</c>: runs any model the
/// importer supports on NPY inputs and writes every graph output to <c>DIR/&lt;output name&gt;.npy</c>
/// (characters not allowed in file names become '_'). Exit codes: 0 done, 2 bad arguments or inputs, 1 the model
/// cannot be loaded or run.</summary>
internal static class OnnxRunCommand
{
    /// <summary>The host's entry (see <see cref="SampleRegistry"/>): <c>--model</c>, repeated <c>--input</c> and
    /// <c>--out</c> come parsed; reports the number of outputs written and the seconds taken.</summary>
    public static int Run(SampleRun run)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var inputs = run.Get<string[]>("--input") ?? [];
        int rc = Run(run.Get<string>("--model")!, inputs, run.OutputDirectory, run.Log);
        if (rc == 0)
        {
            run.Result("outputs", Directory.GetFiles(run.OutputDirectory, "*.npy").Length);
            run.Result("seconds", clock.Elapsed.TotalSeconds);
        }

        return rc;
    }

    /// <summary>Loads <paramref name="model"/>, feeds each <c>NAME=FILE.npy</c> of <paramref name="inputs"/> to the
    /// graph input NAME (converted to the input's element type), runs it and writes every output. Problems are
    /// reported on <paramref name="log"/> naming the argument, file, input and shapes at fault.</summary>
    internal static int Run(string model, IReadOnlyList<string> inputs, string outDir, TextWriter log)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in inputs)
        {
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == arg.Length - 1)
            {
                return Fail(log, 2, $"bad --input '{arg}': expected NAME=FILE.npy (a graph input name, '=', an .npy file).");
            }

            if (!files.TryAdd(arg[..eq], arg[(eq + 1)..]))
            {
                return Fail(log, 2, $"input '{arg[..eq]}' is given twice.");
            }
        }

        if (!File.Exists(model))
        {
            return Fail(log, 2, $"the model file '{model}' does not exist.");
        }

        OnnxModel onnx;
        try
        {
            onnx = OnnxModel.Load(model);
        }
        catch (Exception e) when (e is InvalidDataException or OnnxUnsupportedException or IOException)
        {
            return Fail(log, 1, e.Message);
        }

        using (onnx)
        {
            log.WriteLine($"onnx-run: {onnx}");
            var feeds = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            try
            {
                if (ReadInputs(onnx, files, feeds, log) is string problem)
                {
                    return Fail(log, 2, problem);
                }

                IReadOnlyDictionary<string, Tensor> outputs;
                try
                {
                    outputs = onnx.Run(feeds);
                }
                catch (Exception e) when (e is InvalidOperationException or OnnxUnsupportedException or ArgumentException)
                {
                    return Fail(log, 1, e.Message);
                }

                Directory.CreateDirectory(outDir);
                foreach (var (name, t) in outputs)
                {
                    string path = Path.Combine(outDir, FileName(name) + ".npy");
                    NpyWriter.Write(path, ToArray(t), t.Shape.ToArray());
                    log.WriteLine($"onnx-run: wrote {path} ({t.DType}{t.Shape})");
                    t.Dispose();
                }

                return 0;
            }
            finally
            {
                foreach (var t in feeds.Values)
                {
                    t.Dispose();
                }
            }
        }
    }

    /// <summary>Reads and checks every input; returns the first problem, or null when all inputs are fed.</summary>
    private static string? ReadInputs(OnnxModel onnx, Dictionary<string, string> files, Dictionary<string, Tensor> feeds, TextWriter log)
    {
        string expected = string.Join("; ", onnx.Inputs);
        foreach (var name in files.Keys.Where(n => onnx.Inputs.All(i => i.Name != n)))
        {
            return $"'{name}' is not an input of the model; its inputs are [{expected}].";
        }

        var missing = onnx.Inputs.Where(i => !files.ContainsKey(i.Name)).ToArray();
        if (missing.Length > 0)
        {
            return $"missing --input for {string.Join("; ", missing.Select(m => m.ToString()))} (give each as NAME=FILE.npy).";
        }

        foreach (var info in onnx.Inputs)
        {
            string file = files[info.Name];
            NpyArray array;
            try
            {
                array = NpyReader.Read(file);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return $"input '{info.Name}': cannot read '{file}': {e.Message}";
            }

            if (info.Dims is { } dims && (dims.Count != array.Shape.Length || dims.Where((d, k) => d is long v && v != array.Shape[k]).Any()))
            {
                return $"input '{info.Name}': '{file}' has shape [{string.Join(", ", array.Shape)}] but the model expects {info}.";
            }

            var tensor = ToTensor(array, info.DType ?? DType.Float32);
            if (tensor is null)
            {
                return $"input '{info.Name}': '{file}' holds {array.ElementType}, which cannot be converted to the model's {info.DType} ({info}).";
            }

            feeds[info.Name] = tensor;
            log.WriteLine($"onnx-run: {info.Name} <- {file} ({array.ElementType}[{string.Join(", ", array.Shape)}])");
        }

        return null;
    }

    /// <summary>Floats from any numeric type; integers only from integer types; bools only from bools.</summary>
    private static Tensor? ToTensor(NpyArray array, DType dtype)
    {
        var shape = new Shape(array.Shape);
        bool integer = array.ElementType is ElementType.UInt8 or ElementType.Int8 or ElementType.Int16 or ElementType.Int32 or ElementType.Int64;
        long[] Longs() => [.. Enumerable.Range(0, array.Data.Length).Select(i => Convert.ToInt64(array.Data.GetValue(i), CultureInfo.InvariantCulture))];
        return dtype switch
        {
            DType.Float32 when array.ElementType != ElementType.Bool => Tensor.From<float>(array.ToFloat32(), shape),
            DType.Int64 when integer => Tensor.From<long>(Longs(), shape),
            DType.Int32 when integer => Tensor.From<int>(Longs().Select(v => checked((int)v)).ToArray(), shape),
            DType.Bool when array.ElementType == ElementType.Bool => Tensor.From<bool>((bool[])array.Data, shape),
            _ => null,
        };
    }

    private static Array ToArray(Tensor t) => t.DType switch
    {
        DType.Float32 => t.ToArray<float>(),
        DType.Int64 => t.ToArray<long>(),
        DType.Int32 => t.ToArray<int>(),
        DType.Bool => t.ToArray<bool>(),
        _ => throw new InvalidOperationException($"onnx-run: output dtype {t.DType} cannot be written as .npy."),
    };

    private static string FileName(string outputName)
    {
        var invalid = Path.GetInvalidFileNameChars().Append(':').Append('\\').ToHashSet();
        var name = new string([.. outputName.Select(c => invalid.Contains(c) ? '_' : c)]);
        return name is "" or "." or ".." ? "_" + name : name;
    }

    private static int Fail(TextWriter log, int code, string message)
    {
        log.WriteLine($"onnx-run: {message}");
        return code;
    }
}
