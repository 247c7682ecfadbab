using Google.Protobuf;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Onnx;

public sealed partial class OnnxModel
{
    private OnnxModel(ModelProto proto, OnnxLoadOptions options)
    {
        var graph = proto.Graph ?? throw new InvalidDataException("the model has no graph");
        IrVersion = proto.IrVersion;
        if (IrVersion < MinIrVersion || IrVersion > MaxIrVersion)
        {
            throw new OnnxUnsupportedException($"IR version {IrVersion} is not supported (supported: {MinIrVersion} to {MaxIrVersion}).");
        }

        Opset = DefaultOpset(proto);
        ProducerName = proto.ProducerName;
        if (graph.SparseInitializer.Count > 0)
        {
            throw new OnnxUnsupportedException($"sparse initializers ('{graph.SparseInitializer[0].Values?.Name}') are not supported.");
        }

        // Everything is validated before the first weight is converted.
        var initializerNames = CheckInitializers(graph, options);
        Inputs = graph.Input.Where(i => !initializerNames.Contains(i.Name)).Select(i => Describe(i, options)).ToArray();
        Outputs = graph.Output.Select(o => Describe(o, options)).ToArray();
        _outputNames = [.. Outputs.Select(o => o.Name)];
        var nodes = new PlannedNode[graph.Node.Count];
        for (int i = 0; i < nodes.Length; i++)
        {
            var node = graph.Node[i];
            var ctx = new OpContext(node, i, Opset, options);
            if (node.Domain is not ("" or "ai.onnx"))
            {
                throw new OnnxUnsupportedException($"{ctx.Where}: op '{node.Domain}.{node.OpType}' is not supported (only the default ONNX domain is).");
            }

            nodes[i] = new PlannedNode(ctx, OpBinder.Bind(node, ctx), [.. node.Input], [.. node.Output]);
        }

        var sorted = TopologicalOrder(nodes, [.. initializerNames, .. graph.Input.Select(i => i.Name)], _outputNames);
        _constants = ConvertInitializers(graph, options);
        _nodes = FuseConvBatchNorm(FoldConstants(sorted), graph, options);
        PlanFrees();
    }

    private static int DefaultOpset(ModelProto proto)
    {
        var imports = proto.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").ToList();
        if (imports.Count == 0)
        {
            throw new InvalidDataException("the model imports no version of the default ONNX operator set (opset_import)");
        }

        long version = imports.Max(o => o.Version);
        if (version < MinOpset || version > MaxOpset)
        {
            throw new OnnxUnsupportedException($"opset version {version} of the default domain is not supported (supported: {MinOpset} to {MaxOpset}).");
        }

        return (int)version;
    }

