using MlNetDl.Tensors;
using MlNetDl.Tensors.Optim;

namespace MlNetDl.UnitTests.Optim;

/// <summary>StepLR and MultiStepLR against PyTorch 1.13's get_last_lr() over 10 epochs (fixture rows: epoch 0 after
/// construction, then one row per Step), plus chaining semantics.</summary>
public sealed class LRSchedulerTests
{
    private static readonly Dictionary<string, (double[] Lrs, Func<Optimizer, LRScheduler> Create)> Schedules = new()
    {
        ["steplr"] = ([0.1], o => new StepLR(o, stepSize: 3, gamma: 0.5)),
        ["multisteplr"] = ([0.1, 0.02], o => new MultiStepLR(o, milestones: [5, 2, 8, 5], gamma: 0.1)),
    };

    public static TheoryData<string> ScheduleNames() => [.. Schedules.Keys];

    private static SGD Optimizer(double[] lrs) => new(
        lrs.Select(lr => new ParamGroup([Tensor.Zeros(1).RequiresGradInPlace()]) { LearningRate = lr }), lr: 1.0);

    [Theory]
    [MemberData(nameof(ScheduleNames))]
    public void LearningRatesEqualPyTorchs(string name)
    {
        var (lrs, create) = Schedules[name];
        var expected = OptimFixture.Doubles($"sched/{name}");
        var optimizer = Optimizer(lrs);
        var scheduler = create(optimizer);
        var actual = new List<double>(scheduler.GetLastLr());
        for (int epoch = 1; epoch <= 10; epoch++)
        {
            optimizer.Step();
            scheduler.Step();
            Assert.Equal(epoch, scheduler.LastEpoch);
            actual.AddRange(scheduler.GetLastLr());
        }

        // The chainable form does PyTorch's double arithmetic in PyTorch's order: equal to the last bit.
        Assert.Equal(expected, actual);
        Assert.Equal(scheduler.GetLastLr(), optimizer.ParamGroups.Select(g => g.LearningRate!.Value));
        Assert.Equal(lrs, scheduler.BaseLearningRates);
    }

    [Fact]
    public void ConstructionIsEpochZeroAndKeepsTheLearningRate()
    {
        var optimizer = Optimizer([0.3]);
        var scheduler = new StepLR(optimizer, stepSize: 1);
        Assert.Equal(0, scheduler.LastEpoch);
        Assert.Equal([0.3], scheduler.GetLastLr());
        Assert.Equal(0.3, optimizer.ParamGroups[0].InitialLearningRate);
    }

    [Fact]
    public void ChainedSchedulersMultiplyAsInPyTorch()
    {
        // PyTorch: both schedulers scale the current rate; at epoch 2 both fire: 1.0 · 0.5 · 0.1.
        var optimizer = Optimizer([1.0]);
        var step = new StepLR(optimizer, stepSize: 2, gamma: 0.5);
        var multi = new MultiStepLR(optimizer, [2], gamma: 0.1);
        step.Step();
        multi.Step();
        step.Step();
        multi.Step();
        Assert.Equal(1.0 * 0.5 * 0.1, optimizer.ParamGroups[0].LearningRate!.Value, 15);
        Assert.Equal([1.0], multi.BaseLearningRates);
    }

    [Fact]
    public void MilestonesAreSortedWithRepeatsKept()
    {
        var scheduler = new MultiStepLR(Optimizer([1.0]), [8, 2, 5, 5]);
        Assert.Equal([2, 5, 5, 8], scheduler.Milestones);
    }
}
