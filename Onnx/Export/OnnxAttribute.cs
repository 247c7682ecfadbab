using System.Text;
using Google.Protobuf;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;
using AttributeType = MlNetDl.Onnx.Proto.AttributeProto.Types.AttributeType;

namespace MlNetDl.Onnx.Export;

/// <summary>Factories for node attributes with their ONNX <c>type</c> set (the checker requires it):
/// <c>OnnxAttribute.Int("axis", 1)</c>, <c>OnnxAttribute.Ints("pads", 1, 1, 1, 1)</c>.</summary>
public static class OnnxAttribute
{
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Ints(string name, params int[] values) => Ints(name, values.Select(v => (long)v).ToArray());

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };

    public static AttributeProto Floats(string name, params float[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Floats };
        a.Floats.AddRange(values);
        return a;
    }

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeType.String, S = ByteString.CopyFrom(value, Encoding.UTF8) };

    public static AttributeProto FromTensor(string name, Tensor value) =>
        new() { Name = name, Type = AttributeType.Tensor, T = OnnxTensors.FromTensor(value, name) };
}
