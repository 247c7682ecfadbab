namespace MlNetDl.Tensors.Kernels.Optim;

// Fused, in-place per-parameter updates: one pass over the parameter, its gradient and its state buffers,
// allocation-free. The arithmetic follows torch 1.13's _single_tensor_* functions operation by operation
// (scalars rounded to float as PyTorch does for float tensors; addcmul = self + (value * a) * b,
// addcdiv = self + (value * a) / b); the optimizers in Tensors/Optim document the algorithms.

/// <summary>Float coefficients of one SGD step.</summary>
internal readonly record struct SgdCoefficients(float NegLr, float WeightDecay, float Momentum, float OneMinusDampening, bool Nesterov);

/// <summary>Float coefficients of one Adam/AdamW step (ParamScale = 1 − lr·λ for AdamW's decoupled decay, 1 for Adam;
/// WeightDecay is Adam's L2 term added to the gradient, 0 for AdamW).</summary>
internal readonly record struct AdamCoefficients(
    float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float WeightDecay, float ParamScale,
    float NegStepSize, float BiasCorrection2Sqrt, float Eps, bool AmsGrad);

/// <summary>Float coefficients of one RMSprop step.</summary>
internal readonly record struct RmsPropCoefficients(
    float NegLr, float Alpha, float OneMinusAlpha, float Eps, float WeightDecay, float Momentum, bool Centered);

internal static class OptimizerKernels
{
    /// <summary>SGD; <paramref name="buffer"/> is empty without momentum and is overwritten with d on
    /// <paramref name="firstStep"/> (PyTorch initializes the buffer to the first gradient).</summary>
    public static void Sgd(Span<float> p, ReadOnlySpan<float> g, Span<float> buffer, bool firstStep, in SgdCoefficients c)
    {
        int i = 0;
        if (Simd512.IsSupported) i = Sgd<Simd512>(p, g, buffer, firstStep, c, i);
        if (Simd256.IsSupported) i = Sgd<Simd256>(p, g, buffer, firstStep, c, i);
        Sgd<Scalar1>(p, g, buffer, firstStep, c, i);
    }

    /// <summary>Adam and AdamW; <paramref name="maxExpAvgSq"/> is empty unless AmsGrad.</summary>
    public static void Adam(Span<float> p, ReadOnlySpan<float> g, Span<float> expAvg, Span<float> expAvgSq, Span<float> maxExpAvgSq, in AdamCoefficients c)
    {
        int i = 0;
        if (Simd512.IsSupported) i = Adam<Simd512>(p, g, expAvg, expAvgSq, maxExpAvgSq, c, i);
        if (Simd256.IsSupported) i = Adam<Simd256>(p, g, expAvg, expAvgSq, maxExpAvgSq, c, i);
        Adam<Scalar1>(p, g, expAvg, expAvgSq, maxExpAvgSq, c, i);
    }

    /// <summary>RMSprop; <paramref name="gradAvg"/> is empty unless centered, <paramref name="buffer"/> unless momentum &gt; 0.</summary>
    public static void RmsProp(Span<float> p, ReadOnlySpan<float> g, Span<float> squareAvg, Span<float> gradAvg, Span<float> buffer, in RmsPropCoefficients c)
    {
        int i = 0;
        if (Simd512.IsSupported) i = RmsProp<Simd512>(p, g, squareAvg, gradAvg, buffer, c, i);
        if (Simd256.IsSupported) i = RmsProp<Simd256>(p, g, squareAvg, gradAvg, buffer, c, i);
        RmsProp<Scalar1>(p, g, squareAvg, gradAvg, buffer, c, i);
    }

    private static int Sgd<V>(Span<float> p, ReadOnlySpan<float> g, Span<float> buffer, bool firstStep, in SgdCoefficients c, int i)
        where V : struct, ISimdFloat<V>
    {
        bool decay = c.WeightDecay != 0, momentum = c.Momentum != 0;
        V negLr = V.Splat(c.NegLr), wd = V.Splat(c.WeightDecay), mu = V.Splat(c.Momentum), damp = V.Splat(c.OneMinusDampening);
        for (; i <= p.Length - V.Count; i += V.Count)
        {
            V pv = V.Load(p, i);
            V d = V.Load(g, i);
            if (decay) d += wd * pv;
            if (momentum)
            {
                V buf = firstStep ? d : V.Load(buffer, i) * mu + damp * d;
                V.Store(buf, buffer, i);
                d = c.Nesterov ? d + mu * buf : buf;
            }

            V.Store(pv + negLr * d, p, i);
        }

        return i;
    }

    private static int Adam<V>(Span<float> p, ReadOnlySpan<float> g, Span<float> expAvg, Span<float> expAvgSq, Span<float> maxExpAvgSq, in AdamCoefficients c, int i)
        where V : struct, ISimdFloat<V>
    {
        bool decay = c.WeightDecay != 0;
        V b1 = V.Splat(c.Beta1), omb1 = V.Splat(c.OneMinusBeta1), b2 = V.Splat(c.Beta2), omb2 = V.Splat(c.OneMinusBeta2);
        V wd = V.Splat(c.WeightDecay), scale = V.Splat(c.ParamScale), negStep = V.Splat(c.NegStepSize);
        V bc2 = V.Splat(c.BiasCorrection2Sqrt), eps = V.Splat(c.Eps);
        for (; i <= p.Length - V.Count; i += V.Count)
        {
            V pv = V.Load(p, i);
            V gv = V.Load(g, i);
            if (decay) gv += wd * pv;
            V m = V.Load(expAvg, i) * b1 + omb1 * gv;
            V v = V.Load(expAvgSq, i) * b2 + omb2 * gv * gv;
            V.Store(m, expAvg, i);
            V.Store(v, expAvgSq, i);
            if (c.AmsGrad)
            {
                v = V.Max(V.Load(maxExpAvgSq, i), v);
                V.Store(v, maxExpAvgSq, i);
            }

            V denom = V.Sqrt(v) / bc2 + eps;
            V.Store(pv * scale + negStep * m / denom, p, i);
        }

        return i;
    }

    private static int RmsProp<V>(Span<float> p, ReadOnlySpan<float> g, Span<float> squareAvg, Span<float> gradAvg, Span<float> buffer, in RmsPropCoefficients c, int i)
        where V : struct, ISimdFloat<V>
    {
        bool decay = c.WeightDecay != 0, momentum = c.Momentum > 0;
        V negLr = V.Splat(c.NegLr), alpha = V.Splat(c.Alpha), oma = V.Splat(c.OneMinusAlpha), eps = V.Splat(c.Eps);
        V wd = V.Splat(c.WeightDecay), mu = V.Splat(c.Momentum), minusOne = V.Splat(-1f);
        for (; i <= p.Length - V.Count; i += V.Count)
        {
            V pv = V.Load(p, i);
            V gv = V.Load(g, i);
            if (decay) gv += wd * pv;
            V sq = V.Load(squareAvg, i) * alpha + oma * gv * gv;
            V.Store(sq, squareAvg, i);
            V avg;
            if (c.Centered)
            {
                V ga = V.Load(gradAvg, i) * alpha + oma * gv;
                V.Store(ga, gradAvg, i);
                avg = V.Sqrt(sq + minusOne * ga * ga);
            }
            else
            {
                avg = V.Sqrt(sq);
            }

            avg += eps;
            if (momentum)
            {
                V buf = V.Load(buffer, i) * mu + gv / avg;
                V.Store(buf, buffer, i);
                V.Store(pv + negLr * buf, p, i);
            }
            else
            {
                V.Store(pv + negLr * gv / avg, p, i);
            }
        }

        return i;
    }
}
