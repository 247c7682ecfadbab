namespace MlNetDl.Tensors.Optim;

/// <summary>
/// Multiplies each group's learning rate by <see cref="Gamma"/> when the epoch reaches a milestone (PyTorch 1.13's
/// <c>MultiStepLR</c>): lr(epoch) = lr₀ · γ^(number of milestones ≤ epoch) when nothing else changes the rate.
/// A milestone listed twice decays twice, as with PyTorch's Counter.
/// </summary>
public sealed class MultiStepLR : LRScheduler
{
    private readonly Dictionary<int, int> _counts = [];

    /// <param name="optimizer">Its groups' learning rates are changed.</param>
    /// <param name="milestones">Epoch indices, each ≥ 0 (any order; PyTorch documents them as increasing).</param>
    /// <param name="gamma">Multiplicative factor, finite ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        HyperParameters.NonNegative(nameof(MultiStepLR), nameof(gamma), gamma);
        foreach (int m in milestones)
        {
            if (m < 0)
            {
                throw HyperParameters.Bad(nameof(MultiStepLR), nameof(milestones), "[0, ∞)", m);
            }

            _counts[m] = _counts.GetValueOrDefault(m) + 1;
        }

        Milestones = [.. _counts.SelectMany(kv => Enumerable.Repeat(kv.Key, kv.Value)).Order()];
        Gamma = gamma;
        InitialStep();
    }

    /// <summary>The milestones, sorted, repeats kept.</summary>
    public IReadOnlyList<int> Milestones { get; }

    public double Gamma { get; }

    protected override double NextLearningRate(double current, int epoch) =>
        _counts.TryGetValue(epoch, out int count) ? current * Math.Pow(Gamma, count) : current;
}
