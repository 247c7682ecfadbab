using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Onnx.Export;

/// <summary>What a module exporter sees: the graph being built, the module being exported and its path in the module
/// tree ("encoder.3"), the shapes of values (followed on the sample input), and <see cref="Export"/> to export a child
/// (which is how containers and custom modules compose their children's exports).</summary>
public sealed class OnnxExportContext
{
    private readonly Module _root;

    internal OnnxExportContext(OnnxGraphBuilder graph, Module root, bool dynamicBatch)
    {
        Graph = graph;
        _root = root;
        Module = root;
        DynamicBatch = dynamicBatch;
    }

    public OnnxGraphBuilder Graph { get; }

    public int Opset => Graph.Opset;

    /// <summary>The module being exported.</summary>
    public Module Module { get; private set; }

    /// <summary>Its dotted path from the exported root ("" for the root, "encoder.3" below it).</summary>
    public string Path { get; private set; } = "";

    /// <summary>True when dimension 0 is a symbolic batch: exporters must not bake its size into the graph.</summary>
    public bool DynamicBatch { get; }

    /// <summary>"encoder.3 (MyLayer)": how messages name the module being exported.</summary>
    public string Where => $"{(Path.Length == 0 ? "<root>" : Path)} ({Module.GetType().Name})";

    /// <summary>Shape of a value for the sample input (dimension 0 is the sample's batch).</summary>
    public int[] ShapeOf(string value) => Graph.ShapeOf(value);

    /// <summary>A weight of the current module as an initializer named "path.member" (the state-dict key).</summary>
    public string Initializer(string member, Tensor value) => Graph.AddInitializer(Qualified(member), value);

    /// <summary>An int64 constant of the current module (a shape, axes) named "path.member".</summary>
    public string Constant(string member, params long[] values) => Graph.AddConstant(Qualified(member), values);

    /// <summary>A float32 constant of the current module (scales, a factor) named "path.member".</summary>
    public string Constant(string member, params float[] values) => Graph.AddConstant(Qualified(member), values);

    private string Qualified(string member) => Path.Length == 0 ? member : $"{Path}.{member}";

    /// <summary>An exception for a module or configuration that cannot be exported, naming the module and its path.</summary>
    public OnnxUnsupportedException Unsupported(string reason) => new($"ONNX export of {Where}: {reason}.");

    /// <summary>Exports <paramref name="child"/> (a descendant of the current module) on <paramref name="inputs"/>:
    /// its own <see cref="IOnnxExportable"/> export if it has one, else its registered exporter.</summary>
    /// <exception cref="OnnxUnsupportedException">Neither exists, naming the module's path and type.</exception>
    public string[] Export(Module child, params string[] inputs)
    {
        ArgumentNullException.ThrowIfNull(child);
        var (module, path) = (Module, Path);
        Module = child;
        Path = PathOf(child, module, path);
        try
        {
            return ExportCurrent(inputs);
        }
        finally
        {
            (Module, Path) = (module, path);
        }
    }

    /// <summary>Single-output form of <see cref="Export"/>.</summary>
    public string Export1(Module child, string input)
    {
        var outputs = Export(child, input);
        return outputs.Length == 1 ? outputs[0] : throw new InvalidOperationException($"{Where}: expected 1 output from {child.GetType().Name}, got {outputs.Length}.");
    }

    internal string[] ExportCurrent(string[] inputs)
    {
        using var scope = Graph.Scope(Path.Length == 0 ? Module.GetType().Name : Path, $"{Where}: {FirstLine(Module.ToString())}");
        if (Module is IOnnxExportable own)
        {
            return own.ExportOnnx(this, inputs);
        }

        var exporter = OnnxModuleExporters.Find(Module.GetType())
            ?? throw Unsupported($"no ONNX exporter for {Module.GetType().FullName}; implement {nameof(IOnnxExportable)} on it or register one with {nameof(OnnxModuleExporters)}.{nameof(OnnxModuleExporters.Register)}");
        var outputs = exporter(this, Module, inputs);
        CheckLeaf(inputs, outputs);
        return outputs;
    }

    /// <summary>A layer's nodes must compute what the layer computes: its forward on the sample input is compared with
    /// the nodes' values (run by the importer's handlers), so an exporter that drifts from its layer fails here.</summary>
    private void CheckLeaf(string[] inputs, string[] outputs)
    {
        if (Module is not Module<Tensor, Tensor> layer || Module.Children().Any() || inputs.Length != 1 || outputs.Length != 1
            || !Graph.HasSample(inputs[0]) || !Graph.HasSample(outputs[0]))
        {
            return;
        }

        var expected = layer.Forward(Graph.SampleOf(inputs[0]));
        var actual = Graph.SampleOf(outputs[0]);
        if (expected.Shape != actual.Shape)
        {
            throw new InvalidOperationException($"ONNX export of {Where}: the exported nodes give shape {actual.Shape} where the layer gives {expected.Shape}.");
        }

        var e = expected.ToFloatArray();
        var a = actual.ToFloatArray();
        for (int i = 0; i < e.Length; i++)
        {
            if (!(Math.Abs(a[i] - e[i]) <= 1e-5 * (1 + Math.Abs(e[i]))) && !(float.IsNaN(a[i]) && float.IsNaN(e[i])))
            {
                throw new InvalidOperationException($"ONNX export of {Where}: the exported nodes give {a[i]} where the layer gives {e[i]} (element {i}).");
            }
        }
    }

    private string PathOf(Module child, Module parent, string parentPath)
    {
        foreach (var (name, m) in parent.NamedChildren())
        {
            if (ReferenceEquals(m, child))
            {
                return parentPath.Length == 0 ? name : $"{parentPath}.{name}";
            }
        }

        // A deeper descendant exported directly: its path from the root.
        foreach (var (name, m) in _root.NamedModules())
        {
            if (ReferenceEquals(m, child))
            {
                return name;
            }
        }

        return parentPath.Length == 0 ? "?" : $"{parentPath}.?";
    }

    private static string FirstLine(string text)
    {
        int nl = text.IndexOf('\n');
        return nl < 0 ? text : text[..nl] + " …)";
    }
}
