using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Kernels.Pool;

/// <summary>Per-plane scaling of [P, S] data (channel dropout's forward and backward).</summary>
internal static class ChannelKernels
{
    /// <summary>y[p] = x[p]·scale[p] for each plane of <paramref name="planeSize"/> elements (channel dropout's
    /// forward and backward).</summary>
    public static void ScalePlanes(ReadOnlyMemory<float> x, ReadOnlyMemory<float> scale, Memory<float> y, int planeSize)
    {
        int planes = scale.Length;
        PlaneParallel.For(planes, planeSize, (start, end) =>
        {
            var xs = x.Span;
            var ss = scale.Span;
            var ys = y.Span;
            for (int p = start; p < end; p++)
            {
                TensorPrimitives.Multiply(xs.Slice(p * planeSize, planeSize), ss[p], ys.Slice(p * planeSize, planeSize));
            }
        });
    }
}
