using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Onnx;

internal static partial class OnnxOps
{
    /// <summary>1-D and 2-D convolution (1-D runs as a 1×k 2-D kernel); asymmetric pads are applied explicitly.</summary>
    public static Tensor Conv(OpContext ctx, Tensor X, Tensor W, Tensor? B = null, string auto_pad = "NOTSET", int[]? dilations = null,
        int group = 1, int[]? kernel_shape = null, int[]? pads = null, int[]? strides = null)
    {
        int spatial = X.Rank - 2;
        if (spatial is not (1 or 2))
        {
            throw ctx.Unsupported($"{spatial}-D convolution (input {X.Shape})");
        }

        var kernel = kernel_shape is { Length: > 0 } ? kernel_shape : W.Shape.ToArray()[2..];
        var g = Geometry.Of(ctx, X.Shape, kernel, auto_pad, pads, strides, dilations);
        if (spatial == 1)
        {
            X = X.Unsqueeze(2);
            W = W.Unsqueeze(2);
            g = g.As2d();
        }

        var padding = (g.Begin[0], g.Begin[1]);
        if (g.Begin[0] != g.End[0] || g.Begin[1] != g.End[1])
        {
            X = PadSpatial(X, g.Begin, g.End, 0f);
            padding = (0, 0);
        }

        var y = Functional.Conv2d(X, W, B, (g.Stride[0], g.Stride[1]), padding, (g.Dilation[0], g.Dilation[1]), group);
        return spatial == 1 ? y.Squeeze(2) : y;
    }

    /// <summary>2-D transposed convolution with symmetric pads; output_shape and auto_pad are not supported.</summary>
    public static Tensor ConvTranspose(OpContext ctx, Tensor X, Tensor W, Tensor? B = null, string auto_pad = "NOTSET",
        int[]? dilations = null, int group = 1, int[]? kernel_shape = null, int[]? output_padding = null, int[]? output_shape = null,
        int[]? pads = null, int[]? strides = null)
    {
        if (X.Rank != 4)
        {
            throw ctx.Unsupported($"{X.Rank - 2}-D transposed convolution (input {X.Shape})");
        }

        if (output_shape is { Length: > 0 } || auto_pad is not ("NOTSET" or ""))
        {
            throw ctx.Unsupported("ConvTranspose with output_shape or auto_pad");
        }

        var g = Geometry.Of(ctx, X.Shape, kernel_shape is { Length: > 0 } ? kernel_shape : W.Shape.ToArray()[2..], "NOTSET", pads, strides, dilations);
        if (g.Begin[0] != g.End[0] || g.Begin[1] != g.End[1])
        {
            throw ctx.Unsupported($"asymmetric pads [{string.Join(", ", pads!)}]");
        }

        var op = output_padding is { Length: 2 } ? (output_padding[0], output_padding[1]) : (0, 0);
        return Functional.ConvTranspose2d(X, W, B, (g.Stride[0], g.Stride[1]), (g.Begin[0], g.Begin[1]), op, group, (g.Dilation[0], g.Dilation[1]));
    }

    /// <summary>Inference-mode batch normalization with the given statistics (training_mode is not supported).</summary>
    public static Tensor BatchNormalization(OpContext ctx, Tensor X, Tensor scale, Tensor B, Tensor input_mean, Tensor input_var,
        float epsilon = 1e-5f, float momentum = 0.9f, int spatial = 1, int training_mode = 0)
    {
        if (spatial != 1 || training_mode != 0)
        {
            throw ctx.Unsupported(spatial != 1 ? "spatial=0" : "training_mode=1");
        }

        return Functional.BatchNorm(X, input_mean, input_var, scale, B, training: false, eps: epsilon);
    }

    /// <summary>y = (x − mean) / √(var + ε) · scale + B with mean and variance over the spatial dims of each (n, c).</summary>
    public static Tensor InstanceNormalization(Tensor input, Tensor scale, Tensor B, float epsilon = 1e-5f)
    {
        int[] dims = [.. Enumerable.Range(2, input.Rank - 2)];
        int[] channel = [scale.Numel, .. Enumerable.Repeat(1, input.Rank - 2)];
        var centered = input - input.Mean(dims, keepDim: true);
        var std = ((centered * centered).Mean(dims, keepDim: true) + epsilon).Sqrt();
        return centered / std * scale.Reshape(channel) + B.Reshape(channel);
    }

