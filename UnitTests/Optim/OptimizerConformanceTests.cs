using MlNetDl.Tensors;
using MlNetDl.Tensors.Optim;

namespace MlNetDl.UnitTests.Optim;

/// <summary>
/// Each row rebuilds one configuration of Fixtures/torch/make_optim_fixtures.py (same name, same options), runs
/// three steps with PyTorch's gradients and compares the parameters after every step with PyTorch 1.13's.
/// A new optimizer adds a row here and in the script's CONFIGS.
/// </summary>
public sealed class OptimizerConformanceTests
{
    private static readonly Dictionary<string, Func<Tensor, Tensor, Optimizer>> Configs = new()
    {
        ["sgd_plain"] = (w, b) => new SGD([w, b], lr: 0.1),
        ["sgd_momentum_dampening"] = (w, b) => new SGD([w, b], lr: 0.05, momentum: 0.9, dampening: 0.3),
        ["sgd_nesterov_wd"] = (w, b) => new SGD([w, b], lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 0.01),
        ["adam"] = (w, b) => new Adam([w, b], lr: 1e-2),
        ["adam_amsgrad_wd"] = (w, b) => new Adam([w, b], lr: 1e-2, beta1: 0.8, beta2: 0.99, amsgrad: true, weightDecay: 0.05),
        ["adamw"] = (w, b) => new AdamW([w, b], lr: 1e-2, weightDecay: 0.1),
        ["rmsprop"] = (w, b) => new RMSprop([w, b], lr: 1e-2),
        ["rmsprop_centered_momentum"] = (w, b) => new RMSprop([w, b], lr: 1e-2, alpha: 0.9, momentum: 0.5, centered: true, weightDecay: 0.02),
        ["two_groups"] = (w, b) => new Adam(
            [new ParamGroup([w]) { LearningRate = 0.02, WeightDecay = 0.1 }, new ParamGroup([b])], lr: 0.005),
        ["adam_skip_b"] = (w, b) => new Adam([w, b], lr: 1e-2),
    };

    public static TheoryData<string> ConfigNames() => [.. Configs.Keys];

    [Theory]
    [MemberData(nameof(ConfigNames))]
    public void MatchesPyTorchOverThreeSteps(string config)
    {
        var w = OptimFixture.Parameter("w");
        var b = OptimFixture.Parameter("b");
        var optimizer = Configs[config](w, b);
        for (int step = 1; step <= OptimFixture.Steps; step++)
        {
            w.Grad = OptimFixture.Grad("w", step);
            b.Grad = config == "adam_skip_b" && step == 2 ? null : OptimFixture.Grad("b", step);
            optimizer.Step();
            OptimFixture.AssertClose(OptimFixture.Floats($"{config}/step{step}/w"), w.AsReadOnlySpan<float>(), $"{config} step {step} w");
            OptimFixture.AssertClose(OptimFixture.Floats($"{config}/step{step}/b"), b.AsReadOnlySpan<float>(), $"{config} step {step} b");
        }

        Assert.Equal(OptimFixture.Steps, optimizer.StepCount);
    }

    [Fact]
    public void EveryFixtureConfigurationHasARow()
    {
        var inFixture = OptimFixtureNames().ToHashSet();
        Assert.Equal(inFixture.Order(), Configs.Keys.Order());
    }

    private static IEnumerable<string> OptimFixtureNames()
    {
        var file = MlNetDl.Tensors.Serialization.SafeTensors.Load(
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", "optim.safetensors"));
        return file.Names.Where(n => n.Contains("/step1/")).Select(n => n[..n.IndexOf('/')]).Distinct();
    }
}
