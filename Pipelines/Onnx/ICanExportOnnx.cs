namespace MlNetDl.Pipelines;

/// <summary>A fitted transformer that can write itself into an ONNX graph (ML.NET's ICanSaveOnnx): it reads its input
/// columns' current values from the context and sets its output columns, so a fitted chain becomes one graph
/// (<see cref="OnnxConversionCatalog.ConvertToOnnx(ModelOperationsCatalog, ITransformer, IDataView, string, int)"/>).</summary>
public interface ICanExportOnnx
{
    /// <summary>Adds the nodes computing this transformer's output columns.</summary>
    /// <exception cref="MlNetDl.Onnx.OnnxUnsupportedException">A fitted configuration with no ONNX form (named).</exception>
    void ExportOnnx(OnnxPipelineContext ctx);
}