    private static HashSet<string> CheckInitializers(GraphProto graph, OnnxLoadOptions options)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var init in graph.Initializer)
        {
            if (init.DataLocation == TensorProto.Types.DataLocation.External || init.ExternalData.Count > 0)
            {
                string location = init.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value ?? "?";
                throw new OnnxUnsupportedException($"initializer '{init.Name}' stores its data in an external file ('{location}'); external data is not supported: save the model with its weights inside.");
            }

            OnnxTensors.CheckedDims(init.Dims, options.MaxTensorElements, $"initializer '{init.Name}'");
            if (OnnxTensors.ToDType(init.DataType) is null)
            {
                throw new OnnxUnsupportedException($"initializer '{init.Name}' has element type {(TensorProto.Types.DataType)init.DataType}, which is not supported.");
            }

            if (!names.Add(init.Name))
            {
                throw new InvalidDataException($"initializer '{init.Name}' is defined twice");
            }
        }

        return names;
    }

    private static OnnxValueInfo Describe(ValueInfoProto info, OnnxLoadOptions options)
    {
        var tensorType = info.Type?.TensorType;
        if (tensorType is null)
        {
            return new OnnxValueInfo(info.Name, null, null);
        }

        IReadOnlyList<long?>? dims = null;
        if (tensorType.Shape is not null)
        {
            dims = tensorType.Shape.Dim.Select(d => d.HasDimValue ? d.DimValue : (long?)null).ToArray();
            var known = dims.Select(d => d ?? 1).ToArray();
            OnnxTensors.CheckedDims(known, options.MaxTensorElements, $"graph value '{info.Name}'");
        }

        return new OnnxValueInfo(info.Name, OnnxTensors.ToDType(tensorType.ElemType), dims);
    }

    /// <summary>Kahn's algorithm; also checks that every input is defined and every value produced once.</summary>
    private static List<PlannedNode> TopologicalOrder(PlannedNode[] nodes, HashSet<string> available, HashSet<string> outputs)
    {
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Length; i++)
        {
            foreach (var o in nodes[i].Outputs.Where(o => o.Length > 0))
            {
                if (available.Contains(o) || !producer.TryAdd(o, i))
                {
                    throw new InvalidDataException($"{nodes[i].Context.Where}: output '{o}' is already defined by another node, a graph input or an initializer");
                }
            }
        }

        var pending = new int[nodes.Length];
        var consumers = new List<int>[nodes.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            consumers[i] = [];
        }

        for (int i = 0; i < nodes.Length; i++)
        {
            foreach (var input in nodes[i].Inputs.Where(n => n.Length > 0).Distinct())
            {
                if (producer.TryGetValue(input, out int p))
                {
                    pending[i]++;
                    consumers[p].Add(i);
                }
                else if (!available.Contains(input))
                {
                    throw new InvalidDataException($"{nodes[i].Context.Where}: input '{input}' is not a graph input, an initializer or any node's output");
                }
            }
        }

        foreach (var o in outputs.Where(o => !producer.ContainsKey(o) && !available.Contains(o)))
        {
            throw new InvalidDataException($"graph output '{o}' is not produced by any node");
        }

        var ready = new Queue<int>(Enumerable.Range(0, nodes.Length).Where(i => pending[i] == 0));
        var order = new List<PlannedNode>(nodes.Length);
        while (ready.Count > 0)
        {
            int i = ready.Dequeue();
            order.Add(nodes[i]);
            foreach (int c in consumers[i])
            {
                if (--pending[c] == 0)
                {
                    ready.Enqueue(c);
                }
            }
        }

        if (order.Count != nodes.Length)
        {
            var stuck = Enumerable.Range(0, nodes.Length).Where(i => pending[i] > 0).Take(3).Select(i => nodes[i].Context.Where);
            throw new InvalidDataException($"the graph has a cycle (nodes never ready: {string.Join(", ", stuck)})");
        }

        return order;
    }

    /// <summary>Converts each initializer once and drops its protobuf bytes right after, so the peak is about one
    /// copy of the weights plus the largest tensor.</summary>
    private static Dictionary<string, Tensor> ConvertInitializers(GraphProto graph, OnnxLoadOptions options)
    {
        var constants = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var _ = TensorScope.Suspend();
        foreach (var init in graph.Initializer)
        {
            constants[init.Name] = OnnxTensors.ToTensor(init, options.MaxTensorElements);
            init.RawData = ByteString.Empty;
            init.FloatData.Clear();
            init.Int64Data.Clear();
            init.Int32Data.Clear();
            init.DoubleData.Clear();
        }

        return constants;
    }

    /// <summary>Runs, once, every node whose inputs are all constants (Constant, ConstantOfShape weights, shape
    /// arithmetic on constants) and keeps the rest.</summary>
    private PlannedNode[] FoldConstants(List<PlannedNode> sorted)
    {
        var remaining = new List<PlannedNode>();
        using var scope = TensorScope.Suspend();
        using var noGrad = GradMode.NoGrad();
        foreach (var node in sorted)
        {
            if (node.Inputs.Any(i => i.Length > 0 && !_constants.ContainsKey(i)))
            {
                remaining.Add(node);
                continue;
            }

            var outputs = Execute(node, node.Inputs.Select(i => i.Length > 0 ? _constants[i] : null).ToArray());
            for (int j = 0; j < outputs.Length; j++)
            {
                if (j < node.Outputs.Length && node.Outputs[j].Length > 0)
                {
                    _constants[node.Outputs[j]] = outputs[j];
                }
                else
                {
                    outputs[j].Dispose();
                }
            }
        }

        var used = new HashSet<string>(remaining.SelectMany(n => n.Inputs).Concat(_outputNames), StringComparer.Ordinal);
        foreach (var name in _constants.Keys.Where(k => !used.Contains(k)).ToList())
        {
            _constants[name].Dispose();
            _constants.Remove(name);
        }

        return [.. remaining];
    }

    /// <summary>Marks, for each node, the intermediates it is the last consumer of (outputs nobody reads are freed
    /// right after their producer).</summary>
    private void PlanFrees()
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var produced = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < _nodes.Length; i++)
        {
            foreach (var o in _nodes[i].Outputs.Where(o => o.Length > 0))
            {
                produced.Add(o);
                last[o] = i;
            }

            foreach (var input in _nodes[i].Inputs.Where(n => n.Length > 0))
            {
                last[input] = i;
            }
        }

        var free = new List<string>[_nodes.Length];
        for (int i = 0; i < free.Length; i++)
        {
            free[i] = [];
        }

        foreach (var (name, i) in last)
        {
            if (produced.Contains(name) && !_outputNames.Contains(name))
            {
                free[i].Add(name);
            }
        }

        for (int i = 0; i < _nodes.Length; i++)
        {
            _nodes[i].FreeAfter = [.. free[i]];
        }
    }
}
