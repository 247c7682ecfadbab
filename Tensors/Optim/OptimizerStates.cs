namespace MlNetDl.Tensors.Optim;

/// <summary>Per-parameter state of <see cref="SGD"/>: the momentum buffer (empty without momentum).</summary>
public sealed class SgdState
{
    internal SgdState(int length, bool momentum) => Buffer = momentum ? new float[length] : [];

    internal float[] Buffer { get; }

    /// <summary>Updates applied to this parameter (steps where it had no gradient are not counted).</summary>
    public long Step { get; internal set; }

    /// <summary>PyTorch's <c>momentum_buffer</c>; empty when momentum is 0.</summary>
    public ReadOnlySpan<float> MomentumBuffer => Buffer;
}

/// <summary>Per-parameter state of <see cref="Adam"/> and <see cref="AdamW"/>.</summary>
public sealed class AdamState
{
    internal AdamState(int length, bool amsgrad)
    {
        ExpAvgBuffer = new float[length];
        ExpAvgSqBuffer = new float[length];
        MaxExpAvgSqBuffer = amsgrad ? new float[length] : [];
    }

    internal float[] ExpAvgBuffer { get; }

    internal float[] ExpAvgSqBuffer { get; }

    internal float[] MaxExpAvgSqBuffer { get; }

    /// <summary>Updates applied to this parameter; drives the bias corrections.</summary>
    public long Step { get; internal set; }

    /// <summary>First moment m (PyTorch's <c>exp_avg</c>).</summary>
    public ReadOnlySpan<float> ExpAvg => ExpAvgBuffer;

    /// <summary>Second moment v (PyTorch's <c>exp_avg_sq</c>).</summary>
    public ReadOnlySpan<float> ExpAvgSq => ExpAvgSqBuffer;

    /// <summary>Running maximum of v (PyTorch's <c>max_exp_avg_sq</c>); empty unless amsgrad.</summary>
    public ReadOnlySpan<float> MaxExpAvgSq => MaxExpAvgSqBuffer;
}

/// <summary>Per-parameter state of <see cref="RMSprop"/>.</summary>
public sealed class RmsPropState
{
    internal RmsPropState(int length, bool centered, bool momentum)
    {
        SquareAvgBuffer = new float[length];
        GradAvgBuffer = centered ? new float[length] : [];
        MomentumBufferArray = momentum ? new float[length] : [];
    }

    internal float[] SquareAvgBuffer { get; }

    internal float[] GradAvgBuffer { get; }

    internal float[] MomentumBufferArray { get; }

    public long Step { get; internal set; }

    /// <summary>Running mean of g² (PyTorch's <c>square_avg</c>).</summary>
    public ReadOnlySpan<float> SquareAvg => SquareAvgBuffer;

    /// <summary>Running mean of g (PyTorch's <c>grad_avg</c>); empty unless centered.</summary>
    public ReadOnlySpan<float> GradAvg => GradAvgBuffer;

    /// <summary>PyTorch's <c>momentum_buffer</c>; empty when momentum is 0.</summary>
    public ReadOnlySpan<float> MomentumBuffer => MomentumBufferArray;
}
