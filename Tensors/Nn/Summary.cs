using System.Globalization;
using System.Text;

namespace MlNetDl.Tensors.Nn;

/// <summary>torchsummary's table of a network: one row per leaf layer call with its output shape and parameter
/// count, then totals and memory estimates.</summary>
public static class SummaryExtensions
{
    private const int BatchSize = 2;
    private const double MiB = 1024.0 * 1024.0;

    /// <summary>
    /// Runs one forward pass on a random batch of 2 inputs of shape [2, ..<paramref name="inputShape"/>] (no grad, in
    /// evaluation mode; each module's mode is restored afterwards) and tabulates every call of a leaf module as
    /// "Type-index", its output shape with -1 for the batch, and its parameter count. Sizes in MB as torchsummary:
    /// input (one sample), forward/backward pass (2 × the sum of output sizes, for activations and their gradients),
    /// parameters, all float32.
    /// </summary>
    public static string Summary(this Module<Tensor, Tensor> module, params int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(inputShape);
        var rows = new List<(string Name, List<int[]> Shapes, long Params)>();
        var counts = new Dictionary<Module, long>(ReferenceEqualityComparer.Instance);
        var modes = module.Modules().Select(m => (m, m.Training)).ToList();
        try
        {
            module.Eval();
            using var scope = TensorScope.Begin();
            using var noGrad = Tensor.NoGrad();
            var input = Tensor.Rand(new Shape([BatchSize, .. inputShape]), new Generator(0));
            using (CallObserver.Observe((m, output) =>
            {
                if (m.Children().Any())
                {
                    return; // containers (Sequential, custom blocks) are summed up by their leaves
                }

                rows.Add(($"{m.GetType().Name}-{rows.Count + 1}", ShapesOf(output), m.ParameterCount()));
            }))
            {
                module.Call(input);
            }
        }
        finally
        {
            // Depth first, parents before children: each Train call is overridden by the children's own modes.
            foreach (var (m, training) in modes)
            {
                m.Train(training);
            }
        }

        return Format(rows, inputShape, module.ParameterCount(), module.ParameterCount(trainableOnly: true));
    }

    private static List<int[]> ShapesOf(object? output)
    {
        var tensors = output switch
        {
            Tensor t => [t],
            IEnumerable<Tensor> many => many.ToList(),
            System.Runtime.CompilerServices.ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).OfType<Tensor>().ToList(),
            _ => [],
        };
        return tensors.Select(t =>
        {
            var dims = t.Shape.ToArray();
            if (dims.Length > 0)
            {
                dims[0] = -1;
            }

            return dims;
        }).ToList();
    }

    private static string Format(List<(string Name, List<int[]> Shapes, long Params)> rows, int[] inputShape, long total, long trainable)
    {
        var inv = CultureInfo.InvariantCulture;
        var line = new string('-', 64);
        var sb = new StringBuilder();
        sb.AppendLine(line);
        sb.AppendLine(Row("Layer (type)", "Output Shape", "Param #"));
        sb.AppendLine(new string('=', 64));
        double outputElements = 0;
        foreach (var (name, shapes, count) in rows)
        {
            string shape = shapes.Count == 1 ? Bracket(shapes[0]) : "[" + string.Join(", ", shapes.Select(Bracket)) + "]";
            sb.AppendLine(Row(name, shape, count.ToString("N0", inv)));
            foreach (var s in shapes)
            {
                outputElements += s.Skip(1).Aggregate(1.0, (a, d) => a * d);
            }
        }

        double inputMb = inputShape.Aggregate(1.0, (a, d) => a * d) * 4 / MiB;
        double passMb = 2 * outputElements * 4 / MiB;
        double paramsMb = total * 4.0 / MiB;
        sb.AppendLine(new string('=', 64));
        sb.AppendLine($"Total params: {total.ToString("N0", inv)}");
        sb.AppendLine($"Trainable params: {trainable.ToString("N0", inv)}");
        sb.AppendLine($"Non-trainable params: {(total - trainable).ToString("N0", inv)}");
        sb.AppendLine(line);
        sb.AppendLine($"Input size (MB): {inputMb.ToString("F2", inv)}");
        sb.AppendLine($"Forward/backward pass size (MB): {passMb.ToString("F2", inv)}");
        sb.AppendLine($"Params size (MB): {paramsMb.ToString("F2", inv)}");
        sb.AppendLine($"Estimated Total Size (MB): {(inputMb + passMb + paramsMb).ToString("F2", inv)}");
        sb.Append(line);
        return sb.ToString().ReplaceLineEndings("\n");
    }

    // torchsummary's "{:>20}  {:>25} {:>15}".
    private static string Row(string a, string b, string c) => $"{a,20}  {b,25} {c,15}";

    private static string Bracket(int[] dims) => "[" + string.Join(", ", dims) + "]";
}
