using System.Reflection;
using Module = MlNetDl.Tensors.Nn.Module;
using Google.Protobuf;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Onnx.Export;

/// <summary>Writes a module as an ONNX model for inference: the module is exported in eval mode (dropout is the
/// identity, batch norm uses its running statistics) and its training flags are restored afterwards. Shapes are
/// followed on a sample input of <c>sampleInputShape</c>; dimension 0 becomes the symbolic batch
/// <see cref="OnnxExportOptions.BatchDimName"/>.</summary>
public static class OnnxExporter
{
    /// <summary>"MlNetDl", the producer_name of exported models.</summary>
    public const string ProducerName = "MlNetDl";

    /// <summary>The producer_version: this assembly's version.</summary>
    public static string ProducerVersion { get; } =
        typeof(OnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>Exports <paramref name="module"/> to <paramref name="path"/>, written atomically (a temporary file in the
    /// same folder, then moved over the target), so a failed export leaves any existing file untouched.</summary>
    /// <exception cref="OnnxUnsupportedException">A module or configuration with no ONNX form, naming its path and type.</exception>
    /// <exception cref="ArgumentException">A bad sample shape or option (named).</exception>
    public static void Export(Module module, int[] sampleInputShape, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Save(ToModel(module, sampleInputShape, options), path);
    }

    /// <summary>Writes <paramref name="model"/> to a temporary file in the target's folder, then moves it over the
    /// target, so readers never see a partial file and a failure leaves any existing file untouched.</summary>
    public static void Save(ModelProto model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = model.ToByteArray();
        string full = System.IO.Path.GetFullPath(path);
        string temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Exports <paramref name="module"/> to a stream.</summary>
    public static void Export(Module module, int[] sampleInputShape, Stream stream, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ToModel(module, sampleInputShape, options).WriteTo(stream);
    }

    /// <summary>The model proto of <paramref name="module"/> (see <see cref="Export(Module, int[], string, OnnxExportOptions?)"/>).</summary>
    public static ModelProto ToModel(Module module, int[] sampleInputShape, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(sampleInputShape);
        options ??= OnnxExportOptions.Default;
        options.Validate();
        if (sampleInputShape.Length == 0 || sampleInputShape.Any(d => d <= 0))
        {
            throw new ArgumentException($"sampleInputShape must have at least one dimension, all positive; got [{string.Join(", ", sampleInputShape)}].", nameof(sampleInputShape));
        }

        if (options.InputNames is { Count: not 1 })
        {
            throw new ArgumentException($"The 'InputNames' option of {nameof(OnnxExportOptions)} must hold one name (the module takes one input). Got {options.InputNames.Count}.");
        }

        return InEvalMode(module, () =>
        {
            using var scope = TensorScope.Begin();
            return Build(module, sampleInputShape, options);
        });
    }

    /// <summary>Adds <paramref name="module"/>'s nodes to an existing graph (a pipeline's, say) on the value
    /// <paramref name="input"/>, whose batch dimension is symbolic when <paramref name="dynamicBatch"/>; returns the
    /// module's output values. Exported in evaluation mode like <see cref="ToModel"/>; weights become initializers
    /// named after their state-dict keys (made unique within the graph). The shape-following samples it creates belong
    /// to the caller's tensor scope, like the graph's other samples.</summary>
    /// <exception cref="OnnxUnsupportedException">A module in the tree has no export (named with its path).</exception>
    public static string[] ExportInto(OnnxGraphBuilder graph, Module module, string input, bool dynamicBatch = true)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrEmpty(input);
        return InEvalMode(module, () => new OnnxExportContext(graph, module, dynamicBatch).ExportCurrent([input]));
    }

    /// <summary>Runs <paramref name="export"/> with every module in eval mode and without recording, then restores
    /// each module's own training flag.</summary>
    private static T InEvalMode<T>(Module module, Func<T> export)
    {
        var modes = module.Modules().Select(m => (m, m.Training)).ToList();
        module.Eval();
        try
        {
            using var noGrad = GradMode.NoGrad();
            return export();
        }
        finally
        {
            foreach (var (m, training) in modes)
            {
                m.Train(training); // pre-order: a parent first, then each descendant back to its own flag
            }
        }
    }

    private static ModelProto Build(Module module, int[] shape, OnnxExportOptions options)
    {
        var graph = new OnnxGraphBuilder(options.Opset, options.GraphName ?? module.GetType().Name);
        var ctx = new OnnxExportContext(graph, module, options.BatchDimName is not null);
        var sample = Tensor.Randn(new Shape(shape), new Generator(0));
        string input = graph.AddInput(options.InputNames?[0] ?? "input", DType.Float32, Dims(shape, options), sample);
        var outputs = ctx.ExportCurrent([input]);
        var names = options.OutputNames
            ?? (outputs.Length == 1 ? ["output"] : [.. Enumerable.Range(0, outputs.Length).Select(i => $"output{i}")]);
        if (names.Count != outputs.Length)
        {
            throw new ArgumentException($"The 'OutputNames' option of {nameof(OnnxExportOptions)} must hold one name per module output ({outputs.Length}). Got {names.Count}: [{string.Join(", ", names)}].");
        }

        for (int i = 0; i < outputs.Length; i++)
        {
            var value = graph.SampleOf(outputs[i]);
            graph.AddOutput(outputs[i], names[i], value.DType, Dims(value.Shape.ToArray(), options));
        }

        graph.DocString = $"{module.GetType().Name} exported by {ProducerName} {ProducerVersion} (opset {options.Opset}).";
        return graph.ToModel(ProducerName, ProducerVersion, options.DocString ?? module.ToString());
    }

    private static OnnxDim[] Dims(int[] shape, OnnxExportOptions options) =>
        [.. shape.Select((d, i) => i == 0 && options.BatchDimName is { } n ? OnnxDim.Symbolic(n) : (OnnxDim)d)];
}
