using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Trainers.Network;

/// <summary>Data sets and helpers of the network trainer tests.</summary>
internal static class NetworkTestData
{
    /// <summary>Three Gaussian blobs in 2-D centred at (−3, 0), (3, 0), (0, 4), σ = 0.6: linearly separable with
    /// a wide margin. Features Vector&lt;Single, 2&gt;, Label Key of 3.</summary>
    public static InMemoryDataView Blobs(int rows, int seed)
    {
        var g = new Generator(seed);
        (float X, float Y)[] centres = [(-3, 0), (3, 0), (0, 4)];
        var x = new float[rows * 2];
        var y = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            int c = i % 3;
            y[i] = c;
            x[2 * i] = centres[c].X + 0.6f * (float)g.NextNormal();
            x[2 * i + 1] = centres[c].Y + 0.6f * (float)g.NextNormal();
        }
        return new DataViewBuilder().AddVector("Features", x, 2).AddKey("Label", y, 3).Build();
    }

    /// <summary>8×8 single-channel images whose class is the quadrant holding a bright 3×3 patch (top-left,
    /// top-right, bottom half) over noise. Features Vector&lt;Single, 1, 8, 8&gt;, Label Key of 3.</summary>
    public static InMemoryDataView Patches(int rows, int seed)
    {
        var g = new Generator(seed);
        var x = new float[rows * 64];
        var y = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            int c = i % 3;
            y[i] = c;
            var image = x.AsSpan(i * 64, 64);
            for (int p = 0; p < 64; p++)
            {
                image[p] = 0.3f * (float)g.NextNormal();
            }
            int top = c == 2 ? 4 + (int)g.NextInt64(2) : (int)g.NextInt64(2);
            int left = c == 1 ? 4 + (int)g.NextInt64(2) : (int)g.NextInt64(c == 2 ? 6 : 2);
            for (int r = top; r < top + 3; r++)
            {
                for (int q = left; q < left + 3; q++)
                {
                    image[r * 8 + q] += 2f;
                }
            }
        }
        return new DataViewBuilder().AddVector("Features", x, 1, 8, 8).AddKey("Label", y, 3).Build();
    }

    /// <summary>scikit-learn's digits (1797 × 64, pixels 0…16 scaled to [0, 1]): every fifth row (360) for testing,
    /// the other 1437 for training (the file is ordered by writer, so a prefix split would test on unseen writers only).</summary>
    public static (InMemoryDataView Train, InMemoryDataView Test) Digits()
    {
        var digits = SklearnDatasets.LoadDigits();
        InMemoryDataView Part(Func<int, bool> keep)
        {
            var rows = Enumerable.Range(0, digits.Count).Where(keep).ToArray();
            var x = rows.SelectMany(r => digits.Features.AsSpan(r * 64, 64).ToArray()).Select(v => v / 16f).ToArray();
            return new DataViewBuilder().AddVector("Features", x, 64).AddKey("Label", rows.Select(r => digits.Labels![r]).ToArray(), 10).Build();
        }
        return (Part(r => r % 5 != 0), Part(r => r % 5 == 0));
    }

    /// <summary>Every parameter and buffer value of a module, in state-dict order (for bitwise comparisons).</summary>
    public static float[] StateValues(MlNetDl.Tensors.Nn.Module module) =>
        [.. module.StateDict().Where(s => s.Value.DType == DType.Float32).SelectMany(s => s.Value.ToFloatArray())];

    /// <summary>Reports delivered synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    public sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
