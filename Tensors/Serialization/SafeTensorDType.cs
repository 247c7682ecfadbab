namespace MlNetDl.Tensors.Serialization;

/// <summary>Element types of the safetensors format (names as written in the header: F32, BF16, BOOL, ...).</summary>
public enum SafeTensorDType { F32, F64, F16, BF16, I64, I32, I16, I8, U8, Bool }

/// <summary>Sizes, header names and write order of <see cref="SafeTensorDType"/>.</summary>
public static class SafeTensorDTypes
{
    /// <summary>Size of one element in bytes.</summary>
    public static int SizeOf(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 or SafeTensorDType.I64 => 8,
        SafeTensorDType.F32 or SafeTensorDType.I32 => 4,
        SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.I16 => 2,
        SafeTensorDType.I8 or SafeTensorDType.U8 or SafeTensorDType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>The dtype string used in the JSON header ("F32", "BOOL", ...).</summary>
    public static string HeaderName(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.Bool => "BOOL",
        _ when Enum.IsDefined(dtype) => dtype.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };

    /// <summary>Parses a header dtype string; false for dtypes this library does not support (U16, F8_E4M3, ...).</summary>
    public static bool TryParseHeaderName(string name, out SafeTensorDType dtype)
    {
        foreach (var candidate in Enum.GetValues<SafeTensorDType>())
        {
            if (HeaderName(candidate) == name)
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }

    /// <summary>All supported header names, for error messages.</summary>
    internal static string SupportedNames =>
        string.Join(", ", Enum.GetValues<SafeTensorDType>().Select(HeaderName));

    /// <summary>
    /// Rank in the reference implementation's dtype enum (BOOL &lt; U8 &lt; I8 &lt; I16 &lt; F16 &lt; BF16 &lt; I32 &lt; F32 &lt; F64 &lt; I64).
    /// Writers sort tensors by descending rank then name, so every tensor's data stays aligned to its element
    /// size and our files are byte-identical to those of the Python library.
    /// </summary>
    internal static int WriteRank(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.Bool => 0,
        SafeTensorDType.U8 => 1,
        SafeTensorDType.I8 => 2,
        SafeTensorDType.I16 => 3,
        SafeTensorDType.F16 => 4,
        SafeTensorDType.BF16 => 5,
        SafeTensorDType.I32 => 6,
        SafeTensorDType.F32 => 7,
        SafeTensorDType.F64 => 8,
        SafeTensorDType.I64 => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown safetensors dtype."),
    };
}
