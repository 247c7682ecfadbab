using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

internal static partial class OnnxOps
{
    /// <summary>Nearest-neighbour resize (opset 11+) on any axes: output size from <c>sizes</c>, else
    /// ⌊in·scale⌋; each output index maps to a source coordinate by <c>coordinate_transformation_mode</c>
    /// (asymmetric: x/scale; half_pixel: (x + ½)/scale − ½; pytorch_half_pixel; align_corners) rounded by
    /// <c>nearest_mode</c> and clamped to the input. Linear and cubic modes are not supported.</summary>
    public static Tensor Resize(OpContext ctx, Tensor X, Tensor? roi = null, Tensor? scales = null, Tensor? sizes = null,
        string coordinate_transformation_mode = "half_pixel", float cubic_coeff_a = -0.75f, int exclude_outside = 0,
        float extrapolation_value = 0f, string mode = "nearest", string nearest_mode = "round_prefer_floor", int antialias = 0,
        long[]? axes = null, string keep_aspect_ratio_policy = "stretch")
    {
        if (ctx.Opset < 11)
        {
            throw ctx.Unsupported($"Resize-{ctx.Opset} (opset below 11)");
        }

        if (mode != "nearest" || antialias != 0 || axes is { Length: > 0 } || keep_aspect_ratio_policy != "stretch")
        {
            throw ctx.Unsupported(mode != "nearest" ? $"mode '{mode}'" : "antialias, axes or keep_aspect_ratio_policy");
        }

        var size = sizes is { Numel: > 0 } ? Longs(sizes) : null;
        var scale = size is null && scales is { Numel: > 0 } ? scales.To(DType.Float32).ToFloatArray() : null;
        if ((size?.Length ?? scale?.Length) != X.Rank)
        {
            throw ctx.Invalid($"Resize needs {X.Rank} scales or sizes (one per axis of input {X.Shape})");
        }

        var y = X;
        for (int axis = 0; axis < X.Rank; axis++)
        {
            int input = X.Size(axis);
            int output = size is not null ? checked((int)size[axis]) : (int)Math.Floor(input * (double)scale![axis]);
            double s = size is not null ? output / (double)input : scale![axis];
            if (output == input && s == 1)
            {
                continue;
            }

            var index = new long[output];
            for (int i = 0; i < output; i++)
            {
                double x = SourceCoordinate(ctx, coordinate_transformation_mode, i, s, input, output);
                double r = nearest_mode switch
                {
                    "floor" => Math.Floor(x),
                    "ceil" => Math.Ceiling(x),
                    "round_prefer_floor" => x - Math.Floor(x) == 0.5 ? Math.Floor(x) : Math.Round(x),
                    "round_prefer_ceil" => x - Math.Floor(x) == 0.5 ? Math.Ceiling(x) : Math.Round(x),
                    _ => throw ctx.Invalid($"nearest_mode '{nearest_mode}' is not one of floor, ceil, round_prefer_floor, round_prefer_ceil"),
                };
                index[i] = (long)Math.Clamp(r, 0, input - 1);
            }

            y = y.IndexSelect(axis, Tensor.FromArray(index));
        }

        return y;
    }

    private static double SourceCoordinate(OpContext ctx, string mode, int x, double scale, int input, int output) => mode switch
    {
        "asymmetric" => x / scale,
        "half_pixel" => (x + 0.5) / scale - 0.5,
        "pytorch_half_pixel" => output > 1 ? (x + 0.5) / scale - 0.5 : 0,
        "align_corners" => output == 1 ? 0 : x * (input - 1) / (double)(output - 1),
        _ => throw ctx.Unsupported($"coordinate_transformation_mode '{mode}'"),
    };
}
