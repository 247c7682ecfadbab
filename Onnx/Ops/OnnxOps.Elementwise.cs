using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Onnx;

internal static partial class OnnxOps
{
    public static Tensor Add(OpContext ctx, Tensor A, Tensor B, long broadcast = 0, long? axis = null) =>
        Arithmetic(A, Legacy(A, B, broadcast, axis, ctx), (x, y) => x + y, (x, y) => x + y, "Add");

    public static Tensor Sub(OpContext ctx, Tensor A, Tensor B, long broadcast = 0, long? axis = null) =>
        Arithmetic(A, Legacy(A, B, broadcast, axis, ctx), (x, y) => x - y, (x, y) => x - y, "Sub");

    public static Tensor Mul(OpContext ctx, Tensor A, Tensor B, long broadcast = 0, long? axis = null) =>
        Arithmetic(A, Legacy(A, B, broadcast, axis, ctx), (x, y) => x * y, (x, y) => x * y, "Mul");

    public static Tensor Div(OpContext ctx, Tensor A, Tensor B, long broadcast = 0, long? axis = null) =>
        Arithmetic(A, Legacy(A, B, broadcast, axis, ctx), (x, y) => x / y, (x, y) => x / y, "Div");

    public static Tensor Pow(OpContext ctx, Tensor X, Tensor Y, long broadcast = 0, long? axis = null) =>
        Y.Numel == 1 && Y.Rank <= X.Rank ? X.Pow(ScalarOf(Y)) : X.Pow(Legacy(X, Y, broadcast, axis, ctx).To(DType.Float32));

    public static Tensor Sqrt(Tensor X) => X.Sqrt();

    public static Tensor Exp(Tensor input) => input.Exp();

    public static Tensor Log(Tensor input) => input.Log();

    public static Tensor Neg(Tensor X) => X.Neg();

    public static Tensor Abs(Tensor X) => X.Abs();

    public static Tensor Reciprocal(Tensor X) => X.Pow(-1f);

    public static Tensor Relu(Tensor X) => Functional.Relu(X);

    public static Tensor LeakyRelu(Tensor X, float alpha = 0.01f) => Functional.LeakyRelu(X, alpha);

    public static Tensor Sigmoid(Tensor X) => Functional.Sigmoid(X);

    public static Tensor Tanh(Tensor input) => Functional.Tanh(input);

    public static Tensor Elu(Tensor X, float alpha = 1f) => Functional.Elu(X, alpha);

    public static Tensor Selu(Tensor X, float alpha = 1.67326319217681884765625f, float gamma = 1.05070102214813232421875f) =>
        Functional.Elu(X, alpha) * gamma;

    public static Tensor Softplus(Tensor X) => Functional.Softplus(X);

    public static Tensor Softsign(Tensor input) => input / (input.Abs() + 1f);

    /// <summary>y = max(0, x) + slope·min(0, x), slope broadcast to X; before opset 7 a [C] slope is per channel
    /// (axis 1), as PyTorch's exporter meant it.</summary>
    public static Tensor PRelu(OpContext ctx, Tensor X, Tensor slope)
    {
        if (ctx.Opset < 7 && slope.Rank == 1 && X.Rank > 2 && slope.Numel == X.Size(1) && slope.Numel > 1)
        {
            slope = slope.Reshape([slope.Numel, .. Enumerable.Repeat(1, X.Rank - 2)]);
        }

        return X.ClampMin(0f) + slope * X.ClampMax(0f);
    }

    /// <summary>Bounds are attributes before opset 11 and optional inputs from 11.</summary>
    public static Tensor Clip(OpContext ctx, Tensor input, Tensor? minInput = null, Tensor? maxInput = null,
        float min = float.NegativeInfinity, float max = float.PositiveInfinity)
    {
        float lo = ctx.Opset >= 11 ? (minInput is null ? float.NegativeInfinity : ScalarOf(minInput)) : min;
        float hi = ctx.Opset >= 11 ? (maxInput is null ? float.PositiveInfinity : ScalarOf(maxInput)) : max;
        return input.Clamp(float.IsNegativeInfinity(lo) ? null : lo, float.IsPositiveInfinity(hi) ? null : hi);
    }

    public static Tensor Sum(Tensor[] data_0) => Fold(data_0, (a, b) => a + b, "Sum");

    public static Tensor Max(Tensor[] data_0) => Fold(data_0, Tensor.Maximum, "Max");

    public static Tensor Min(Tensor[] data_0) => Fold(data_0, Tensor.Minimum, "Min");

    public static Tensor Mean(Tensor[] data_0) => Fold(data_0, (a, b) => a + b, "Mean") / data_0.Length;

    private static Tensor Fold(Tensor[] inputs, Func<Tensor, Tensor, Tensor> op, string name)
    {
        if (inputs.Length == 0)
        {
            throw new ArgumentException($"{name}: needs at least one input.");
        }

        var acc = inputs[0];
        for (int i = 1; i < inputs.Length; i++)
        {
            acc = op(acc, inputs[i]);
        }

        return acc;
    }
}
