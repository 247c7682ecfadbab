using MlNetDl.Pipelines;

namespace MlNetDl.Transforms.Onnx;

/// <summary>Applies a pre-trained ONNX model to columns (ML.NET's OnnxScoringEstimator, on this library's own CPU
/// executor). Creating it reads and validates the model and the tensor names; <see cref="Fit"/> checks the input
/// columns against the model's inputs and trains nothing.</summary>
public sealed class OnnxScoringEstimator : IEstimator<OnnxTransformer>
{
    private readonly OnnxScoringModel _model;

    /// <exception cref="ArgumentException">Invalid options, or a column mapped to a tensor the model does not have
    /// (the message lists the model's inputs or outputs).</exception>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid ONNX model.</exception>
    /// <exception cref="MlNetDl.Onnx.OnnxUnsupportedException">The model uses an op or feature not supported here.</exception>
    public OnnxScoringEstimator(OnnxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        _model = OnnxScoringModel.FromFile(options.ModelFile);
        foreach (var column in options.InputColumns ?? [])
        {
            _model.FindInput(options.InputTensor(column));
        }

        foreach (var column in options.OutputColumns ?? [])
        {
            _model.FindOutput(options.OutputTensor(column));
        }
    }

    public OnnxOptions Options { get; }

    /// <exception cref="SchemaMismatchException">An input column is missing or does not fit its tensor.</exception>
    public OnnxTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new OnnxTransformer(Options, _model);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var binding = OnnxBinding.Create(_model, Options, inputSchema);
        return inputSchema.With(binding.Outputs.Select(o => SchemaShape.Column.FromType(o.Column, o.Type)));
    }
}
