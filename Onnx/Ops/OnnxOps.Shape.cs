using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

internal static partial class OnnxOps
{
    public static Tensor Identity(Tensor input) => input;

    /// <summary>[∏ dims[..axis], ∏ dims[axis..]]; axis in [−rank, rank].</summary>
    public static Tensor Flatten(OpContext ctx, Tensor input, int axis = 1)
    {
        int a = axis < 0 ? axis + input.Rank : axis;
        if (a < 0 || a > input.Rank)
        {
            throw ctx.Invalid($"axis {axis} is out of range for input {input.Shape}");
        }

        int outer = input.Shape.Take(a).Aggregate(1, (p, d) => p * d);
        return input.Reshape(outer, input.Numel / Math.Max(outer, 1));
    }

    /// <summary>Target shape from the second input (from opset 5) or the <c>shape</c> attribute (before 5): 0 copies
    /// the input's dim (unless allowzero), −1 is inferred.</summary>
    public static Tensor Reshape(OpContext ctx, Tensor data, Tensor? shapeInput = null, long[]? shape = null, int allowzero = 0)
    {
        var target = shapeInput is not null ? Longs(shapeInput) : shape ?? throw ctx.Invalid("no target shape (input or attribute)");
        var dims = new int[target.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = target[i] == 0 && allowzero == 0 ? data.Size(i) : checked((int)target[i]);
        }

        return data.Reshape(dims);
    }

    public static Tensor Concat(OpContext ctx, Tensor[] inputs, int axis = 1) =>
        Tensor.Cat(inputs, Axis(axis, inputs[0].Rank, ctx));

    /// <summary>Permutes the dims (reversed when <c>perm</c> is absent).</summary>
    public static Tensor Transpose(Tensor data, int[]? perm = null) =>
        data.Permute(perm is { Length: > 0 } ? perm : [.. Enumerable.Range(0, data.Rank).Reverse()]);

    /// <summary>Axes are an attribute before opset 13 and an input from 13; none removes every size-1 dim.</summary>
    public static Tensor Squeeze(OpContext ctx, Tensor data, Tensor? axesInput = null, long[]? axes = null)
    {
        var list = axesInput is not null ? Longs(axesInput) : axes;
        if (list is not { Length: > 0 })
        {
            return data.Reshape([.. data.Shape.Where(d => d != 1)]);
        }

        var drop = list.Select(a => Axis(a, data.Rank, ctx)).ToHashSet();
        foreach (var d in drop.Where(d => data.Size(d) != 1))
        {
            throw ctx.Invalid($"cannot squeeze axis {d} of size {data.Size(d)} (input {data.Shape})");
        }

        return data.Reshape([.. Enumerable.Range(0, data.Rank).Where(d => !drop.Contains(d)).Select(d => data.Size(d))]);
    }

    /// <summary>Axes (of the output) are an attribute before opset 13 and an input from 13.</summary>
    public static Tensor Unsqueeze(OpContext ctx, Tensor data, Tensor? axesInput = null, long[]? axes = null)
    {
        var list = (axesInput is not null ? Longs(axesInput) : axes) ?? throw ctx.Invalid("no axes");
        int rank = data.Rank + list.Length;
        var insert = list.Select(a => Axis(a, rank, ctx)).ToHashSet();
        var dims = new int[rank];
        for (int i = 0, src = 0; i < rank; i++)
        {
            dims[i] = insert.Contains(i) ? 1 : data.Size(src++);
        }

        return data.Reshape(dims);
    }

    /// <summary>out = data indexed along <c>axis</c> by <c>indices</c> (negative indices count from the end):
    /// shape data[..axis] + indices + data[axis+1..].</summary>
    public static Tensor Gather(OpContext ctx, Tensor data, Tensor indices, int axis = 0)
    {
        int a = Axis(axis, data.Rank, ctx), n = data.Size(a);
        var idx = Longs(indices).Select(i => i < 0 ? i + n : i).ToArray();
        var picked = data.IndexSelect(a, Tensor.FromArray(idx));
        var dims = data.Shape.Take(a).Concat(indices.Shape).Concat(data.Shape.Skip(a + 1)).ToArray();
        return picked.Reshape(dims);
    }

    public static Tensor Shape(Tensor data, int start = 0, int? end = null)
    {
        int r = data.Rank, s = Math.Clamp(start < 0 ? start + r : start, 0, r);
        int e = Math.Clamp(end is int v ? (v < 0 ? v + r : v) : r, 0, r);
        return Tensor.From<long>(data.Shape.Skip(s).Take(Math.Max(0, e - s)).Select(d => (long)d).ToArray(), new Tensors.Shape(Math.Max(0, e - s)));
    }

    public static Tensor Size(Tensor data) => Tensor.From<long>(new long[] { data.Numel }, new Tensors.Shape());

    public static Tensor Constant(OpContext ctx, TensorProto? value = null, float? value_float = null, float[]? value_floats = null,
        long? value_int = null, long[]? value_ints = null)
    {
        if (value is not null)
        {
            return OnnxTensors.ToTensor(value, ctx.Options.MaxTensorElements);
        }

        return value_float is float f ? Tensor.Scalar(f)
            : value_floats is not null ? Tensor.FromArray(value_floats)
            : value_int is long i ? Tensor.From<long>(new[] { i }, new Tensors.Shape())
            : value_ints is not null ? Tensor.FromArray(value_ints)
            : throw ctx.Unsupported("a Constant without a tensor, float(s) or int(s) value");
    }

