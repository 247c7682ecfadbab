namespace MlNetDl.Tensors.Optim;

/// <summary>
/// Multiplies each group's learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs (PyTorch 1.13's
/// <c>StepLR</c>): lr(epoch) = lr₀ · γ^⌊epoch / stepSize⌋ when nothing else changes the rate.
/// </summary>
public sealed class StepLR : LRScheduler
{
    /// <param name="optimizer">Its groups' learning rates are changed.</param>
    /// <param name="stepSize">Period of decay, ≥ 1.</param>
    /// <param name="gamma">Multiplicative factor, finite ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1)
        : base(optimizer)
    {
        if (stepSize < 1)
        {
            throw HyperParameters.Bad(nameof(StepLR), nameof(stepSize), "[1, ∞)", stepSize);
        }

        HyperParameters.NonNegative(nameof(StepLR), nameof(gamma), gamma);
        StepSize = stepSize;
        Gamma = gamma;
        InitialStep();
    }

    public int StepSize { get; }

    public double Gamma { get; }

    protected override double NextLearningRate(double current, int epoch) =>
        epoch == 0 || epoch % StepSize != 0 ? current : current * Gamma;
}
