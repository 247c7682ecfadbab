using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

/// <summary>A graph input or output: name, engine dtype (null when the model's element type has no mapping or is
/// not declared) and dims (null entries for symbolic or unknown dims; null for an undeclared shape).</summary>
public sealed record OnnxValueInfo(string Name, DType? DType, IReadOnlyList<long?>? Dims)
{
    public override string ToString() =>
        $"{Name}: {DType?.ToString() ?? "?"}{(Dims is null ? "" : "[" + string.Join(", ", Dims.Select(d => d?.ToString() ?? "?")) + "]")}";
}
