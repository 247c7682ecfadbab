using System.Reflection;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Optim;

namespace MlNetDl.UnitTests.Optim;

/// <summary>ZeroGrad, skipped parameters, group defaults, state lifetime and allocation-free steps, for every
/// optimizer (one row each).</summary>
public sealed class OptimizerBehaviorTests
{
    private static readonly Dictionary<string, Func<IEnumerable<Tensor>, Optimizer>> Optimizers = new()
    {
        ["sgd"] = ps => new SGD(ps, lr: 0.01),
        ["sgd momentum nesterov"] = ps => new SGD(ps, lr: 0.01, momentum: 0.9, nesterov: true, weightDecay: 1e-4),
        ["adam"] = ps => new Adam(ps),
        ["adam amsgrad"] = ps => new Adam(ps, amsgrad: true, weightDecay: 1e-4),
        ["adamw"] = ps => new AdamW(ps),
        ["rmsprop"] = ps => new RMSprop(ps),
        ["rmsprop centered momentum"] = ps => new RMSprop(ps, momentum: 0.9, centered: true, weightDecay: 1e-4),
    };

    public static TheoryData<string> OptimizerNames() => [.. Optimizers.Keys];

    private static Tensor Parameter(int n, int seed)
    {
        using var unscoped = TensorScope.Suspend();
        return Tensor.Randn(new Shape(n), new Generator(seed)).RequiresGradInPlace();
    }

    private static Tensor Gradient(int n, int seed)
    {
        using var unscoped = TensorScope.Suspend();
        return Tensor.Randn(new Shape(n), new Generator(seed));
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void ParametersWithoutGradientAreSkippedAndGetNoState(string name)
    {
        var a = Parameter(37, 1);
        var b = Parameter(5, 2);
        var before = b.ToFloatArray();
        var optimizer = (dynamic)Optimizers[name]([a, b]);
        a.Grad = Gradient(37, 3);
        var aBefore = a.ToFloatArray();

        optimizer.Step();

        Assert.NotEqual(aBefore, a.ToFloatArray());
        Assert.Equal(before, b.ToFloatArray());
        Assert.NotNull(optimizer.StateOf(0));
        Assert.Null(optimizer.StateOf(1));
        Assert.True(a.IsLeaf);
        Assert.Null(a.GradFn);
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void StateIsCreatedOnceAndStepsDoNotAllocate(string name)
    {
        var ps = new[] { Parameter(1000, 1), Parameter(17, 2) };
        ps[0].Grad = Gradient(1000, 3);
        ps[1].Grad = Gradient(17, 4);
        var optimizer = Optimizers[name](ps);
        optimizer.Step();
        object? state = ((dynamic)optimizer).StateOf(0);
        int version = ps[0].Version;

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            optimizer.Step();
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(allocated < 1024, $"{name}: 100 steps allocated {allocated} bytes");
        Assert.Same(state, ((dynamic)optimizer).StateOf(0));
        Assert.Equal(101L, ((dynamic)optimizer).StateOf(0).Step);
        Assert.Equal(101L, optimizer.StepCount);
        Assert.True(ps[0].Version >= version + 100, "each step bumps the parameter's version counter");
        Assert.All(ps[0].ToFloatArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ZeroGradDefaultZerosInPlaceAsPyTorch113()
    {
        var p = Parameter(4, 1);
        var optimizer = new SGD([p], lr: 0.5);
        (p * p).Sum().Backward();
        var grad = p.Grad!;

        optimizer.ZeroGrad();

        Assert.Same(grad, p.Grad);
        Assert.Equal(new float[4], grad.ToFloatArray());
        // The next backward accumulates into the same, zeroed storage.
        var x = p.ToFloatArray();
        (p * p).Sum().Backward();
        Assert.Same(grad, p.Grad);
        Assert.Equal(x.Select(v => 2 * v), grad.ToFloatArray());
    }

    [Fact]
    public void ZeroGradSetToNoneDropsGradientsSoTheNextStepSkips()
    {
        var p = Parameter(4, 1);
        var optimizer = new SGD([p], lr: 0.5, momentum: 0.9);
        p.Grad = Gradient(4, 2);
        optimizer.Step();
        var after = p.ToFloatArray();

        optimizer.ZeroGrad(setToNone: true);
        optimizer.Step();

        Assert.Null(p.Grad);
        Assert.Equal(after, p.ToFloatArray());
    }

    [Fact]
    public void GradientStepMatchesHandComputedSgdAfterBackward()
    {
        var p = Parameter(6, 1);
        var x = p.ToFloatArray();
        var optimizer = new SGD([p], lr: 0.25);
        (p * p).Sum().Backward(); // d/dp Σp² = 2p

        optimizer.Step();

        Assert.Equal(x.Select(v => v - 0.25f * (2 * v)), p.ToFloatArray());
    }

    [Fact]
    public void GroupOptionsOverrideDefaultsAndMissingOnesAreFilledIn()
    {
        var w = Parameter(3, 1);
        var b = Parameter(2, 2);
        var weights = new ParamGroup([w]) { WeightDecay = 5e-4 };
        var biases = new ParamGroup([b]) { LearningRate = 0.5 };

        var optimizer = new AdamW([weights, biases], lr: 0.01);

        Assert.Same(weights, optimizer.ParamGroups[0]);
        Assert.Equal((0.01, 5e-4), (weights.LearningRate, weights.WeightDecay));
        Assert.Equal((0.5, 1e-2), (biases.LearningRate, biases.WeightDecay));
        Assert.Equal(2, optimizer.ParameterCount);
    }

    [Theory]
    [InlineData(typeof(SGD))]
    [InlineData(typeof(Adam))]
    [InlineData(typeof(AdamW))]
    [InlineData(typeof(RMSprop))]
    public void BothConstructorsHaveTheSameOptionsAndDefaults(Type type)
    {
        var ctors = type.GetConstructors();
        Assert.Equal(2, ctors.Length);
        var options = ctors.Select(c => c.GetParameters().Skip(1)
            .Select(p => $"{p.ParameterType.Name} {p.Name} = {(p.HasDefaultValue ? p.DefaultValue : "required")}").ToArray()).ToArray();
        Assert.Equal(options[0], options[1]);
        var first = ctors.Select(c => c.GetParameters()[0].ParameterType).ToArray();
        Assert.Contains(typeof(IEnumerable<ParamGroup>), first);
        Assert.Contains(typeof(IEnumerable<Tensor>), first);
    }
}
