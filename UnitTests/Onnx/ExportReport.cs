using System.Text;
using MlNetDl.Onnx.Export;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>The "Export" section of docs/ONNX.md, written by <see cref="OnnxReportTests"/>: how to export, what is
/// checked, and one line per row of <see cref="ExportCases"/> with the ONNX ops it becomes.</summary>
internal static class ExportReport
{
    public static string Section()
    {
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("## Export");
        sb.AppendLine();
        sb.AppendLine("`OnnxExporter.Export(module, sampleInputShape, path, options)` (namespace `MlNetDl.Onnx.Export`) writes a module in");
        sb.AppendLine("eval mode (dropout is the identity, batch norm uses running statistics; training flags are restored), opset 17");
        sb.AppendLine("by default (13 to 17 accepted), IR 8, producer `MlNetDl` + assembly version, dimension 0 symbolic (`dim_param`");
        sb.AppendLine("\"N\", `BatchDimName: null` fixes it), input/output names from `OnnxExportOptions` (default `input`, `output` or");
        sb.AppendLine("`output0`, `output1`, …), the module's print-out as the model doc string and each node's module path and repr as");
        sb.AppendLine("its doc string; the file is written to a temporary file and moved over the target.");
        sb.AppendLine();
        sb.AppendLine("Exporters are declared by the component: a module implements `IOnnxExportable` (custom modules compose their");
        sb.AppendLine("children with `ctx.Export(child, inputs)`), or a type is registered with `OnnxModuleExporters.Register<T>` (the");
        sb.AppendLine("built-in layers, since `Tensors` cannot reference `Onnx`). `OnnxGraphBuilder` (inputs, initializers, nodes,");
        sb.AppendLine("outputs, unique names, scopes) is public for pipeline components; it runs each node on the importer's handlers");
        sb.AppendLine("as it is added, so shapes are known and every leaf layer's nodes are compared with the layer's own forward on");
        sb.AppendLine("the sample input at export time. A module with no exporter fails naming its path and type, e.g.");
        sb.AppendLine("`ONNX export of encoder.3 (MyLayer): no ONNX exporter for …`; configurations without an ONNX form are refused");
        sb.AppendLine("the same way (AvgPool2d divisor_override, adaptive pooling with uneven windows, batch norm without running");
        sb.AppendLine("statistics, reshapes touching the dynamic batch, Softplus threshold below 15, unbatched 2-D layers, nearest");
        sb.AppendLine("sizes whose float32 Resize scale would not reproduce PyTorch's indices).");
        sb.AppendLine();
        sb.AppendLine("Checked per row (`dotnet test UnitTests -c Release --filter FullyQualifiedName~MlNetDl.UnitTests.Onnx.Export`):");
        sb.AppendLine("our importer reproduces the module's eval outputs (|diff| ≤ 1e-6·max(1, |y|)) for batch 1 and 3 at opsets 17");
        sb.AppendLine("and 13; `onnx.checker.check_model(full_check=True)` (onnx 1.12) accepts both; OpenCV 4.6 `cv2.dnn.readNetFromONNX`");
        sb.AppendLine("gives the same shapes and values within 1e-4·max(1, |y|) for batch 1 and 3 (one `/usr/bin/python3` process,");
        sb.AppendLine("`UnitTests/Onnx/ExportCheck.py`, for the whole table; skipped with a reason when python3-onnx/opencv are absent).");
        sb.AppendLine("OpenCV findings: it ignores `count_include_pad=1` (so padded AvgPool2d that counts padding is exported as Pad +");
        sb.AppendLine("AveragePool), ignores MaxPool `dilations`, and gave wrong values for dcgan_generator when one net ran batch 1 then 3");
        sb.AppendLine("(a fresh net per batch is right); cv2's binding cannot pass 3-D inputs.");
        sb.AppendLine();
        sb.AppendLine("Fitted pipelines: `mlContext.Model.ConvertToOnnx(transformer, data, path or stream)` writes a transformer or a");
        sb.AppendLine("fitted chain as one graph. Members implement `ICanExportOnnx` (Pipelines): normalizers (min-max/affine,");
        sb.AppendLine("mean-variance, mean/std; not CDF), PCA (with whitening), linear regression, logistic regression (Score,");
        sb.AppendLine("Probability, PredictedLabel as bool) and softmax regression (Score, PredictedLabel as the 1-based key in int64).");
        sb.AppendLine("Source columns the chain reads become inputs [N, size]; every column it sets becomes an output named after it");
        sb.AppendLine("(`Name.output` when a column is overwritten in place). A member without an export fails naming its position and");
        sb.AppendLine("type. Checked: our importer reproduces the chain's columns (|diff| ≤ 1e-5·max(1, |y|), the transformers sum in");
        sb.AppendLine("double) and the onnx checker accepts the model (`ExportPipelineTests`, `ExportPythonTests`).");
        sb.AppendLine();
        sb.AppendLine("| row | ONNX ops (opset 17) | OpenCV |");
        sb.AppendLine("|---|---|---|");
        foreach (var row in ExportCases.All)
        {
            var model = OnnxExporter.ToModel(row.Create(), row.Shape);
            string ops = string.Join(", ", model.Graph.Node.Select(n => n.OpType).Distinct());
            sb.AppendLine($"| {row.Name} | {ops} | {row.NoOpenCv ?? "checked"} |");
        }

        return sb.ToString();
    }
}
