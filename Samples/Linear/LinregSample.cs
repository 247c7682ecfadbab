using System.Diagnostics;
using System.Globalization;
using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Pipelines.Metrics;
using MlNetDl.Samples.Plotting;
using static MlNetDl.Samples.LinearModels.LinearSampleHelpers;

namespace MlNetDl.Samples.LinearModels;

/// <summary>
/// The Concrete homework with closed-form least squares: on a CSV in Concrete_Data_Yeh.csv layout (header, feature
/// columns, target last; <c>--data FILE</c>) or, by default, scikit-learn's diabetes data: fit on all rows and
/// report the training MSE, then fit on the first 5..8 features over a seeded 75/25 split and report test MSE.
/// Plots: test MSE per feature count; predicted against actual for the model with every feature.
/// </summary>
internal static class LinregSample
{
    /// <summary>One row (Model Builder's input class); the feature count comes from the data's schema.</summary>
    public sealed class ModelInput
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    public sealed class ModelOutput
    {
        public float Label { get; set; }

        public float Score { get; set; }
    }

    public static int Run(SampleRun run)
    {
        var clock = Stopwatch.StartNew();
        var (x, y, d, source) = Load(run.Options.DataDirectory);
        int n = y.Length;
        run.Log.WriteLine($"linreg: {source}: {n} rows × {d} features");
        var context = new MLContext(run.Options.Seed);
        var all = Enumerable.Range(0, n).ToArray();
        run.Result("mse_all", Evaluate(context, Train(context, View(x, y, d, all, d)), View(x, y, d, all, d)).MeanSquaredError);

        var (trainRows, testRows) = Split(n, 0.75, run.Options.Seed);
        var counts = new List<int>();
        var mses = new List<double>();
        foreach (int f in Enumerable.Range(Math.Min(5, d), Math.Min(8, d) - Math.Min(5, d) + 1).Append(d).Distinct())
        {
            var model = Train(context, View(x, y, d, trainRows, f));
            double mse = Evaluate(context, model, View(x, y, d, testRows, f)).MeanSquaredError;
            run.Log.WriteLine($"first {f} features: test MSE {F(mse)}");
            run.Result($"mse_{f}", mse);
            counts.Add(f);
            mses.Add(mse);
        }

        // Consume: the model with every feature, one row at a time, then all test rows for the scatter plot.
        var full = Train(context, View(x, y, d, trainRows, d));
        var testView = View(x, y, d, testRows, d);
        var engine = context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(full, testView.Schema);
        var first = new ModelInput { Features = Rows(x, d, testRows[..1], d), Label = y[testRows[0]] };
        run.Log.WriteLine($"test row {testRows[0]}: actual {F(first.Label)}, predicted {F(engine.Predict(first).Score)}");
        var scored = context.Data.CreateEnumerable<ModelOutput>(full.Transform(testView), reuseRowObject: false, ignoreMissingColumns: true).ToList();

        new BarChart(mses)
        {
            Labels = [.. counts.Select(c => c.ToString(CultureInfo.InvariantCulture))], Title = "Least squares: test MSE by number of features",
            XLabel = "first k features", YLabel = "test MSE", ValuesName = "test MSE",
        }.SavePng(run.OutputPath("linreg-mse.png"));
        new ScatterChart([.. scored.Select(s => (double)s.Label)], [.. scored.Select(s => (double)s.Score)], new int[scored.Count])
        {
            Title = $"Predicted vs actual (test rows, {d} features)", XLabel = "actual", YLabel = "predicted", Legend = LegendPosition.None, IdentityLine = true,
        }.SavePng(run.OutputPath("linreg-predicted.png"));
        run.Result("r_squared", Evaluate(context, full, testView).RSquared);
        run.Result("seconds", clock.Elapsed.TotalSeconds);
        return 0;
    }

    /// <summary>Train: closed-form least squares on Features → Label.</summary>
    private static ITransformer Train(MLContext context, IDataView data) => context.Regression.Trainers.Ols().Fit(data);

    private static RegressionMetrics Evaluate(MLContext context, ITransformer model, IDataView data) =>
        context.Regression.Evaluate(model.Transform(data));

    private static IDataView View(float[] x, float[] y, int d, int[] rows, int features) =>
        new DataViewBuilder().AddVector("Features", Rows(x, d, rows, features), features).AddSingle("Label", [.. rows.Select(i => y[i])]).Build();

    private static (float[] X, float[] Y, int D, string Source) Load(string? file)
    {
        if (file is null)
        {
            var data = SklearnDatasets.LoadDiabetes();
            return (data.Features, data.Targets!, data.FeatureCount, "scikit-learn diabetes");
        }

        var rows = File.ReadLines(file).Skip(1).Where(l => l.Trim().Length > 0)
            .Select((l, i) => l.Split(',').Select(v => float.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f
                : throw new InvalidDataException($"{file}: line {i + 2}: '{v}' is not a number (expected a header line, then numeric columns with the target last).")).ToArray()).ToArray();
        if (rows.Length < 2 || rows[0].Length < 2)
        {
            throw new InvalidDataException($"{file}: needs at least 2 data rows of at least 2 columns (features, then the target); got {rows.Length} rows.");
        }

        int d = rows[0].Length - 1;
        return ([.. rows.SelectMany(r => r[..d])], [.. rows.Select(r => r[d])], d, file);
    }
}
