namespace MlNetDl.Onnx.Export;

/// <summary>How <see cref="OnnxExporter"/> writes a model.</summary>
/// <param name="Opset">Default-domain opset stamped on the model: 13 to 17 (17 is what onnx 1.12 knows best).</param>
/// <param name="InputNames">Graph input names (one per module input); null: "input".</param>
/// <param name="OutputNames">Graph output names (one per module output); null: "output", or "output0", "output1", …
/// for several.</param>
/// <param name="BatchDimName">dim_param of dimension 0 of inputs and outputs (a dynamic batch); null fixes the batch
/// to the sample's.</param>
/// <param name="DocString">Model doc string; null: the module's print-out.</param>
/// <param name="GraphName">Graph name; null: the module's type name.</param>
public sealed record OnnxExportOptions(int Opset = OnnxExportOptions.DefaultOpset, IReadOnlyList<string>? InputNames = null,
    IReadOnlyList<string>? OutputNames = null, string? BatchDimName = "N", string? DocString = null, string? GraphName = null)
{
    public const int DefaultOpset = 17, MinOpset = 13, MaxOpset = 17;

    public static OnnxExportOptions Default { get; } = new();

    /// <summary>Throws with the option, the range and the value at fault.</summary>
    public void Validate()
    {
        CheckOpset(Opset);
        CheckNames(nameof(InputNames), InputNames);
        CheckNames(nameof(OutputNames), OutputNames);
        if (BatchDimName is not null && string.IsNullOrWhiteSpace(BatchDimName))
        {
            throw new ArgumentException($"The '{nameof(BatchDimName)}' option of {nameof(OnnxExportOptions)} must be null or a non-empty name. Got '{BatchDimName}'.");
        }
    }

    internal static void CheckOpset(int opset)
    {
        if (opset is < MinOpset or > MaxOpset)
        {
            throw new ArgumentOutOfRangeException(nameof(Opset), opset,
                $"The '{nameof(Opset)}' option of {nameof(OnnxExportOptions)} must be an integer in [{MinOpset}, {MaxOpset}]. Got {opset}.");
        }
    }

    private static void CheckNames(string option, IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return;
        }

        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new ArgumentException($"The '{option}' option of {nameof(OnnxExportOptions)} must hold distinct non-empty names. Got [{string.Join(", ", names.Select(n => $"'{n}'"))}].");
        }
    }
}
