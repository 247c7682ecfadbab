using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Nn;

/// <summary>Activation and loss modules: PyTorch's repr strings, parameters and forward.</summary>
public class ModuleTests
{
    public static TheoryData<string, string> Reprs() => new()
    {
        { "relu", "ReLU()" },
        { "leaky", "LeakyReLU(negative_slope=0.01)" },
        { "leaky0.2", "LeakyReLU(negative_slope=0.2)" },
        { "elu", "ELU(alpha=1.0)" },
        { "elu0.5", "ELU(alpha=0.5)" },
        { "prelu", "PReLU(num_parameters=1)" },
        { "prelu3", "PReLU(num_parameters=3)" },
        { "sigmoid", "Sigmoid()" },
        { "tanh", "Tanh()" },
        { "softplus", "Softplus(beta=1, threshold=20)" },
        { "softplus_custom", "Softplus(beta=2.5, threshold=10.5)" },
        { "softmax", "Softmax(dim=1)" },
        { "log_softmax", "LogSoftmax(dim=-1)" },
        { "dropout", "Dropout(p=0.5, inplace=False)" },
        { "dropout0.25", "Dropout(p=0.25, inplace=False)" },
        { "mse", "MSELoss()" },
        { "ce", "CrossEntropyLoss()" },
        { "bce_logits", "BCEWithLogitsLoss()" },
        { "seq", "Sequential(\n  (0): LeakyReLU(negative_slope=0.01)\n  (1): Dropout(p=0.5, inplace=False)\n)" },
    };

    private static Module Make(string name) => name switch
    {
        "relu" => new ReLU(),
        "leaky" => new LeakyReLU(),
        "leaky0.2" => new LeakyReLU(0.2f),
        "elu" => new ELU(),
        "elu0.5" => new ELU(0.5f),
        "prelu" => new PReLU(),
        "prelu3" => new PReLU(3),
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "softplus" => new Softplus(),
        "softplus_custom" => new Softplus(2.5f, 10.5f),
        "softmax" => new Softmax(1),
        "log_softmax" => new LogSoftmax(-1),
        "dropout" => new Dropout(),
        "dropout0.25" => new Dropout(0.25f),
        "mse" => new MSELoss(),
        "ce" => new CrossEntropyLoss(),
        "bce_logits" => new BCEWithLogitsLoss(),
        _ => new Sequential(new LeakyReLU(), new Dropout()),
    };

    [Theory]
    [MemberData(nameof(Reprs))]
    public void ReprMatchesPyTorch(string name, string expected) => Assert.Equal(expected, Make(name).ToString());

    [Fact]
    public void PReLUHasATrainableWeightParameter()
    {
        var m = new PReLU(3, init: 0.1f);
        var (name, w) = Assert.Single(m.NamedParameters());
        Assert.Equal("weight", name);
        Assert.Equal(new Shape(3), w.Shape);
        Assert.All(w.ToFloatArray(), v => Assert.Equal(0.1f, v));

        var x = Tensor.FromArray([-1f, 2f, -3f, 4f, -5f, 6f], 1, 3, 2);
        m.Forward(x).Sum().Backward();
        Assert.Equal([-1f, -3f, -5f], m.Weight.Grad!.ToFloatArray()); // Σ x over x ≤ 0, per channel
        m.Weight.AsWritableSpan<float>().Fill(1f);
        m.ResetParameters();
        Assert.All(m.Weight.ToFloatArray(), v => Assert.Equal(0.1f, v));
    }

    [Fact]
    public void ActivationModulesForwardToTheFunctionalForm()
    {
        var x = Tensor.FromArray([-2f, -0.5f, 0f, 0.5f, 3f], 1, 5);
        var net = new Sequential(new Tanh(), new Softmax(1));
        NnAssert.Close(x.Tanh().Softmax(1).ToFloatArray(), net.Forward(x), 1e-6f, "tanh→softmax");
        NnAssert.Close([0f, 0f, 0f, 0.5f, 3f], new ReLU().Call(x), 0f, "relu");
    }

    [Fact]
    public void WeightedLossesRegisterWeightsAsBuffers()
    {
        var ce = new CrossEntropyLoss(Tensor.FromArray([1f, 2f]));
        Assert.Equal("weight", Assert.Single(ce.NamedBuffers()).Name);
        var bce = new BCEWithLogitsLoss(Tensor.Ones(2), posWeight: Tensor.Ones(2));
        Assert.Equal(["weight", "pos_weight"], bce.NamedBuffers().Select(b => b.Name));
        Assert.Empty(new NLLLoss().NamedBuffers());
        Assert.Equal(Reduction.Mean, new MSELoss().Reduction);
    }
}
