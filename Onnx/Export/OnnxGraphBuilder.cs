using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Onnx.Export;

/// <summary>Builds one ONNX graph: inputs, initializers, nodes and outputs with unique names, node names and doc
/// strings from the current <see cref="Scope"/>. Where every input of a node has a known sample value (graph inputs
/// given a sample, initializers), the node is run at once on the importer's handlers, so <see cref="ShapeOf"/> knows
/// the shape of every value and an exporter emitting a node the importer cannot run fails at the node it added.
/// Module exporters reach it through <see cref="OnnxExportContext.Graph"/>; pipeline transformers can use it alone.</summary>
public sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeProto> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tensor> _samples = new(StringComparer.Ordinal);
    private readonly Dictionary<Tensor, string> _initializers = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<(string Name, string? Doc)> _scopes = new();

    /// <summary>A builder for the default ONNX domain at <paramref name="opset"/> (13 to 17).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An opset outside [13, 17].</exception>
    public OnnxGraphBuilder(int opset = OnnxExportOptions.DefaultOpset, string graphName = "main")
    {
        OnnxExportOptions.CheckOpset(opset);
        Opset = opset;
        _graph.Name = graphName;
    }

    /// <summary>Version of the default domain the graph is written for; exporters pick op versions from it.</summary>
    public int Opset { get; }

    /// <summary>The graph's doc string.</summary>
    public string DocString { get => _graph.DocString; set => _graph.DocString = value ?? ""; }

    /// <summary>Until disposed, nodes are named "<paramref name="name"/>/OpType" and carry <paramref name="doc"/>.</summary>
    public IDisposable Scope(string name, string? doc = null)
    {
        _scopes.Push((name, doc));
        return new PopScope(_scopes);
    }

    /// <summary>Declares a float32 (or other dtype) graph input; <paramref name="sample"/> (optional) is a value of
    /// that shape used to follow shapes through the graph.</summary>
    /// <exception cref="ArgumentException">A name already used, or a sample whose shape contradicts a fixed dim.</exception>
    public string AddInput(string name, DType dtype, IReadOnlyList<OnnxDim> dims, Tensor? sample = null, string? doc = null)
    {
        Claim(name, "input");
        if (sample is not null)
        {
            CheckSample(name, dims, sample);
            _samples[name] = sample;
        }

        _graph.Input.Add(ValueInfo(name, dtype, dims, doc));
        return name;
    }

    /// <summary>Adds a constant tensor (a weight); the same tensor object added twice is stored once (tied weights).
    /// The data is copied now. Returns the value name (<paramref name="name"/>, made unique).</summary>
    public string AddInitializer(string name, Tensor value)
    {
        if (_initializers.TryGetValue(value, out var existing))
        {
            return existing;
        }

        string unique = Unique(name);
        _names.Add(unique);
        var proto = OnnxTensors.FromTensor(value, unique);
        _graph.Initializer.Add(proto);
        _samples[unique] = OnnxTensors.ToTensor(proto); // a copy: later changes to the module do not reach the graph
        _initializers[value] = unique;
        return unique;
    }

    /// <summary>An int64 constant (shapes, axes, pads) as an initializer.</summary>
    public string AddConstant(string name, params long[] values) => AddInitializer(name, Tensor.FromArray(values, values.Length));

    /// <summary>A float32 1-D constant (scales, a scalar factor) as an initializer.</summary>
    public string AddConstant(string name, params float[] values) => AddInitializer(name, Tensor.FromArray(values, values.Length));

    /// <summary>Adds a node with one output and returns the output's name. An empty input name marks an omitted
    /// optional input.</summary>
    public string AddNode(string opType, IReadOnlyList<string> inputs, params AttributeProto[] attributes) =>
        AddNode(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputCount"/> outputs and returns their names.</summary>
    /// <exception cref="ArgumentException">An input that is not a value of this graph.</exception>
    /// <exception cref="OnnxUnsupportedException">The importer cannot run the node (it is checked on the samples).</exception>
    public string[] AddNode(string opType, IReadOnlyList<string> inputs, int outputCount, params AttributeProto[] attributes)
    {
        foreach (var input in inputs.Where(i => i.Length > 0 && !_names.Contains(i)))
        {
            throw new ArgumentException($"{opType}: input '{input}' is not a value of this graph.", nameof(inputs));
        }

        string prefix = _scopes.Count == 0 ? opType : $"{_scopes.Peek().Name}/{opType}";
        var node = new NodeProto { OpType = opType, Name = Unique(prefix), DocString = _scopes.Count == 0 ? "" : _scopes.Peek().Doc ?? "" };
        _names.Add(node.Name);
        node.Input.AddRange(inputs);
        node.Attribute.AddRange(attributes);
        var outputs = new string[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            outputs[i] = Unique(outputCount == 1 ? node.Name : $"{node.Name}:{i}");
            _names.Add(outputs[i]);
            _producers[outputs[i]] = node;
        }

        node.Output.AddRange(outputs);
        _graph.Node.Add(node);
        Evaluate(node);
        return outputs;
    }

    /// <summary>The shape <paramref name="value"/> has for the sample inputs.</summary>
    /// <exception cref="InvalidOperationException">No sample reached this value (an input was added without one).</exception>
    public int[] ShapeOf(string value) => SampleOf(value).Shape.ToArray();

    /// <summary>The value <paramref name="value"/> takes for the sample inputs.</summary>
    public Tensor SampleOf(string value) => _samples.TryGetValue(value, out var t)
        ? t
        : throw new InvalidOperationException($"the shape of '{value}' is unknown: no sample input reaches it (give AddInput a sample).");

    /// <summary>True when <paramref name="value"/> has a sample value.</summary>
    public bool HasSample(string value) => _samples.ContainsKey(value);

    /// <summary>Declares <paramref name="value"/> a graph output named <paramref name="name"/>: the producing node's
    /// output is renamed, or an Identity node is added when the value is a graph input, an initializer or already an
    /// output.</summary>
    /// <exception cref="ArgumentException">An unknown value, or a name already used by another value.</exception>
    public string AddOutput(string value, string name, DType dtype, IReadOnlyList<OnnxDim> dims, string? doc = null)
    {
        if (!_names.Contains(value))
        {
            throw new ArgumentException($"output '{name}': '{value}' is not a value of this graph.", nameof(value));
        }

        bool renamable = _producers.ContainsKey(value) && _graph.Output.All(o => o.Name != value);
        if (value != name)
        {
            if (!renamable)
            {
                value = AddNode("Identity", [value]);
            }

            Claim(name, "output");
            Rename(value, name);
        }

        _graph.Output.Add(ValueInfo(name, dtype, dims, doc));
        return name;
    }

    /// <summary>The graph (the builder keeps building on the same object).</summary>
    public GraphProto Graph => _graph;

    /// <summary>A model holding the graph, stamped with IR 8 and this builder's opset.</summary>
    public ModelProto ToModel(string producerName, string producerVersion, string? docString = null)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = producerName, ProducerVersion = producerVersion, Graph = _graph };
        model.DocString = docString ?? "";
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    private void Rename(string from, string to)
    {
        var producer = _producers[from];
        for (int i = 0; i < producer.Output.Count; i++)
        {
            producer.Output[i] = producer.Output[i] == from ? to : producer.Output[i];
        }

        foreach (var node in _graph.Node)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                node.Input[i] = node.Input[i] == from ? to : node.Input[i];
            }
        }

        _producers.Remove(from);
        _producers[to] = producer;
        _names.Remove(from);
        if (_samples.Remove(from, out var sample))
        {
            _samples[to] = sample;
        }
    }

    /// <summary>Runs the node on the importer's handler when all its inputs have samples.</summary>
    private void Evaluate(NodeProto node)
    {
        if (node.Input.Any(i => i.Length > 0 && !_samples.ContainsKey(i)))
        {
            return;
        }

        var ctx = new OpContext(node, _graph.Node.Count - 1, Opset, OnnxLoadOptions.Default);
        var kernel = OpBinder.Bind(node, ctx);
        using var noGrad = GradMode.NoGrad();
        Tensor[] outputs;
        try
        {
            outputs = kernel([.. node.Input.Select(i => i.Length > 0 ? _samples[i] : null)]);
        }
        catch (Exception e) when (e is not OnnxUnsupportedException)
        {
            throw new InvalidOperationException($"{ctx.Where} fails on the sample inputs [{string.Join("; ", node.Input.Where(i => i.Length > 0).Select(i => $"{i}: {_samples[i].Shape}"))}]: {e.Message}", e);
        }

        for (int i = 0; i < Math.Min(outputs.Length, node.Output.Count); i++)
        {
            _samples[node.Output[i]] = outputs[i];
        }
    }

    private static void CheckSample(string name, IReadOnlyList<OnnxDim> dims, Tensor sample)
    {
        bool fits = sample.Rank == dims.Count && dims.Select((d, i) => d.Value is not long v || v == sample.Size(i)).All(ok => ok);
        if (!fits)
        {
            throw new ArgumentException($"input '{name}': sample of shape {sample.Shape} does not fit the declared dims [{string.Join(", ", dims)}].", nameof(sample));
        }
    }

    private void Claim(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || !_names.Add(name))
        {
            throw new ArgumentException($"{what} name '{name}' is empty or already used by another value of the graph.", nameof(name));
        }
    }

    private string Unique(string name)
    {
        if (!_names.Contains(name))
        {
            return name;
        }

        for (int i = 1; ; i++)
        {
            string candidate = $"{name}_{i}";
            if (!_names.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static ValueInfoProto ValueInfo(string name, DType dtype, IReadOnlyList<OnnxDim> dims, string? doc)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d.Param is { } p ? new TensorShapeProto.Types.Dimension { DimParam = p } : new TensorShapeProto.Types.Dimension { DimValue = d.Value ?? 0 });
        }

        int elemType = dtype switch
        {
            DType.Float32 => (int)TensorProto.Types.DataType.Float,
            DType.Int64 => (int)TensorProto.Types.DataType.Int64,
            DType.Int32 => (int)TensorProto.Types.DataType.Int32,
            DType.Bool => (int)TensorProto.Types.DataType.Bool,
            _ => throw new ArgumentException($"value '{name}': dtype {dtype} has no ONNX mapping here."),
        };
        return new ValueInfoProto { Name = name, DocString = doc ?? "", Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elemType, Shape = shape } } };
    }

    private sealed class PopScope(Stack<(string, string?)> scopes) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                scopes.Pop();
            }
        }
    }
}
