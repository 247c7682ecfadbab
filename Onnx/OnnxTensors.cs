using System.Runtime.InteropServices;
using Google.Protobuf;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;
using DataType = MlNetDl.Onnx.Proto.TensorProto.Types.DataType;

namespace MlNetDl.Onnx;

/// <summary>Conversions between ONNX <see cref="TensorProto"/> and engine tensors. FLOAT maps to float32, INT64 to
/// int64, INT32/INT16/INT8/UINT8/UINT16 to int32, BOOL to bool, DOUBLE to float32 (rounded: the engine computes in
/// float32). Other element types, external data and segments are refused.</summary>
public static class OnnxTensors
{
    /// <summary>The tensor's dims, checked: non-negative, and at most <paramref name="maxElements"/> elements.</summary>
    /// <exception cref="InvalidDataException">A negative dim or too many elements.</exception>
    public static int[] CheckedDims(IReadOnlyList<long> dims, long maxElements, string what)
    {
        var result = new int[dims.Count];
        long n = 1;
        for (int i = 0; i < dims.Count; i++)
        {
            long d = dims[i];
            if (d < 0 || d > int.MaxValue)
            {
                throw new InvalidDataException($"{what}: dimension {i} is {d}; dims must be in [0, {int.MaxValue}] (dims [{string.Join(", ", dims)}]).");
            }

            n = d == 0 ? 0 : n;
            if (n != 0 && d > maxElements / n)
            {
                throw new InvalidDataException($"{what}: dims [{string.Join(", ", dims)}] hold more than the limit of {maxElements} elements.");
            }

            n *= d;
            result[i] = (int)d;
        }

        return result;
    }

    /// <summary>Converts a tensor proto to an engine tensor (one copy of the data at most).</summary>
    /// <exception cref="OnnxUnsupportedException">External data, a segment or an unsupported element type.</exception>
    /// <exception cref="InvalidDataException">Absurd dims, or data whose length does not match the dims.</exception>
    public static Tensor ToTensor(TensorProto proto, long maxElements = 1L << 29)
    {
        string what = $"tensor '{proto.Name}'";
        if (proto.DataLocation == TensorProto.Types.DataLocation.External || proto.ExternalData.Count > 0)
        {
            string location = proto.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value ?? "?";
            throw new OnnxUnsupportedException($"{what} stores its data in an external file ('{location}'); external data is not supported: save the model with its weights inside.");
        }

        if (proto.Segment is not null)
        {
            throw new OnnxUnsupportedException($"{what} is a segment of a larger tensor; segmented tensors are not supported.");
        }

        var dims = CheckedDims(proto.Dims, maxElements, what);
        var shape = new Shape(dims);
        int n = shape.Numel;
        var type = (DataType)proto.DataType;
        bool raw = proto.HasRawData;
        switch (type)
        {
            case DataType.Float:
                if (raw)
                {
                    var data = new float[CheckLength(proto.RawData.Length, n, 4, what)];
                    proto.RawData.Span.CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
                    return Tensor.Wrap(data, dims);
                }

                return Tensor.Wrap(CopyExact(proto.FloatData, n, what), dims);
            case DataType.Double:
                return Tensor.Wrap(raw
                    ? ToFloat(MemoryMarshal.Cast<byte, double>(proto.RawData.Span), n, what)
                    : ToFloat(ExactSpan(proto.DoubleData, n, what), n, what), dims);
            case DataType.Int64:
                return Tensor.From<long>(raw ? MemoryMarshal.Cast<byte, long>(Exact(proto.RawData.Span, n, 8, what)) : ExactSpan(proto.Int64Data, n, what), shape);
            case DataType.Int32:
                return Tensor.From<int>(raw ? MemoryMarshal.Cast<byte, int>(Exact(proto.RawData.Span, n, 4, what)) : ExactSpan(proto.Int32Data, n, what), shape);
            case DataType.Int8 or DataType.Uint8 or DataType.Int16 or DataType.Uint16 or DataType.Bool:
                return SmallInts(proto, type, shape, what);
            default:
                throw new OnnxUnsupportedException($"{what} has element type {type}; supported: FLOAT, DOUBLE, INT64, INT32, INT16, UINT16, INT8, UINT8, BOOL.");
        }
    }