    /// <summary>A tensor of the given shape filled with <c>value</c>'s single element (float 0 by default).</summary>
    public static Tensor ConstantOfShape(OpContext ctx, Tensor input, TensorProto? value = null)
    {
        var dims = OnnxTensors.CheckedDims(Longs(input), ctx.Options.MaxTensorElements, ctx.Where);
        if (value is null)
        {
            return Tensor.Zeros(new Tensors.Shape(dims));
        }

        using var fill = OnnxTensors.ToTensor(value);
        return fill.DType switch
        {
            DType.Float32 => Tensor.Full(new Tensors.Shape(dims), fill.AsReadOnlySpan<float>()[0]),
            DType.Int64 => Filled(fill.AsReadOnlySpan<long>()[0], dims),
            DType.Int32 => Filled(fill.AsReadOnlySpan<int>()[0], dims),
            _ => Filled(fill.AsReadOnlySpan<bool>()[0], dims),
        };
    }

    private static Tensor Filled<T>(T value, int[] dims)
    {
        var shape = new Tensors.Shape(dims);
        var data = new T[shape.Numel];
        Array.Fill(data, value);
        return Tensor.From<T>(data, shape);
    }

    /// <summary>Casts to FLOAT/DOUBLE (both float32 here), INT64, INT32 (and narrower ints) or BOOL.</summary>
    public static Tensor Cast(OpContext ctx, Tensor input, int to) =>
        OnnxTensors.ToDType(to) is DType dtype ? input.To(dtype) : throw ctx.Unsupported($"Cast to {(TensorProto.Types.DataType)to}");

    /// <summary>Slices with step 1: starts/ends/axes are attributes before opset 10 and inputs from 10; bounds are
    /// clamped to the dims as in numpy.</summary>
    public static Tensor Slice(OpContext ctx, Tensor data, Tensor? startsInput = null, Tensor? endsInput = null, Tensor? axesInput = null,
        Tensor? stepsInput = null, long[]? starts = null, long[]? ends = null, long[]? axes = null)
    {
        var s = startsInput is not null ? Longs(startsInput) : starts ?? throw ctx.Invalid("no starts");
        var e = endsInput is not null ? Longs(endsInput) : ends ?? throw ctx.Invalid("no ends");
        var ax = axesInput is not null ? Longs(axesInput) : axes ?? [.. Enumerable.Range(0, s.Length).Select(i => (long)i)];
        if (stepsInput is not null && Longs(stepsInput).Any(st => st != 1))
        {
            throw ctx.Unsupported("Slice with steps other than 1");
        }

        var y = data;
        for (int i = 0; i < s.Length; i++)
        {
            int a = Axis(ax[i], data.Rank, ctx), n = data.Size(a);
            long lo = Math.Clamp(s[i] < 0 ? s[i] + n : s[i], 0, n), hi = Math.Clamp(e[i] < 0 ? e[i] + n : e[i], 0, n);
            y = y.Narrow(a, (int)lo, (int)Math.Max(0, hi - lo));
        }

        return y;
    }

    /// <summary>Splits along <c>axis</c> into the given sizes (attribute before opset 13, input from 13) or equal parts.</summary>
    public static Tensor[] Split(OpContext ctx, Tensor input, Tensor? splitInput = null, int axis = 0, long[]? split = null, int? num_outputs = null)
    {
        int a = Axis(axis, input.Rank, ctx), n = input.Size(a), parts = num_outputs ?? ctx.OutputCount;
        var sizes = splitInput is not null ? Longs(splitInput) : split is { Length: > 0 } ? split
            : Enumerable.Range(0, parts).Select(i => (long)Math.Min((n + parts - 1) / parts, Math.Max(0, n - i * ((n + parts - 1) / parts)))).ToArray();
        if (sizes.Sum() != n)
        {
            throw ctx.Invalid($"split sizes [{string.Join(", ", sizes)}] do not add up to {n} (input {input.Shape}, axis {a})");
        }

        var outputs = new Tensor[sizes.Length];
        for (int i = 0, start = 0; i < sizes.Length; start += (int)sizes[i], i++)
        {
            outputs[i] = input.Narrow(a, start, (int)sizes[i]);
        }

        return outputs;
    }

    /// <summary>Repeats the input <c>repeats[d]</c> times along each dim d (viewed as [r0, d0, r1, d1, …] and expanded).</summary>
    public static Tensor Tile(OpContext ctx, Tensor input, Tensor repeats)
    {
        var r = Ints(Longs(repeats));
        if (r.Length != input.Rank)
        {
            throw ctx.Invalid($"repeats has {r.Length} values for input {input.Shape}");
        }

        var interleaved = input.Shape.SelectMany(d => new[] { 1, d }).ToArray();
        var expanded = input.Shape.Select((d, i) => new[] { r[i], d }).SelectMany(p => p).ToArray();
        return input.Reshape(interleaved).Expand(expanded).Reshape([.. input.Shape.Select((d, i) => d * r[i])]);
    }
}
