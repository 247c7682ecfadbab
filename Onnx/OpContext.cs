using MlNetDl.Onnx.Proto;

namespace MlNetDl.Onnx;

/// <summary>What a handler may know about the node it runs: the op version in force (the model's opset for the
/// default domain), the node's identity for messages, and the load limits.</summary>
public sealed class OpContext
{
    internal OpContext(NodeProto node, int index, int opset, OnnxLoadOptions options)
    {
        OpType = node.OpType;
        NodeName = node.Name;
        NodeIndex = index;
        Opset = opset;
        OutputCount = node.Output.Count;
        Options = options;
    }

    public string OpType { get; }

    public string NodeName { get; }

    public int NodeIndex { get; }

    /// <summary>Opset version of the default domain the model imports; handlers switch semantics on it.</summary>
    public int Opset { get; }

    /// <summary>Number of outputs the node declares (optional outputs may be fewer).</summary>
    public int OutputCount { get; }

    public OnnxLoadOptions Options { get; }

    /// <summary>"Conv (node 'conv1', #3)": how messages name a node.</summary>
    public string Where => Describe(OpType, NodeName, NodeIndex);

    internal static string Describe(string op, string name, int index) =>
        $"{op} (node {(string.IsNullOrEmpty(name) ? "<unnamed>" : $"'{name}'")}, #{index})";

    /// <summary>An exception for an unsupported case of this node.</summary>
    public OnnxUnsupportedException Unsupported(string what) => new($"{Where}: {what} is not supported.");

    /// <summary>An exception for a node whose attributes or inputs are invalid.</summary>
    public InvalidDataException Invalid(string what) => new($"{Where}: {what}.");
}
