using MlNetDl.Tensors.Nn;
using static MlNetDl.Onnx.Export.OnnxAttribute;

namespace MlNetDl.Onnx.Export;

internal static partial class ModuleExporters
{
    private static void RegisterShapes()
    {
        // Inference identities add no node: the next layer reads the same value.
        Register<Identity>((ctx, m, x) => x);
        Register<Dropout>((ctx, m, x) => x);
        Register<Dropout2d>((ctx, m, x) => x);
        Register<Flatten>(Flatten);
        Register<Unflatten>((ctx, m, x) => Reshape(ctx, x, UnflattenShape(ctx, m, x)));
    }

    /// <summary>Flatten(1, −1) is ONNX Flatten(axis=1) (the form OpenCV reads right with a dynamic batch); other
    /// ranges become a Reshape to the flattened shape.</summary>
    private static string Flatten(OnnxExportContext ctx, Flatten m, string x)
    {
        var shape = ctx.ShapeOf(x);
        int rank = Math.Max(shape.Length, 1);
        int start = m.StartDim < 0 ? m.StartDim + rank : m.StartDim, end = m.EndDim < 0 ? m.EndDim + rank : m.EndDim;
        if (start == 1 && end == shape.Length - 1)
        {
            return ctx.Graph.AddNode("Flatten", [x], Int("axis", 1));
        }

        if (start > end || start < 0 || end >= rank)
        {
            return x; // a scalar or an empty range: Flatten returns its input unchanged
        }

        var dims = new List<int>(shape[..start]) { shape[start..(end + 1)].Aggregate(1, (p, d) => p * d) };
        dims.AddRange(shape[(end + 1)..]);
        return Reshape(ctx, x, [.. dims]);
    }

    private static int[] UnflattenShape(OnnxExportContext ctx, Unflatten m, string x)
    {
        var shape = ctx.ShapeOf(x);
        int d = m.Dim < 0 ? m.Dim + shape.Length : m.Dim;
        int known = m.Sizes.Where(s => s != -1).Aggregate(1, (p, s) => p * s);
        var dims = new List<int>(shape[..d]);
        dims.AddRange(m.Sizes.Select(s => s == -1 ? shape[d] / Math.Max(known, 1) : s));
        dims.AddRange(shape[(d + 1)..]);
        return [.. dims];
    }

    /// <summary>Reshape to <paramref name="target"/> (a shape for the sample batch) with a constant shape input. With a
    /// dynamic batch, dimension 0 must be the batch untouched: it is written as −1 (inferred), or as 0 (copied) when
    /// another dim is 0.</summary>
    private static string Reshape(OnnxExportContext ctx, string x, int[] target)
    {
        var shape = ctx.ShapeOf(x);
        var dims = target.Select(d => (long)d).ToArray();
        if (ctx.DynamicBatch)
        {
            if (target.Length == 0 || shape.Length == 0 || target[0] != shape[0]
                || target.Skip(1).Aggregate(1L, (p, d) => p * d) != shape.Skip(1).Aggregate(1L, (p, d) => p * d))
            {
                throw ctx.Unsupported($"reshaping [{string.Join(", ", shape)}] to [{string.Join(", ", target)}] involves dimension 0, which is the dynamic batch (export with BatchDimName = null for a fixed batch)");
            }

            dims[0] = target.Skip(1).Contains(0) ? 0 : -1;
        }

        return ctx.Graph.AddNode("Reshape", [x, ctx.Constant("shape", dims)]);
    }
}