    /// <summary>Local response normalization across channels: y = x / (bias + α/size · Σ x²)^β over the window
    /// [c − ⌊(size−1)/2⌋, c + ⌈(size−1)/2⌉].</summary>
    public static Tensor LRN(Tensor X, int size, float alpha = 1e-4f, float beta = 0.75f, float bias = 1f)
    {
        int before = (size - 1) / 2, after = size - 1 - before, channels = X.Size(1);
        var b = new int[X.Rank];
        var e = new int[X.Rank];
        b[1] = before;
        e[1] = after;
        var padded = PadAll(X * X, b, e, "constant", 0f);
        var sum = padded.Narrow(1, 0, channels);
        for (int i = 1; i < size; i++)
        {
            sum = sum + padded.Narrow(1, i, channels);
        }

        return X / (sum * (alpha / size) + bias).Pow(beta);
    }

    /// <summary>Y = α·A'·B' + β·C (A' = Aᵀ with transA, B' = Bᵀ with transB; C broadcast).</summary>
    public static Tensor Gemm(Tensor A, Tensor B, Tensor? C = null, float alpha = 1f, float beta = 1f, int transA = 0, int transB = 0)
    {
        var y = (transA != 0 ? A.T : A).MatMul(transB != 0 ? B.T : B);
        if (alpha != 1f)
        {
            y = y * alpha;
        }

        return C is null || beta == 0f ? y : y + (beta == 1f ? C : C * beta);
    }

    /// <summary>numpy.matmul: batch dims of any rank broadcast (the broadcast side is expanded once).</summary>
    public static Tensor MatMul(Tensor A, Tensor B)
    {
        if (A.Rank <= 2 && B.Rank <= 3 || A.Rank == 3 && B.Rank <= 3 && (B.Rank < 3 || A.Size(0) == B.Size(0)))
        {
            return A.MatMul(B);
        }

        var a = A.Rank == 1 ? A.Unsqueeze(0) : A;
        var b = B.Rank == 1 ? B.Unsqueeze(1) : B;
        var batch = Tensors.Shape.Broadcast(new Tensors.Shape(a.Shape.ToArray()[..^2]), new Tensors.Shape(b.Shape.ToArray()[..^2]), "MatMul");
        int n = batch.Numel;
        var ae = a.Expand([.. batch, a.Size(-2), a.Size(-1)]).Reshape(n, a.Size(-2), a.Size(-1));
        var be = b.Expand([.. batch, b.Size(-2), b.Size(-1)]).Reshape(n, b.Size(-2), b.Size(-1));
        var y = ae.MatMul(be).Reshape([.. batch, a.Size(-2), b.Size(-1)]);
        return A.Rank == 1 ? y.Squeeze(-2) : B.Rank == 1 ? y.Squeeze(-1) : y;
    }

    /// <summary>Before opset 13 the input is coerced to 2-D [∏ dims[..axis], ∏ dims[axis..]] (default axis 1);
    /// from 13 softmax runs along <c>axis</c> (default −1).</summary>
    public static Tensor Softmax(OpContext ctx, Tensor input, int? axis = null) => SoftmaxAt(ctx, input, axis, log: false);

    /// <inheritdoc cref="Softmax"/>
    public static Tensor LogSoftmax(OpContext ctx, Tensor input, int? axis = null) => SoftmaxAt(ctx, input, axis, log: true);

    private static Tensor SoftmaxAt(OpContext ctx, Tensor x, int? axis, bool log)
    {
        if (ctx.Opset >= 13)
        {
            int a = Axis(axis ?? -1, x.Rank, ctx);
            return log ? Functional.LogSoftmax(x, a) : Functional.Softmax(x, a);
        }

        int k = x.Rank == 0 ? 0 : Axis(axis ?? 1, x.Rank, ctx);
        int outer = x.Shape.Take(k).Aggregate(1, (p, d) => p * d);
        var flat = x.Reshape(outer, -1);
        return (log ? Functional.LogSoftmax(flat, 1) : Functional.Softmax(flat, 1)).Reshape(x.Shape.ToArray());
    }

    /// <summary>Inference: the identity (the optional mask output is all true). Training mode is not supported.</summary>
    public static Tensor[] Dropout(OpContext ctx, Tensor data, Tensor? ratioInput = null, Tensor? training_modeInput = null,
        float ratio = 0.5f, int is_test = 0)
    {
        if (training_modeInput is not null && training_modeInput.AsReadOnlySpan<bool>()[0])
        {
            throw ctx.Unsupported("training_mode=true");
        }

        if (ctx.OutputCount < 2)
        {
            return [data];
        }

        var mask = new bool[data.Numel];
        Array.Fill(mask, true);
        return [data, Tensor.From<bool>(mask, data.Shape)];
    }
}
