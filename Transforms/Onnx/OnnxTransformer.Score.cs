using MlNetDl.Pipelines;
using MlNetDl.Tensors;

namespace MlNetDl.Transforms.Onnx;

public sealed partial class OnnxTransformer
{
    /// <summary>Runs every row of <paramref name="view"/> through the model, <see cref="OnnxBinding.RunBatch"/> rows
    /// at a time, and returns one [rows × row size] array per bound output.</summary>
    /// <exception cref="InvalidOperationException">An output's shape differs from the one bound (the message names
    /// the output, the rows and both shapes), or a node fails.</exception>
    private float[][] Score(OnnxBinding binding, InMemoryDataView view)
    {
        int n = view.RowCount;
        var results = binding.Outputs.Select(o => new float[checked((long)n * o.RowSize)]).ToArray();
        var columns = binding.Inputs.Select(i => view.GetColumn(i.Column)).ToArray();
        for (int start = 0; start < n; start += binding.RunBatch)
        {
            int rows = Math.Min(binding.RunBatch, n - start);
            int fed = binding.Padded ? binding.RunBatch : rows;
            using var scope = TensorScope.Begin();
            var feeds = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            for (int i = 0; i < binding.Inputs.Length; i++)
            {
                var input = binding.Inputs[i];
                var t = Tensor.Zeros(new Shape(binding.BatchShape(input, fed)));
                var span = t.AsWritableSpan<float>()[..(rows * input.RowSize)];
                if (columns[i] is VectorColumn vector)
                {
                    vector.CopyRows(start, rows, span);
                }
                else
                {
                    ((ScalarColumn<float>)columns[i]).CopyRows(start, rows, span);
                }

                feeds[input.Tensor] = t;
            }

            var outputs = _model.Model.Run(feeds);
            try
            {
                for (int j = 0; j < binding.Outputs.Length; j++)
                {
                    var o = binding.Outputs[j];
                    var t = outputs[o.Tensor];
                    int[] expected = binding.HasBatchAxis ? [fed, .. o.RowDims] : o.RowDims;
                    if (!t.Shape.ToArray().SequenceEqual(expected))
                    {
                        throw new InvalidOperationException($"{Kind} ('{_model.Source}'): output '{o.Tensor}' has shape {t.Shape} for rows " +
                            $"[{start}, {start + rows}), but [{string.Join(", ", expected)}] was expected from the model's declaration or first run.");
                    }

                    t.AsReadOnlySpan<float>()[..(rows * o.RowSize)].CopyTo(results[j].AsSpan(start * o.RowSize));
                }
            }
            finally
            {
                foreach (var t in outputs.Values)
                {
                    t.Dispose();
                }
            }
        }

        return results;
    }
}
