using MlNetDl.Pipelines;

namespace MlNetDl.Transforms.Onnx;

/// <summary>Options of <see cref="OnnxScoringEstimator"/> (ML.NET's OnnxOptions without the GPU and thread
/// settings, plus column ↔ tensor name maps and the batch size).</summary>
public sealed record OnnxOptions
{
    internal const string Owner = "ApplyOnnxModel";

    /// <summary>Largest <see cref="BatchSize"/> accepted.</summary>
    public const int MaxBatchSize = 1 << 16;

    /// <summary>The .onnx file; it is read once, when the estimator is created, and embedded in saved models.</summary>
    public string ModelFile { get; init; } = "";

    /// <summary>Columns fed to the model; null means one column per model input, named as the input.</summary>
    public string[]? InputColumns { get; init; }

    /// <summary>Columns made from the model's outputs; null means one per model output, named as the output.</summary>
    public string[]? OutputColumns { get; init; }

    /// <summary>Input column → model input name, for columns not named as their tensor (others map to themselves).</summary>
    public IReadOnlyDictionary<string, string>? InputTensorNames { get; init; }

    /// <summary>Output column → model output name, for columns not named as their tensor.</summary>
    public IReadOnlyDictionary<string, string>? OutputTensorNames { get; init; }

    /// <summary>Rows per model run when the model's batch dimension is dynamic (a model with a fixed batch size
    /// runs in batches of that size; one without a batch axis runs row by row).</summary>
    public int BatchSize { get; init; } = 16;

    /// <exception cref="ArgumentException">An empty model path or column name, a duplicate column, or a tensor map
    /// naming a column that is not listed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="BatchSize"/> outside [1, 65536].</exception>
    public OnnxOptions Validate()
    {
        OptionChecks.NotEmpty(Owner, nameof(ModelFile), ModelFile);
        OptionChecks.InRange(Owner, nameof(BatchSize), BatchSize, 1, MaxBatchSize);
        CheckColumns(nameof(InputColumns), InputColumns, nameof(InputTensorNames), InputTensorNames);
        CheckColumns(nameof(OutputColumns), OutputColumns, nameof(OutputTensorNames), OutputTensorNames);
        return this;
    }

    internal string InputTensor(string column) => InputTensorNames?.GetValueOrDefault(column) ?? column;

    internal string OutputTensor(string column) => OutputTensorNames?.GetValueOrDefault(column) ?? column;

    private static void CheckColumns(string option, string[]? columns, string mapOption, IReadOnlyDictionary<string, string>? map)
    {
        foreach (var c in columns ?? [])
        {
            OptionChecks.NotEmpty(Owner, option, c);
        }

        var duplicate = columns?.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The '{option}' option of {Owner} lists column '{duplicate.Key}' twice.", option);
        }

        foreach (var (column, tensor) in map ?? new Dictionary<string, string>())
        {
            OptionChecks.NotEmpty(Owner, mapOption, tensor);
            if (columns is not null && !columns.Contains(column, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"The '{mapOption}' option of {Owner} maps column '{column}', which is not in '{option}' [{string.Join(", ", columns)}].", mapOption);
            }
        }
    }
}
