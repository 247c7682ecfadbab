using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

/// <summary>PyTorch's <c>torch.nn.functional</c> with .NET casing and the same defaults
/// (<c>using F = MlNetDl.Tensors.Nn.Functional;</c> then <c>F.Relu(x)</c>, <c>F.CrossEntropy(logits, labels)</c>).</summary>
public static partial class Functional
{
    /// <summary>max(x, 0); gradient 0 at x = 0.</summary>
    public static Tensor Relu(Tensor x) => ReluFunction.Apply(x);

    /// <summary>x for x &gt; 0, negativeSlope·x otherwise.</summary>
    public static Tensor LeakyRelu(Tensor x, float negativeSlope = 0.01f) => LeakyReluFunction.Apply(x, negativeSlope);

    /// <summary>x for x &gt; 0, α·(eˣ − 1) otherwise.</summary>
    public static Tensor Elu(Tensor x, float alpha = 1f) => EluFunction.Apply(x, alpha);

    /// <summary>x for x &gt; 0, w·x otherwise; <paramref name="weight"/> has 1 element or one per channel (dim 1 of x).
    /// Throws ArgumentException for any other number of elements.</summary>
    public static Tensor Prelu(Tensor x, Tensor weight) => PreluFunction.Apply(x, weight);

    /// <summary>1 / (1 + e^(−x)).</summary>
    public static Tensor Sigmoid(Tensor x) => SigmoidFunction.Apply(x);

    public static Tensor Tanh(Tensor x) => TanhFunction.Apply(x);

    /// <summary>log(1 + e^(βx))/β, and x where βx &gt; <paramref name="threshold"/> (linear, as PyTorch).</summary>
    public static Tensor Softplus(Tensor x, float beta = 1f, float threshold = 20f) => SoftplusFunction.Apply(x, beta, threshold);

    /// <summary>exp(x − max) / Σ exp(x − max) along <paramref name="dim"/> (stable for any logit magnitude).</summary>
    public static Tensor Softmax(Tensor x, int dim) => SoftmaxFunction.Apply(x, dim, log: false);

    /// <summary>x − max − log Σ exp(x − max) along <paramref name="dim"/>.</summary>
    public static Tensor LogSoftmax(Tensor x, int dim) => SoftmaxFunction.Apply(x, dim, log: true);

    /// <summary>Inverted dropout: in training, each element is zeroed with probability <paramref name="p"/> and
    /// the kept ones are scaled by 1/(1 − p); otherwise <paramref name="x"/> itself is returned. p = 1 gives zeros.
    /// Throws ArgumentOutOfRangeException unless 0 ≤ p ≤ 1.</summary>
    public static Tensor Dropout(Tensor x, float p = 0.5f, bool training = true, Generator? generator = null)
    {
        CheckProbability(p);
        return !training ? x : DropoutFunction.Apply(x, p, generator ?? Generator.Default);
    }

    internal static void CheckProbability(float p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"dropout probability has to be between 0 and 1, but got {p}.");
        }
    }
}