    /// <summary>Converts an engine tensor to a tensor proto (float32 as FLOAT, int64 as INT64, int32 as INT32, bool as
    /// BOOL), data in <c>raw_data</c> (little-endian, as ONNX specifies).</summary>
    public static TensorProto FromTensor(Tensor tensor, string name = "")
    {
        var proto = new TensorProto { Name = name };
        foreach (var d in tensor.Shape)
        {
            proto.Dims.Add(d);
        }

        (proto.DataType, proto.RawData) = tensor.DType switch
        {
            DType.Float32 => ((int)DataType.Float, ByteString.CopyFrom(MemoryMarshal.AsBytes(tensor.AsReadOnlySpan<float>()))),
            DType.Int64 => ((int)DataType.Int64, ByteString.CopyFrom(MemoryMarshal.AsBytes(tensor.AsReadOnlySpan<long>()))),
            DType.Int32 => ((int)DataType.Int32, ByteString.CopyFrom(MemoryMarshal.AsBytes(tensor.AsReadOnlySpan<int>()))),
            DType.Bool => ((int)DataType.Bool, ByteString.CopyFrom(MemoryMarshal.AsBytes(tensor.AsReadOnlySpan<bool>()))),
            _ => throw new OnnxUnsupportedException($"FromTensor: dtype {tensor.DType} has no ONNX mapping here."),
        };
        return proto;
    }

    /// <summary>The engine dtype an ONNX element type loads as, or null when unsupported.</summary>
    public static DType? ToDType(int elemType) => (DataType)elemType switch
    {
        DataType.Float or DataType.Double => DType.Float32,
        DataType.Int64 => DType.Int64,
        DataType.Int32 or DataType.Int16 or DataType.Uint16 or DataType.Int8 or DataType.Uint8 => DType.Int32,
        DataType.Bool => DType.Bool,
        _ => null,
    };

    private static Tensor SmallInts(TensorProto proto, DataType type, Shape shape, string what)
    {
        int n = shape.Numel;
        var values = new int[n];
        if (proto.HasRawData)
        {
            int size = type is DataType.Int16 or DataType.Uint16 ? 2 : 1;
            var bytes = Exact(proto.RawData.Span, n, size, what);
            for (int i = 0; i < n; i++)
            {
                values[i] = type switch
                {
                    DataType.Int8 => (sbyte)bytes[i],
                    DataType.Int16 => BitConverter.ToInt16(bytes.Slice(2 * i, 2)),
                    DataType.Uint16 => BitConverter.ToUInt16(bytes.Slice(2 * i, 2)),
                    _ => bytes[i] != 0 && type == DataType.Bool ? 1 : bytes[i],
                };
            }
        }
        else
        {
            ExactSpan(proto.Int32Data, n, what).CopyTo(values); // ONNX stores these types widened in int32_data
        }

        if (type != DataType.Bool)
        {
            return Tensor.From<int>(values, shape);
        }

        var flags = new bool[n];
        for (int i = 0; i < n; i++)
        {
            flags[i] = values[i] != 0;
        }

        return Tensor.From<bool>(flags, shape);
    }

    private static int CheckLength(int bytes, int n, int size, string what) =>
        bytes == (long)n * size ? n : throw new InvalidDataException($"{what}: raw_data holds {bytes} bytes but the dims need {n} × {size}.");

    private static ReadOnlySpan<byte> Exact(ReadOnlySpan<byte> raw, int n, int size, string what) =>
        raw.Slice(0, CheckLength(raw.Length, n, size, what) * size);

    private static ReadOnlySpan<T> ExactSpan<T>(Google.Protobuf.Collections.RepeatedField<T> field, int n, string what)
    {
        if (field.Count != n)
        {
            throw new InvalidDataException($"{what}: holds {field.Count} values but its dims need {n}.");
        }

        return field.ToArray(); // RepeatedField has no span accessor; this copy is freed right after
    }

    private static float[] CopyExact(Google.Protobuf.Collections.RepeatedField<float> field, int n, string what)
    {
        if (field.Count != n)
        {
            throw new InvalidDataException($"{what}: holds {field.Count} values but its dims need {n}.");
        }

        var data = new float[n];
        field.CopyTo(data, 0);
        return data;
    }

    private static float[] ToFloat(ReadOnlySpan<double> src, int n, string what)
    {
        if (src.Length != n)
        {
            throw new InvalidDataException($"{what}: holds {src.Length} doubles but its dims need {n}.");
        }

        var data = new float[n];
        for (int i = 0; i < n; i++)
        {
            data[i] = (float)src[i];
        }

        return data;
    }
}
