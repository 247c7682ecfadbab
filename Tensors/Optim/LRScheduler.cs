namespace MlNetDl.Tensors.Optim;

/// <summary>
/// Base of learning-rate schedulers (PyTorch 1.13's <c>_LRScheduler</c>, chainable form). The constructor
/// records each group's <see cref="ParamGroup.InitialLearningRate"/> (if no scheduler did before) and takes the
/// initial step to epoch 0; call <see cref="Step"/> once per epoch after <see cref="Optimizer.Step"/>. Each step
/// multiplies the groups' current learning rates, so changes made from outside (or by another scheduler) carry
/// on, as in PyTorch.
/// </summary>
public abstract class LRScheduler
{
    private readonly double[] _lastLr;

    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        var groups = optimizer.ParamGroups;
        var baseLrs = new double[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            groups[i].InitialLearningRate ??= groups[i].Lr;
            baseLrs[i] = groups[i].InitialLearningRate!.Value;
        }

        BaseLearningRates = baseLrs;
        _lastLr = new double[groups.Count];
        LastEpoch = -1;
    }

    public Optimizer Optimizer { get; }

    /// <summary>Each group's learning rate when the first scheduler was attached (PyTorch's <c>base_lrs</c>).</summary>
    public IReadOnlyList<double> BaseLearningRates { get; }

    /// <summary>The epoch of the last <see cref="Step"/>: 0 after construction (PyTorch's <c>last_epoch</c>).</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The learning rates set by the last step, one per group (PyTorch's <c>get_last_lr()</c>).</summary>
    public IReadOnlyList<double> GetLastLr() => _lastLr;

    /// <summary>Advances one epoch and sets each group's learning rate.</summary>
    public void Step()
    {
        LastEpoch++;
        var groups = Optimizer.ParamGroups;
        for (int i = 0; i < groups.Count; i++)
        {
            groups[i].LearningRate = NextLearningRate(groups[i].Lr, LastEpoch);
            _lastLr[i] = groups[i].Lr;
        }
    }

    /// <summary>The learning rate at <paramref name="epoch"/> given the group's current one (chainable form).</summary>
    protected abstract double NextLearningRate(double current, int epoch);

    /// <summary>Subclass constructors call this last, once their options are set (PyTorch's <c>_initial_step</c>).</summary>
    protected void InitialStep() => Step();
}
