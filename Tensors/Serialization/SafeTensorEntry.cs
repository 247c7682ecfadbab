using System.Runtime.InteropServices;

namespace MlNetDl.Tensors.Serialization;

/// <summary>
/// One named tensor of a safetensors file: dtype, shape (C order; <c>[]</c> is a scalar) and the raw
/// little-endian bytes. <see cref="Data"/> must hold exactly product(<see cref="Shape"/>) × size(dtype) bytes;
/// that is checked when the entry is written.
/// </summary>
public sealed record SafeTensorEntry(string Name, SafeTensorDType DType, long[] Shape, ReadOnlyMemory<byte> Data)
{
    /// <summary>Number of elements, product(Shape); 1 for a scalar.</summary>
    /// <exception cref="OverflowException">The product does not fit in a long.</exception>
    public long ElementCount => ElementCountOf(Shape);

    public static SafeTensorEntry FromFloats(string name, long[] shape, ReadOnlySpan<float> data) =>
        From(name, SafeTensorDType.F32, shape, data);

    public static SafeTensorEntry FromDoubles(string name, long[] shape, ReadOnlySpan<double> data) =>
        From(name, SafeTensorDType.F64, shape, data);

    public static SafeTensorEntry FromInt32s(string name, long[] shape, ReadOnlySpan<int> data) =>
        From(name, SafeTensorDType.I32, shape, data);

    public static SafeTensorEntry FromInt64s(string name, long[] shape, ReadOnlySpan<long> data) =>
        From(name, SafeTensorDType.I64, shape, data);

    /// <summary>Copies the data out as floats.</summary>
    /// <exception cref="InvalidOperationException">The dtype is not F32.</exception>
    public float[] ToFloats() => To<float>(SafeTensorDType.F32);

    /// <exception cref="InvalidOperationException">The dtype is not F64.</exception>
    public double[] ToDoubles() => To<double>(SafeTensorDType.F64);

    /// <exception cref="InvalidOperationException">The dtype is not I32.</exception>
    public int[] ToInt32s() => To<int>(SafeTensorDType.I32);

    /// <exception cref="InvalidOperationException">The dtype is not I64.</exception>
    public long[] ToInt64s() => To<long>(SafeTensorDType.I64);

    public override string ToString() =>
        $"{Name}: {SafeTensorDTypes.HeaderName(DType)} [{string.Join(", ", Shape)}] ({Data.Length} bytes)";

    private static SafeTensorEntry From<T>(string name, SafeTensorDType dtype, long[] shape, ReadOnlySpan<T> data)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        long count = ElementCountOf(shape);
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Tensor '{name}' has shape [{string.Join(", ", shape)}] ({count} elements) but {data.Length} values were given.",
                nameof(data));
        }
        // Copy the shape too: the record is meant to be immutable and the caller still owns its array.
        var bytes = MemoryMarshal.AsBytes(data).ToArray();
        Endian.ToLittleEndianInPlace(bytes, SafeTensorDTypes.SizeOf(dtype));
        return new SafeTensorEntry(name, dtype, (long[])shape.Clone(), bytes);
    }

    private T[] To<T>(SafeTensorDType expected) where T : unmanaged
    {
        if (DType != expected)
        {
            throw new InvalidOperationException(
                $"Tensor '{Name}' has dtype {SafeTensorDTypes.HeaderName(DType)}; it cannot be read as " +
                $"{typeof(T).Name} ({SafeTensorDTypes.HeaderName(expected)}).");
        }
        int size = SafeTensorDTypes.SizeOf(expected);
        if (Data.Length % size != 0 || Data.Length / size != ElementCount)
        {
            throw new InvalidOperationException(
                $"Tensor '{Name}' has shape [{string.Join(", ", Shape)}] but {Data.Length} bytes of data; " +
                $"expected {ElementCount} × {size}.");
        }
        var result = new T[Data.Length / size];
        var resultBytes = MemoryMarshal.AsBytes(result.AsSpan());
        Data.Span.CopyTo(resultBytes);
        Endian.ToLittleEndianInPlace(resultBytes, size);
        return result;
    }

    internal static long ElementCountOf(long[] shape)
    {
        long count = 1;
        foreach (long dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Shape [{string.Join(", ", shape)}] has a negative dimension.", nameof(shape));
            }
            count = checked(count * dim);
        }
        return count;
    }
}

/// <summary>Byte order: safetensors data is little-endian; swap only on big-endian hosts.</summary>
internal static class Endian
{
    /// <summary>Converts between host order and little-endian (the same swap both ways).</summary>
    public static void ToLittleEndianInPlace(Span<byte> bytes, int elementSize)
    {
        if (BitConverter.IsLittleEndian || elementSize == 1)
        {
            return;
        }
        for (int i = 0; i + elementSize <= bytes.Length; i += elementSize)
        {
            bytes.Slice(i, elementSize).Reverse();
        }
    }
}
