using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace MlNetDl.Tensors.Kernels;

/// <summary>Forward and backward span kernels of the element-wise activations. Backward rules read the saved
/// input or output, as PyTorch's do, so each backward is one fused pass.</summary>
internal static class ActivationKernels
{
    /// <summary>max(x, 0); NaN propagates as in PyTorch.</summary>
    public static void Relu(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    /// <summary>g where y &gt; 0, else 0 (gradient 0 at x = 0, PyTorch's threshold_backward).</summary>
    public static void ReluBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> gx) => SimdMap.Run(new ReluGrad(), g, y, gx);

    public static void LeakyRelu(ReadOnlySpan<float> x, Span<float> y, float slope) => SimdMap.Run(new Leaky(slope), x, y);

    /// <summary>g where x &gt; 0, else g·slope (slope at x = 0, as PyTorch).</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> x, Span<float> gx, float slope) =>
        SimdMap.Run(new LeakyGrad(slope), g, x, gx);

    /// <summary>x for x &gt; 0, α·(eˣ − 1) otherwise (expm1 for accuracy near 0).</summary>
    public static void Elu(ReadOnlySpan<float> x, Span<float> y, float alpha)
    {
        TensorPrimitives.Min(x, 0f, y);
        TensorPrimitives.ExpM1(y, y);
        SimdMap.Run(new EluSelect(alpha), x, y, y);
    }

    /// <summary>g for x &gt; 0, g·(y + α) = g·α·eˣ otherwise.</summary>
    public static void EluBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> gx, float alpha) =>
        SimdMap.Run(new EluGrad(alpha), g, x, y, gx);

    /// <summary>g·y·(1 − y).</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> gx) => SimdMap.Run(new SigmoidGrad(), g, y, gx);

    /// <summary>g·(1 − y²).</summary>
    public static void TanhBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> gx) => SimdMap.Run(new TanhGrad(), g, y, gx);

    /// <summary>log(1 + e^(βx))/β, or x where βx &gt; threshold (PyTorch's linear regime). Evaluated as
    /// max(t, 0) + log(1 + e^(−|t|)) in double so large |t| neither overflows nor loses the small tail.</summary>
    public static void Softplus(ReadOnlySpan<float> x, Span<float> y, float beta, float threshold)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double t = (double)x[i] * beta;
            y[i] = t > threshold ? x[i] : (float)(StableSoftplus(t) / beta);
        }
    }

    /// <summary>g·σ(βx), or g in the linear regime.</summary>
    public static void SoftplusBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> x, Span<float> gx, float beta, float threshold)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double t = (double)x[i] * beta;
            gx[i] = t > threshold ? g[i] : (float)(g[i] * Sigmoid(t));
        }
    }

    /// <summary>log(1 + eᵗ) without overflow for large t or underflow to 0 for very negative t.</summary>
    public static double StableSoftplus(double t) => Math.Max(t, 0) + Math.Log(1 + Math.Exp(-Math.Abs(t)));

    public static double Sigmoid(double t) => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t));

    private readonly struct ReluGrad : IMap2
    {
        public float Invoke(float g, float y) => y > 0 ? g : 0f;
        public Vector256<float> Invoke(Vector256<float> g, Vector256<float> y) => g & Vector256.GreaterThan(y, Vector256<float>.Zero);
        public Vector512<float> Invoke(Vector512<float> g, Vector512<float> y) => g & Vector512.GreaterThan(y, Vector512<float>.Zero);
    }

    private readonly struct Leaky(float slope) : IMap1
    {
        public float Invoke(float x) => x > 0 ? x : x * slope;
        public Vector256<float> Invoke(Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * slope);
        public Vector512<float> Invoke(Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * slope);
    }

    private readonly struct LeakyGrad(float slope) : IMap2
    {
        public float Invoke(float g, float x) => x > 0 ? g : g * slope;
        public Vector256<float> Invoke(Vector256<float> g, Vector256<float> x) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), g, g * slope);
        public Vector512<float> Invoke(Vector512<float> g, Vector512<float> x) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), g, g * slope);
    }

    /// <summary>Second pass of ELU: (x, expm1(min(x,0))) → x or α·expm1.</summary>
    private readonly struct EluSelect(float alpha) : IMap2
    {
        public float Invoke(float x, float e) => x > 0 ? x : alpha * e;
        public Vector256<float> Invoke(Vector256<float> x, Vector256<float> e) => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, e * alpha);
        public Vector512<float> Invoke(Vector512<float> x, Vector512<float> e) => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, e * alpha);
    }

    private readonly struct EluGrad(float alpha) : IMap3
    {
        public float Invoke(float g, float x, float y) => x > 0 ? g : g * (y + alpha);
        public Vector256<float> Invoke(Vector256<float> g, Vector256<float> x, Vector256<float> y) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), g, g * (y + Vector256.Create(alpha)));
        public Vector512<float> Invoke(Vector512<float> g, Vector512<float> x, Vector512<float> y) =>
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), g, g * (y + Vector512.Create(alpha)));
    }

    private readonly struct SigmoidGrad : IMap2
    {
        public float Invoke(float g, float y) => g * y * (1 - y);
        public Vector256<float> Invoke(Vector256<float> g, Vector256<float> y) => g * y * (Vector256<float>.One - y);
        public Vector512<float> Invoke(Vector512<float> g, Vector512<float> y) => g * y * (Vector512<float>.One - y);
    }

    private readonly struct TanhGrad : IMap2
    {
        public float Invoke(float g, float y) => g * (1 - y * y);
        public Vector256<float> Invoke(Vector256<float> g, Vector256<float> y) => g * (Vector256<float>.One - y * y);
        public Vector512<float> Invoke(Vector512<float> g, Vector512<float> y) => g * (Vector512<float>.One - y * y);
    }
}
