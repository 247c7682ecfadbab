using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

public sealed partial class OnnxModel
{
    /// <summary>Folds each inference-mode BatchNormalization whose input is a Conv output read by nothing else
    /// into that Conv, when the weights and all statistics are constants: with s = scale / √(var + ε),
    /// W'[o] = W[o]·s[o] and B'[o] = (B[o] − mean[o])·s[o] + bias[o] (computed in double). One pass over each
    /// activation less per pair (53 in ResNet-50); values differ from the unfused graph only by rounding.</summary>
    private PlannedNode[] FuseConvBatchNorm(PlannedNode[] nodes, GraphProto graph, OnnxLoadOptions options)
    {
        var readers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in nodes.SelectMany(n => n.Inputs).Concat(_outputNames).Where(n => n.Length > 0))
        {
            readers[name] = readers.GetValueOrDefault(name) + 1;
        }

        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Length; i++)
        {
            foreach (var o in nodes[i].Outputs.Where(o => o.Length > 0))
            {
                producer[o] = i;
            }
        }

        var result = (PlannedNode?[])nodes.Clone();
        using var scope = TensorScope.Suspend();
        for (int i = 0; i < nodes.Length; i++)
        {
            var bn = nodes[i];
            if (bn.Context.OpType != "BatchNormalization" || bn.Inputs.Length != 5 || bn.Outputs.Count(o => o.Length > 0) != 1 ||
                bn.Outputs[0].Length == 0 || !producer.TryGetValue(bn.Inputs[0], out int c) || readers[bn.Inputs[0]] != 1)
            {
                continue;
            }

            var conv = nodes[c];
            var bnProto = graph.Node[bn.Context.NodeIndex];
            var attributes = bnProto.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
            if (conv.Context.OpType != "Conv" || result[c] != conv || conv.Outputs.Length != 1 ||
                attributes.TryGetValue("training_mode", out var tm) && tm.I != 0 || attributes.TryGetValue("spatial", out var sp) && sp.I != 1)
            {
                continue;
            }

            float eps = attributes.TryGetValue("epsilon", out var e) ? e.F : 1e-5f;
            var stats = bn.Inputs[1..].Select(n => _constants.GetValueOrDefault(n)).ToArray();
            var w = conv.Inputs.Length > 1 ? _constants.GetValueOrDefault(conv.Inputs[1]) : null;
            var b = conv.Inputs.Length > 2 && conv.Inputs[2].Length > 0 ? _constants.GetValueOrDefault(conv.Inputs[2]) : null;
            bool hasBias = conv.Inputs.Length > 2 && conv.Inputs[2].Length > 0;
            if (w is not { DType: DType.Float32, Rank: >= 3 } || (hasBias && b is not { DType: DType.Float32 }) ||
                stats.Any(t => t is not { DType: DType.Float32, Rank: 1 } || t.Size(0) != w.Size(0)) || (b is not null && b.Numel != w.Size(0)))
            {
                continue;
            }

            // A weight read by this Conv alone is rescaled in place, so fusing allocates nothing the size of the weights.
            bool exclusive = readers[conv.Inputs[1]] == 1;
            string wName = exclusive ? conv.Inputs[1] : $"{bn.Outputs[0]}::fused_conv_weight", bName = $"{bn.Outputs[0]}::fused_conv_bias";
            if ((!exclusive && (_constants.ContainsKey(wName) || producer.ContainsKey(wName))) || _constants.ContainsKey(bName) || producer.ContainsKey(bName))
            {
                continue;
            }

            var (weight, bias) = Folded(w, b, stats!, eps, exclusive);
            _constants[wName] = weight;
            _constants[bName] = bias;
            var fusedProto = graph.Node[conv.Context.NodeIndex].Clone();
            fusedProto.Input.Clear();
            fusedProto.Input.Add([conv.Inputs[0], wName, bName]);
            fusedProto.Output.Clear();
            fusedProto.Output.Add(bn.Outputs[0]);
            var ctx = new OpContext(fusedProto, conv.Context.NodeIndex, Opset, options);
            result[c] = new PlannedNode(ctx, OpBinder.Bind(fusedProto, ctx), [.. fusedProto.Input], [bn.Outputs[0]]);
            result[i] = null;
        }

        var remaining = result.OfType<PlannedNode>().ToArray();
        var used = new HashSet<string>(remaining.SelectMany(n => n.Inputs).Concat(_outputNames), StringComparer.Ordinal);
        foreach (var name in _constants.Keys.Where(k => !used.Contains(k)).ToList())
        {
            _constants[name].Dispose();
            _constants.Remove(name);
        }

        return remaining;
    }

    private static (Tensor Weight, Tensor Bias) Folded(Tensor w, Tensor? b, Tensor[] stats, float eps, bool inPlace)
    {
        ReadOnlySpan<float> scale = stats[0].AsReadOnlySpan<float>(), beta = stats[1].AsReadOnlySpan<float>(),
            mean = stats[2].AsReadOnlySpan<float>(), variance = stats[3].AsReadOnlySpan<float>();
        int outChannels = w.Size(0), per = w.Numel / outChannels;
        var result = inPlace ? w : Tensor.Zeros(w.Shape);
        var source = w.AsReadOnlySpan<float>();
        var weight = result.AsWritableSpan<float>();
        var bias = new float[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            double s = scale[o] / Math.Sqrt((double)variance[o] + eps);
            for (int k = o * per; k < (o + 1) * per; k++)
            {
                weight[k] = (float)(source[k] * s);
            }

            double b0 = b is null ? 0 : b.AsReadOnlySpan<float>()[o];
            bias[o] = (float)((b0 - mean[o]) * s + beta[o]);
        }

        return (result, Tensor.Wrap(bias, outChannels));
    }
}
