namespace MlNetDl.Onnx;

/// <summary>Limits applied while loading an untrusted model, checked before the memory is allocated.</summary>
/// <param name="MaxFileBytes">Largest model file accepted (protobuf's own limit is 2 GiB).</param>
/// <param name="MaxTensorElements">Largest element count of any initializer, constant or declared input.</param>
public sealed record OnnxLoadOptions(long MaxFileBytes = int.MaxValue, long MaxTensorElements = 1L << 29)
{
    public static OnnxLoadOptions Default { get; } = new();
}
