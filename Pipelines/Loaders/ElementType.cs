namespace MlNetDl.Pipelines.Loaders;

/// <summary>Element type of an array read from a dataset file (IDX, NPY); maps 1:1 to a .NET array type.</summary>
public enum ElementType
{
    /// <summary><see cref="byte"/> (IDX 0x08, NPY <c>|u1</c>).</summary>
    UInt8,
    /// <summary><see cref="sbyte"/> (IDX 0x09, NPY <c>|i1</c>).</summary>
    Int8,
    /// <summary><see cref="short"/> (IDX 0x0B, NPY <c>i2</c>).</summary>
    Int16,
    /// <summary><see cref="int"/> (IDX 0x0C, NPY <c>i4</c>).</summary>
    Int32,
    /// <summary><see cref="long"/> (NPY <c>i8</c>).</summary>
    Int64,
    /// <summary><see cref="float"/> (IDX 0x0D, NPY <c>f4</c>).</summary>
    Float32,
    /// <summary><see cref="double"/> (IDX 0x0E, NPY <c>f8</c>).</summary>
    Float64,
    /// <summary><see cref="bool"/> stored as one byte 0/1 (NPY <c>|b1</c>).</summary>
    Bool,
}

/// <summary>Sizes, array allocation and conversion shared by the binary readers.</summary>
public static class ElementTypes
{
    /// <summary>Bytes per element on disk and in memory.</summary>
    public static int SizeOf(this ElementType type) => type switch
    {
        ElementType.UInt8 or ElementType.Int8 or ElementType.Bool => 1,
        ElementType.Int16 => 2,
        ElementType.Int32 or ElementType.Float32 => 4,
        ElementType.Int64 or ElementType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown element type"),
    };

    /// <summary>The .NET element type of arrays holding <paramref name="type"/>.</summary>
    public static Type ClrType(this ElementType type) => type switch
    {
        ElementType.UInt8 => typeof(byte),
        ElementType.Int8 => typeof(sbyte),
        ElementType.Int16 => typeof(short),
        ElementType.Int32 => typeof(int),
        ElementType.Int64 => typeof(long),
        ElementType.Float32 => typeof(float),
        ElementType.Float64 => typeof(double),
        ElementType.Bool => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown element type"),
    };

    /// <summary>The element type of a supported array (byte[], sbyte[], short[], int[], long[], float[], double[], bool[]).</summary>
    /// <exception cref="ArgumentException">Any other array type.</exception>
    public static ElementType Of(Array data)
    {
        // By exact element type: the CLR lets sbyte[] pass an "is byte[]" test (and vice versa).
        var t = data.GetType().GetElementType();
        return data.Rank != 1 ? Unsupported(data)
            : t == typeof(byte) ? ElementType.UInt8
            : t == typeof(sbyte) ? ElementType.Int8
            : t == typeof(short) ? ElementType.Int16
            : t == typeof(int) ? ElementType.Int32
            : t == typeof(long) ? ElementType.Int64
            : t == typeof(float) ? ElementType.Float32
            : t == typeof(double) ? ElementType.Float64
            : t == typeof(bool) ? ElementType.Bool
            : Unsupported(data);
    }

    private static ElementType Unsupported(Array data) => throw new ArgumentException(
        $"Unsupported array type {data.GetType().Name}; expected byte[], sbyte[], short[], int[], long[], float[], double[] or bool[].", nameof(data));

    internal static Array Allocate(ElementType type, long count) => Array.CreateInstance(type.ClrType(), count);

    /// <summary>Converts any supported array to a new float[] (values as by a C# cast; bool → 0/1).</summary>
    public static float[] ToFloat32(Array data)
    {
        var result = new float[data.Length];
        var dst = result.AsSpan();
        switch (Of(data))
        {
            case ElementType.UInt8: { var a = (byte[])data; for (int i = 0; i < a.Length; i++) { dst[i] = a[i]; } break; }
            case ElementType.Int8: { var a = (sbyte[])data; for (int i = 0; i < a.Length; i++) { dst[i] = a[i]; } break; }
            case ElementType.Int16: { var a = (short[])data; for (int i = 0; i < a.Length; i++) { dst[i] = a[i]; } break; }
            case ElementType.Int32: { var a = (int[])data; for (int i = 0; i < a.Length; i++) { dst[i] = a[i]; } break; }
            case ElementType.Int64: { var a = (long[])data; for (int i = 0; i < a.Length; i++) { dst[i] = a[i]; } break; }
            case ElementType.Float32: ((float[])data).CopyTo(dst); break;
            case ElementType.Float64: System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, float>((double[])data, dst); break;
            case ElementType.Bool: { var a = (bool[])data; for (int i = 0; i < a.Length; i++) { dst[i] = a[i] ? 1f : 0f; } break; }
        }

        return result;
    }

    /// <summary>Product of the dimensions, or -1 when it exceeds <paramref name="limit"/> (checked before allocating).</summary>
    internal static long CheckedProduct(ReadOnlySpan<int> shape, long limit)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                return -1;
            }

            if (d != 0 && n > limit / d)
            {
                return -1;
            }

            n *= d;
        }

        return n <= limit ? n : -1;
    }

    internal static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
