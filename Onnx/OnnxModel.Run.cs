using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Onnx;

public sealed partial class OnnxModel
{
    /// <summary>Runs the graph on <paramref name="inputs"/> (by graph input name) and returns every graph output by
    /// name. Runs under no-grad; outputs belong to no <see cref="TensorScope"/> (dispose them when done).</summary>
    /// <exception cref="ArgumentException">A missing or unknown input, or one whose dtype or shape differs from the
    /// model's declaration (the message names the input).</exception>
    /// <exception cref="OnnxUnsupportedException">A node meets a case only known at run time that is not supported.</exception>
    /// <exception cref="InvalidOperationException">A node fails (the message names the op and the node).</exception>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckInputs(inputs);
        using var scope = TensorScope.Suspend();
        using var noGrad = GradMode.NoGrad();
        var env = new Dictionary<string, Tensor>(_constants, StringComparer.Ordinal);
        foreach (var (name, t) in inputs)
        {
            env[name] = t;
        }

        try
        {
            foreach (var node in _nodes)
            {
                var args = new Tensor?[node.Inputs.Length];
                for (int i = 0; i < args.Length; i++)
                {
                    args[i] = node.Inputs[i].Length > 0 ? env[node.Inputs[i]] : null;
                }

                var outputs = Execute(node, args);
                for (int j = 0; j < outputs.Length; j++)
                {
                    if (j < node.Outputs.Length && node.Outputs[j].Length > 0)
                    {
                        env[node.Outputs[j]] = outputs[j];
                    }
                    else
                    {
                        outputs[j].Dispose();
                    }
                }

                foreach (var name in node.FreeAfter)
                {
                    if (env.Remove(name, out var t))
                    {
                        t.Dispose();
                    }
                }
            }

            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (var o in Outputs)
            {
                var t = env[o.Name];
                // A constant or a caller's tensor is returned as a view, so disposing the result frees nothing else.
                bool shared = _constants.ContainsKey(o.Name) || inputs.ContainsKey(o.Name) || result.Values.Contains(t);
                result[o.Name] = shared ? t.Reshape(t.Shape.ToArray()) : t;
            }

            return result;
        }
        catch
        {
            foreach (var (name, t) in env)
            {
                if (!_constants.ContainsKey(name) && !inputs.ContainsKey(name))
                {
                    t.Dispose();
                }
            }

            throw;
        }
    }

    /// <summary>When set (by the ResNet-50 benchmark's profile), called after each node with its inputs and its
    /// milliseconds; null otherwise, which costs one check per node.</summary>
    internal static Action<OpContext, Tensor?[], double>? NodeObserver { get; set; }

    /// <summary>Runs one node in its own scope (handler temporaries are freed at once); an output that is one of
    /// the inputs comes back as a new view so that every value owns its tensor object.</summary>
    private static Tensor[] Execute(PlannedNode node, Tensor?[] args)
    {
        Tensor[] outputs;
        using (var scope = TensorScope.Begin())
        {
            long start = NodeObserver is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                outputs = node.Kernel(args);
            }
            catch (Exception e) when (e is not (OnnxUnsupportedException or InvalidDataException or OutOfMemoryException))
            {
                throw new InvalidOperationException($"{node.Context.Where}: {e.Message}", e);
            }

            if (node.Context.OutputCount > outputs.Length && node.Outputs.Skip(outputs.Length).Any(o => o.Length > 0))
            {
                throw node.Context.Unsupported($"output {outputs.Length} ('{node.Outputs[outputs.Length]}')");
            }

            for (int j = 0; j < outputs.Length; j++)
            {
                if (args.Contains(outputs[j]) || outputs.Take(j).Contains(outputs[j]))
                {
                    outputs[j] = outputs[j].Reshape(outputs[j].Shape.ToArray());
                }

                scope.Keep(outputs[j]);
            }

            NodeObserver?.Invoke(node.Context, args, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return outputs;
    }

    private void CheckInputs(IReadOnlyDictionary<string, Tensor> inputs)
    {
        foreach (var name in inputs.Keys.Where(n => !Inputs.Any(i => i.Name == n)))
        {
            throw new ArgumentException($"Run: unknown input '{name}'; the model's inputs are [{string.Join("; ", Inputs)}].", nameof(inputs));
        }

        foreach (var info in Inputs)
        {
            if (!inputs.TryGetValue(info.Name, out var t))
            {
                throw new ArgumentException($"Run: missing input '{info.Name}' (expected {info}).", nameof(inputs));
            }

            if (info.DType is DType dtype && t.DType != dtype)
            {
                throw new ArgumentException($"Run: input '{info.Name}' is {t.DType} but the model expects {dtype} ({info}).", nameof(inputs));
            }

            if (info.Dims is { } dims)
            {
                bool ok = dims.Count == t.Rank;
                for (int d = 0; ok && d < dims.Count; d++)
                {
                    ok = dims[d] is not long v || v == t.Size(d);
                }

                if (!ok)
                {
                    throw new ArgumentException($"Run: input '{info.Name}' has shape {t.Shape} but the model expects {info}.", nameof(inputs));
                }
            }
        }
    }
}
