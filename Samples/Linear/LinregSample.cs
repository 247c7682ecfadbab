using System.Globalization;
using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using static MlNetDl.Samples.LinearModels.LinearSampleHelpers;

namespace MlNetDl.Samples.LinearModels;

/// <summary>
/// The Concrete homework with closed-form least squares: on a CSV in Concrete_Data_Yeh.csv layout (header, feature
/// columns, target last; <c>--data FILE</c>) or, by default, scikit-learn's diabetes data: fit on all rows and
/// report the training MSE, then fit on the first 5..8 features over a seeded 75/25 split and report test MSE.
/// </summary>
internal static class LinregSample
{
    public static int Run(SampleOptions options, TextWriter log)
    {
        var (x, y, d, source) = Load(options.DataDirectory);
        int n = y.Length;
        log.WriteLine($"linreg: {source}: {n} rows × {d} features");
        var context = new MLContext(options.Seed);
        Result(log, "mse_all", Mse(context, x, y, d, Enumerable.Range(0, n).ToArray(), Enumerable.Range(0, n).ToArray(), d));
        var (train, test) = Split(n, 0.75, options.Seed);
        for (int f = Math.Min(5, d); f <= Math.Min(8, d); f++)
        {
            double mse = Mse(context, x, y, d, train, test, f);
            log.WriteLine($"first {f} features: test MSE {F(mse)}");
            Result(log, $"mse_{f}", mse);
        }
        return 0;
    }

    private static double Mse(MLContext context, float[] x, float[] y, int d, int[] train, int[] test, int features)
    {
        IDataView View(int[] rows) => new DataViewBuilder().AddVector("Features", Rows(x, d, rows, features), features)
            .AddSingle("Label", [.. rows.Select(i => y[i])]).Build();
        var model = context.Regression.Trainers.Ols().Fit(View(train));
        return context.Regression.Evaluate(model.Transform(View(test))).MeanSquaredError;
    }

    private static (float[] X, float[] Y, int D, string Source) Load(string? file)
    {
        if (file is null)
        {
            var data = SklearnDatasets.LoadDiabetes();
            return (data.Features, data.Targets!, data.FeatureCount, "scikit-learn diabetes");
        }
        var rows = File.ReadLines(file).Skip(1).Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        int d = rows[0].Length - 1;
        return ([.. rows.SelectMany(r => r[..d])], [.. rows.Select(r => r[d])], d, file);
    }
}
