using Google.Protobuf;
using MlNetDl.Onnx;
using MlNetDl.Onnx.Export;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;

namespace MlNetDl.Pipelines;

/// <summary><c>mlContext.Model.ConvertToOnnx(transformer, data, path)</c>: a fitted transformer or chain as one ONNX
/// graph (ML.NET's shape). Every member must implement <see cref="ICanExportOnnx"/>.</summary>
public static class OnnxConversionCatalog
{
    /// <summary>Writes the model atomically to <paramref name="path"/>.</summary>
    /// <exception cref="OnnxUnsupportedException">A member that cannot be exported, named by its position and type.</exception>
    public static void ConvertToOnnx(this ModelOperationsCatalog catalog, ITransformer transformer, IDataView data, string path,
        int opset = OnnxExportOptions.DefaultOpset)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        OnnxExporter.Save(catalog.ConvertToOnnxProtobuf(transformer, data, opset), path);
    }

    /// <summary>Writes the model to <paramref name="stream"/>.</summary>
    public static void ConvertToOnnx(this ModelOperationsCatalog catalog, ITransformer transformer, IDataView data, Stream stream,
        int opset = OnnxExportOptions.DefaultOpset) =>
        catalog.ConvertToOnnxProtobuf(transformer, data, opset).WriteTo(stream);

    /// <summary>The model proto: inputs are the source columns the chain reads; outputs are the columns it sets, named
    /// after them ("Name.output" where a column is overwritten in place, since ONNX values are named once).</summary>
    public static ModelProto ConvertToOnnxProtobuf(this ModelOperationsCatalog catalog, ITransformer transformer, IDataView data,
        int opset = OnnxExportOptions.DefaultOpset)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(transformer);
        ArgumentNullException.ThrowIfNull(data);
        transformer.GetOutputSchema(data.Schema);
        var graph = new OnnxGraphBuilder(opset, transformer.GetType().Name.Split('`')[0]);
        var ctx = new OnnxPipelineContext(graph, data.Schema);
        using (TensorScope.Begin())
        {
            var members = Flatten(transformer).ToList();
            for (int i = 0; i < members.Count; i++)
            {
                if (members[i] is not ICanExportOnnx exportable)
                {
                    throw new OnnxUnsupportedException($"ONNX conversion: transformer {i} ({members[i].GetType().Name}) does not implement {nameof(ICanExportOnnx)}; it cannot be exported.");
                }

                using var scope = graph.Scope($"{i}.{members[i].GetType().Name}", members[i].ToString());
                exportable.ExportOnnx(ctx);
            }

            foreach (var (column, value, type) in ctx.Outputs.ToList())
            {
                var sample = graph.SampleOf(value);
                graph.AddOutput(value, ctx.IsInput(column) ? column + ".output" : column, sample.DType,
                    [OnnxDim.Symbolic("N"), .. sample.Shape.Skip(1).Select(d => (OnnxDim)d)], type.ToString());
            }
        }

        graph.DocString = $"{transformer} converted by {OnnxExporter.ProducerName} {OnnxExporter.ProducerVersion}.";
        return graph.ToModel(OnnxExporter.ProducerName, OnnxExporter.ProducerVersion, transformer.ToString());
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer t) =>
        t is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [t];
}
