namespace MlNetDl.Tensors.Nn;

/// <summary>
/// Shared state and forward of the batch-norm layers (PyTorch's <c>_BatchNorm</c>): per-channel weight (ones) and
/// bias (zeros) when affine; buffers running_mean (zeros), running_var (ones) and num_batches_tracked (int64) when
/// tracking running statistics. A subclass only states which input ranks it accepts.
/// </summary>
public abstract class BatchNormBase : Module<Tensor, Tensor>
{
    /// <summary>Allocates the parameters and buffers and resets them. <paramref name="momentum"/> weighs the new
    /// batch in the running statistics; null gives a cumulative average (1 / num_batches_tracked).</summary>
    protected BatchNormBase(int numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numFeatures);
        if (!(eps >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{GetType().Name}: eps must be >= 0.");
        }

        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Affine = affine;
        TrackRunningStats = trackRunningStats;
        using (TensorScope.Suspend())
        {
            Weight = RegisterParameter("weight", affine ? Tensor.Empty(new Shape(numFeatures)) : null);
            Bias = RegisterParameter("bias", affine ? Tensor.Empty(new Shape(numFeatures)) : null);
            RunningMean = RegisterBuffer("running_mean", trackRunningStats ? Tensor.Empty(new Shape(numFeatures)) : null);
            RunningVar = RegisterBuffer("running_var", trackRunningStats ? Tensor.Empty(new Shape(numFeatures)) : null);
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", trackRunningStats ? Tensor.Zeros(new Shape(), DType.Int64) : null);
        }

        ResetParameters();
    }

    public int NumFeatures { get; }

    public double Eps { get; }

    public double? Momentum { get; }

    public bool Affine { get; }

    public bool TrackRunningStats { get; }

    public Tensor? Weight { get; }

    public Tensor? Bias { get; }

    public Tensor? RunningMean { get; }

    public Tensor? RunningVar { get; }

    /// <summary>Number of training batches seen (a 0-d int64 tensor).</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>running_mean ← 0, running_var ← 1, num_batches_tracked ← 0.</summary>
    public void ResetRunningStats()
    {
        if (TrackRunningStats)
        {
            Init.Zeros(RunningMean!);
            Init.Ones(RunningVar!);
            NumBatchesTracked!.AsWritableSpan<long>().Clear();
        }
    }

    /// <summary>Resets the running statistics, then weight ← 1 and bias ← 0.</summary>
    public void ResetParameters()
    {
        ResetRunningStats();
        if (Affine)
        {
            Init.Ones(Weight!);
            Init.Zeros(Bias!);
        }
    }

    /// <summary>Throws unless <paramref name="input"/> has a rank this layer accepts.</summary>
    protected abstract void CheckInputDim(Tensor input);

    /// <exception cref="ArgumentException">Wrong rank or channel count; one value per channel in training.</exception>
    public override Tensor Forward(Tensor input)
    {
        CheckInputDim(input);
        if (input.Size(1) != NumFeatures)
        {
            throw new ArgumentException($"{this}: expected input with {NumFeatures} channels in dimension 1, got shape {input.Shape}.", nameof(input));
        }

        bool useBatchStats = Training || (RunningMean is null && RunningVar is null);
        if (useBatchStats && input.Numel / Math.Max(NumFeatures, 1) <= 1)
        {
            throw new ArgumentException($"{this}: Expected more than 1 value per channel when training, got input size {input.Shape}.", nameof(input));
        }

        double factor = Momentum ?? 0;
        if (Training && TrackRunningStats)
        {
            long batches = ++NumBatchesTracked!.AsWritableSpan<long>()[0];
            factor = Momentum ?? 1.0 / batches;
        }

        // Running statistics are updated only when training with tracking, and used only in evaluation.
        bool passRunning = !Training || TrackRunningStats;
        return Functional.BatchNorm(input, passRunning ? RunningMean : null, passRunning ? RunningVar : null, Weight, Bias,
            useBatchStats, factor, Eps);
    }

    protected override string ExtraRepr() =>
        $"{NumFeatures}, eps={PyFloat(Eps)}, momentum={(Momentum is double m ? PyFloat(m) : "None")}, affine={PyBool(Affine)}, track_running_stats={PyBool(TrackRunningStats)}";
}
