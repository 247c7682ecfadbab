using MlNetDl.Transforms.Onnx;

namespace MlNetDl.Pipelines;

/// <summary><c>mlContext.Transforms.ApplyOnnxModel(...)</c>, with ML.NET's overloads (without the GPU arguments:
/// the model runs on this library's CPU executor). Column names equal the model's tensor names unless the options
/// record maps them.</summary>
public static class OnnxCatalog
{
    /// <summary>One column per model input and one per model output, each named as its tensor.</summary>
    public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string modelFile) =>
        ApplyOnnxModel(catalog, new OnnxOptions { ModelFile = modelFile });

    /// <summary>Feeds <paramref name="inputColumnName"/> to the model input of that name and writes the model output
    /// named <paramref name="outputColumnName"/> to that column.</summary>
    public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string outputColumnName, string inputColumnName,
        string modelFile) =>
        ApplyOnnxModel(catalog, new OnnxOptions { ModelFile = modelFile, InputColumns = [inputColumnName], OutputColumns = [outputColumnName] });

    /// <summary>As above for several inputs and outputs.</summary>
    public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, string[] outputColumnNames, string[] inputColumnNames,
        string modelFile) =>
        ApplyOnnxModel(catalog, new OnnxOptions { ModelFile = modelFile, InputColumns = inputColumnNames, OutputColumns = outputColumnNames });

    /// <summary>From an options record (tensor-name maps, batch size).</summary>
    public static OnnxScoringEstimator ApplyOnnxModel(this TransformsCatalog catalog, OnnxOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new OnnxScoringEstimator(options);
    }
}
