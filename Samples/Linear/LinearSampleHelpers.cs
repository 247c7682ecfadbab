using System.Globalization;
using MlNetDl.Pipelines;

namespace MlNetDl.Samples.LinearModels;

/// <summary>Row selection, standardization and number formatting shared by the linear samples.</summary>
internal static class LinearSampleHelpers
{
    /// <summary>Rows [0, n) shuffled with <paramref name="seed"/>, split into train (first ⌈fraction·n⌉) and test.</summary>
    public static (int[] Train, int[] Test) Split(int n, double trainFraction, int seed)
    {
        var order = new MlNetDl.Tensors.Generator(seed).Permutation(n);
        int train = (int)Math.Round(trainFraction * n);
        return (order[..train], order[train..]);
    }

    /// <summary>The given rows and first <paramref name="take"/> of <paramref name="d"/> features, row-major.</summary>
    public static float[] Rows(float[] x, int d, int[] rows, int take)
    {
        var result = new float[rows.Length * take];
        for (int r = 0; r < rows.Length; r++) { x.AsSpan(rows[r] * d, take).CopyTo(result.AsSpan(r * take, take)); }
        return result;
    }

    /// <summary>Standardizes train and test in place with the training columns' mean and population std.</summary>
    public static void Standardize(float[] train, float[] test, int d)
    {
        int n = train.Length / d;
        for (int j = 0; j < d; j++)
        {
            double mean = 0, sq = 0;
            for (int i = 0; i < n; i++) { mean += train[i * d + j]; }
            mean /= n;
            for (int i = 0; i < n; i++) { double c = train[i * d + j] - mean; sq += c * c; }
            double std = Math.Sqrt(sq / n);
            std = std == 0 ? 1 : std;
            foreach (var x in new[] { train, test })
            {
                for (int i = 0; i < x.Length / d; i++) { x[i * d + j] = (float)((x[i * d + j] - mean) / std); }
            }
        }
    }

    public static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
