using System.Globalization;

namespace MlNetDl.Tensors.Nn;

/// <summary>Formats hyperparameters as Python prints them in module reprs.</summary>
internal static class PyRepr
{
    /// <summary>A Python float: 0.01 → "0.01", 1 → "1.0".</summary>
    public static string Float(float v)
    {
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') || !float.IsFinite(v) ? s : s + ".0";
    }

    /// <summary>A value whose PyTorch default is an int (Softplus's beta and threshold): integral values print bare.</summary>
    public static string Number(float v) => v == MathF.Round(v) && float.IsFinite(v)
        ? ((long)v).ToString(CultureInfo.InvariantCulture) : Float(v);
}

/// <summary>max(x, 0) (PyTorch's <c>nn.ReLU</c>).</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => Functional.Relu(input);
}

/// <summary>x for x &gt; 0, negativeSlope·x otherwise (<c>nn.LeakyReLU</c>).</summary>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module<Tensor, Tensor>
{
    public float NegativeSlope { get; } = negativeSlope;

    public override Tensor Forward(Tensor input) => Functional.LeakyRelu(input, NegativeSlope);

    protected override string ExtraRepr() => $"negative_slope={PyRepr.Float(NegativeSlope)}";
}

/// <summary>x for x &gt; 0, α·(eˣ − 1) otherwise (<c>nn.ELU</c>).</summary>
public sealed class ELU(float alpha = 1f) : Module<Tensor, Tensor>
{
    public float Alpha { get; } = alpha;

    public override Tensor Forward(Tensor input) => Functional.Elu(input, Alpha);

    protected override string ExtraRepr() => $"alpha={PyRepr.Float(Alpha)}";
}

/// <summary>Leaky ReLU with learned slopes (<c>nn.PReLU</c>): one shared slope, or one per channel (dim 1 of the
/// input) when numParameters = C. The parameter is named "weight", initialized to init.</summary>
public sealed class PReLU : Module<Tensor, Tensor>
{
    private readonly float _init;

    public PReLU(int numParameters = 1, float init = 0.25f)
    {
        if (numParameters < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numParameters), numParameters, "PReLU: numParameters must be >= 1.");
        }

        _init = init;
        using (TensorScope.Suspend())
        {
            Weight = RegisterParameter("weight", Tensor.Full([numParameters], init))!;
        }
    }

    public Tensor Weight { get; }

    public int NumParameters => Weight.Numel;

    /// <summary>Sets every slope back to the initial value.</summary>
    public void ResetParameters() => Weight.AsWritableSpan<float>().Fill(_init);

    public override Tensor Forward(Tensor input) => Functional.Prelu(input, Weight);

    protected override string ExtraRepr() => $"num_parameters={NumParameters}";
}

/// <summary>1 / (1 + e^(−x)) (<c>nn.Sigmoid</c>).</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => Functional.Sigmoid(input);
}

/// <summary>tanh(x) (<c>nn.Tanh</c>).</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => Functional.Tanh(input);
}

/// <summary>log(1 + e^(βx))/β, linear above the threshold (<c>nn.Softplus</c>).</summary>
public sealed class Softplus(float beta = 1f, float threshold = 20f) : Module<Tensor, Tensor>
{
    public float Beta { get; } = beta;

    public float Threshold { get; } = threshold;

    public override Tensor Forward(Tensor input) => Functional.Softplus(input, Beta, Threshold);

    protected override string ExtraRepr() => $"beta={PyRepr.Number(Beta)}, threshold={PyRepr.Number(Threshold)}";
}

/// <summary>Softmax along <paramref name="dim"/> (<c>nn.Softmax</c>).</summary>
public sealed class Softmax(int dim) : Module<Tensor, Tensor>
{
    public int Dim { get; } = dim;

    public override Tensor Forward(Tensor input) => Functional.Softmax(input, Dim);

    protected override string ExtraRepr() => $"dim={Dim}";
}

/// <summary>Log-softmax along <paramref name="dim"/> (<c>nn.LogSoftmax</c>).</summary>
public sealed class LogSoftmax(int dim) : Module<Tensor, Tensor>
{
    public int Dim { get; } = dim;

    public override Tensor Forward(Tensor input) => Functional.LogSoftmax(input, Dim);

    protected override string ExtraRepr() => $"dim={Dim}";
}
