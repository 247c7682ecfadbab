namespace MlNetDl.Onnx.Export;

/// <summary>A declared dimension of a graph input or output: a fixed size, or a symbolic one (<c>dim_param</c>, e.g.
/// "N" for a dynamic batch). Integers convert implicitly: <c>OnnxDim[] dims = [OnnxDim.Symbolic("N"), 784];</c></summary>
public readonly record struct OnnxDim(long? Value, string? Param)
{
    public static OnnxDim Symbolic(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("a symbolic dimension needs a non-empty name.", nameof(name)) : new(null, name);

    public static implicit operator OnnxDim(long value) =>
        value >= 0 ? new(value, null) : throw new ArgumentOutOfRangeException(nameof(value), value, "a fixed dimension must be >= 0.");

    public override string ToString() => Param ?? Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
