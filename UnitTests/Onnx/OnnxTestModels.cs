using Google.Protobuf;
using MlNetDl.Onnx;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>Small hand-built models for the importer's own tests.</summary>
internal static class OnnxTestModels
{
    public static ValueInfoProto Value(string name, int elemType, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elemType, Shape = shape } } };
    }

    public static NodeProto Node(string op, string name, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    /// <summary>x [2, 3] float → Relu → y, plus the given extra nodes/initializers.</summary>
    public static ModelProto Relu(int opset = 13)
    {
        var graph = new GraphProto { Name = "g" };
        graph.Input.Add(Value("x", 1, 2, 3));
        graph.Output.Add(Value("y", 1, 2, 3));
        graph.Node.Add(Node("Relu", "relu0", ["x"], ["y"]));
        return Model(graph, opset);
    }

    public static ModelProto Model(GraphProto graph, int opset = 13)
    {
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }

    public static OnnxModel Load(ModelProto model) => OnnxModel.Load(new MemoryStream(model.ToByteArray()), sourceName: "test.onnx");

    public static Tensor Input(params float[] values) => Tensor.FromArray(values, 2, 3);
}
