using System.Diagnostics;
using System.Globalization;
using MlNetDl.Tensors.Kernels.Conv;

namespace MlNetDl.Benchmarks.Conv;

/// <summary>
/// <c>conv-parts</c>: times the kernel phases of the MNIST CNN's second convolution (5×5 32→64 on 12×12, batch 64)
/// separately — forward, weight gradient only, input gradient only, both — min and median of 30 calls, with the
/// weight-gradient GEMM reading SGEMM's transposed packing and the block-transposed columns
/// (<see cref="ImageSplitConv.TransposeColumns"/>), interleaved, so the two are compared in one run.
/// </summary>
internal static class ConvParts
{
    public static int Run(string[] args)
    {
        int n = 64, c = 32, o = 64, h = 12, k = 5, oh = h - k + 1;
        var g = new ConvGeometry(c, h, h, k, k, 1, 1, 0, 0, 1, 1, oh, oh);
        var rng = new Random(0);
        float[] x = Fill(n * c * h * h, rng), w = Fill(o * c * k * k, rng), b = Fill(o, rng), gy = Fill(n * o * oh * oh, rng);
        float[] y = new float[gy.Length], dx = new float[x.Length], dw = new float[w.Length], db = new float[o];
        foreach (bool split in new[] { false, true, false, true })
        {
            // Interleaved, so load changes on the machine hit both paths alike.
            ImageSplitConv.TransposeColumns = split;
            Console.WriteLine(split ? "block transpose:" : "SGEMM transB:");
            Time("forward", () => Conv2dKernels.Forward(g, n, 1, o, x, w, b, y));
            Time("dW+db", () => Conv2dKernels.Backward(g, n, 1, o, x, w, gy, default, false, dw, true, db));
            Time("dx", () => Conv2dKernels.Backward(g, n, 1, o, x, w, gy, dx, true, default, false, default));
            Time("dx+dW+db", () => Conv2dKernels.Backward(g, n, 1, o, x, w, gy, dx, true, dw, true, db));
        }

        ImageSplitConv.Enabled = true;
        return 0;
    }

    private static float[] Fill(int len, Random rng)
    {
        var a = new float[len];
        for (int i = 0; i < len; i++) a[i] = (float)(rng.NextDouble() * 2 - 1);
        return a;
    }

    private static void Time(string name, Action act)
    {
        for (int i = 0; i < 10; i++) act();
        var t = new double[30];
        for (int i = 0; i < t.Length; i++)
        {
            long s = Stopwatch.GetTimestamp();
            act();
            t[i] = Stopwatch.GetElapsedTime(s).TotalMilliseconds;
        }

        Array.Sort(t);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-10} min {t[0]:F3} ms  median {t[15]:F3} ms"));
    }
}
