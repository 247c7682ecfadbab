using MlNetDl.Tensors;
using MlNetDl.Tensors.Optim;

namespace MlNetDl.UnitTests.Optim;

/// <summary>Bad hyperparameters and parameters fail at construction with a message naming the option, the allowed
/// range and the value received.</summary>
public sealed class OptimizerValidationTests
{
    private static Tensor NewParameter() => Tensor.Zeros(3).RequiresGradInPlace();

    private static readonly Dictionary<string, (Func<Tensor, object> Create, string Message)> BadOptions = new()
    {
        ["sgd lr"] = (p => new SGD([p], lr: -1), "SGD: 'lr' must be in [0, ∞); got -1"),
        ["sgd lr NaN"] = (p => new SGD([p], lr: double.NaN), "SGD: 'lr' must be in [0, ∞); got NaN"),
        ["sgd momentum"] = (p => new SGD([p], lr: 0.1, momentum: -0.5), "SGD: 'momentum' must be in [0, ∞); got -0.5"),
        ["sgd dampening"] = (p => new SGD([p], lr: 0.1, dampening: double.PositiveInfinity), "SGD: 'dampening' must be in (-∞, ∞); got Infinity"),
        ["sgd weightDecay"] = (p => new SGD([p], lr: 0.1, weightDecay: -1e-4), "SGD: 'weightDecay' must be in [0, ∞); got -0.0001"),
        ["sgd nesterov without momentum"] = (p => new SGD([p], lr: 0.1, nesterov: true), "SGD: 'nesterov' requires 'momentum' > 0 and 'dampening' = 0; got momentum 0, dampening 0"),
        ["sgd nesterov with dampening"] = (p => new SGD([p], lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true), "got momentum 0.9, dampening 0.1"),
        ["adam lr"] = (p => new Adam([p], lr: -0.1), "Adam: 'lr' must be in [0, ∞); got -0.1"),
        ["adam beta1"] = (p => new Adam([p], beta1: 1.5), "Adam: 'beta1' must be in [0, 1); got 1.5"),
        ["adam beta2 = 1"] = (p => new Adam([p], beta2: 1.0), "Adam: 'beta2' must be in [0, 1); got 1"),
        ["adam eps"] = (p => new Adam([p], eps: -1e-8), "Adam: 'eps' must be in [0, ∞); got -1E-08"),
        ["adam weightDecay"] = (p => new Adam([p], weightDecay: -1), "Adam: 'weightDecay' must be in [0, ∞); got -1"),
        ["adamw beta1"] = (p => new AdamW([p], beta1: -0.1), "AdamW: 'beta1' must be in [0, 1); got -0.1"),
        ["adamw weightDecay"] = (p => new AdamW([p], weightDecay: -0.01), "AdamW: 'weightDecay' must be in [0, ∞); got -0.01"),
        ["rmsprop alpha"] = (p => new RMSprop([p], alpha: -1), "RMSprop: 'alpha' must be in [0, ∞); got -1"),
        ["rmsprop eps"] = (p => new RMSprop([p], eps: double.NaN), "RMSprop: 'eps' must be in [0, ∞); got NaN"),
        ["rmsprop momentum"] = (p => new RMSprop([p], momentum: -0.9), "RMSprop: 'momentum' must be in [0, ∞); got -0.9"),
        ["group lr"] = (p => new Adam([new ParamGroup([NewParameter()]), new ParamGroup([p]) { LearningRate = -1 }]),
            "Adam (parameter group 1): 'lr' must be in [0, ∞); got -1"),
        ["group weightDecay"] = (p => new SGD([new ParamGroup([p]) { WeightDecay = -2 }], lr: 0.1), "SGD: 'weightDecay' must be in [0, ∞); got -2"),
        ["steplr stepSize"] = (p => new StepLR(new SGD([p], lr: 0.1), stepSize: 0), "StepLR: 'stepSize' must be in [1, ∞); got 0"),
        ["steplr gamma"] = (p => new StepLR(new SGD([p], lr: 0.1), stepSize: 2, gamma: -0.5), "StepLR: 'gamma' must be in [0, ∞); got -0.5"),
        ["multisteplr milestone"] = (p => new MultiStepLR(new SGD([p], lr: 0.1), [3, -1]), "MultiStepLR: 'milestones' must be in [0, ∞); got -1"),
    };

    public static TheoryData<string> BadOptionNames() => [.. BadOptions.Keys];

    [Theory]
    [MemberData(nameof(BadOptionNames))]
    public void BadOptionFailsNamingOptionRangeAndValue(string name)
    {
        var (create, message) = BadOptions[name];
        var e = Assert.ThrowsAny<ArgumentException>(() => create(NewParameter()));
        Assert.Contains(message, e.Message);
    }

    private static readonly Dictionary<string, (Func<IEnumerable<Tensor>> Parameters, string Message)> BadParameters = new()
    {
        ["int64"] = (() => [Tensor.Zeros(new Shape(2), DType.Int64)], "parameter 0 (shape [2]) must be float32; got torch.int64"),
        ["non-leaf"] = (() => [NewParameter() * 2f], "parameter 0 (shape [3]) must be a leaf tensor"),
        ["disposed"] = (() => { var p = NewParameter(); p.Dispose(); return [p]; }, "parameter 0 (shape [3]) is disposed"),
        ["duplicate"] = (() => { var p = NewParameter(); return [p, p]; }, "appears more than once"),
        ["empty"] = (() => [], "SGD: got an empty parameter list"),
    };

    public static TheoryData<string> BadParameterNames() => [.. BadParameters.Keys];

    [Theory]
    [MemberData(nameof(BadParameterNames))]
    public void BadParameterFailsAtConstruction(string name)
    {
        var (parameters, message) = BadParameters[name];
        var e = Assert.ThrowsAny<ArgumentException>(() => new SGD(parameters(), lr: 0.1));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ParameterInTwoGroupsFails()
    {
        var p = NewParameter();
        var e = Assert.Throws<ArgumentException>(() => new Adam([new ParamGroup([p]), new ParamGroup([p])]));
        Assert.Contains("Adam (parameter group 1): parameter of shape [3] appears more than once", e.Message);
    }

    [Fact]
    public void GradientOfWrongShapeFailsAtStep()
    {
        var p = NewParameter();
        var optimizer = new SGD([p], lr: 0.1);
        p.Grad = Tensor.Zeros(4);
        var e = Assert.Throws<InvalidOperationException>(optimizer.Step);
        Assert.Contains("SGD.Step: parameter 0 has shape [3] (float32) but its gradient is torch.float32 [4]", e.Message);
    }
}
