namespace MlNetDl.Onnx;

/// <summary>A model uses something this importer does not implement (an op, an op version, an attribute value,
/// a data type or external weights). Thrown at load time where it can be known then, otherwise at run time;
/// the message names the op and the node.</summary>
public sealed class OnnxUnsupportedException(string message) : NotSupportedException(message)
{
}
