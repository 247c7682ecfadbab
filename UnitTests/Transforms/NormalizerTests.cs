using MlNetDl.Pipelines;
using MlNetDl.Transforms;

namespace MlNetDl.UnitTests.Transforms;

/// <summary>Normalizers against hand computation (in double), ML.NET's documented sample output, and the
/// conventions that matter: fitted on training data only, shapes kept, constant slots, NaN.</summary>
public class NormalizerTests
{
    private static readonly MLContext Ml = new(seed: 1);

    /// <summary>Rows × size floats as a vector column "X" with the given dims.</summary>
    internal static InMemoryDataView Vectors(float[][] rows, params int[] dims) =>
        new DataViewBuilder().AddVector("X", [.. rows.SelectMany(r => r)], dims.Length == 0 ? [rows[0].Length] : dims).Build();

    internal static float[][] Rows(IDataView view, string column = "Y") => [.. view.GetColumn<float[]>(column)];

    /// <summary>ML.NET's NormalizeMeanVariance sample (docs/samples/.../NormalizeMeanVariance.cs), 4 decimals as printed there.</summary>
    private static readonly float[][] SampleRows = [[1, 1, 3, 0], [2, 2, 2, 0], [0, 0, 1, 0], [-1, -1, -1, 1]];

    [Fact]
    public void MeanVarianceMatchesMlNetDocumentedSample()
    {
        var data = Vectors(SampleRows);
        double[][] fixZero = [[0.8165, 0.8165, 1.5492, 0], [1.6330, 1.6330, 1.0328, 0], [0, 0, 0.5164, 0], [-0.8165, -0.8165, -0.5164, 2]];
        double[][] cdf = [[0.6726, 0.6726, 0.8816, 0.2819], [0.9101, 0.9101, 0.6939, 0.2819], [0.3274, 0.3274, 0.4329, 0.2819], [0.0899, 0.0899, 0.0641, 0.9584]];
        var affine = Rows(Ml.Transforms.NormalizeMeanVariance("Y", "X").Fit(data).Transform(data));
        var model = Ml.Transforms.NormalizeMeanVariance("Y", "X", useCdf: true).Fit(data);
        var cdfOut = Rows(model.Transform(data));
        for (int r = 0; r < 4; r++)
        {
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(fixZero[r][j], affine[r][j], 4);
                // ML.NET's erf approximation is good to ~1e-4; ours to 1e-7.
                Assert.Equal(cdf[r][j], cdfOut[r][j], 0.00015);
            }
        }
        var p = Assert.IsType<CdfNormalizerModel>(model.Model);
        Assert.Equal(0.5f, p.Mean[1]);
        Assert.Equal(1.118034f, p.StandardDeviation[1], 6); // population std, as the sample prints
    }

    public static TheoryData<string, bool, Func<double[], double, double>> AffineCases => new()
    {
        // column x of training data → expected y for a value v (hand formulas, double precision)
        { "MinMax", true, (x, v) => v / Math.Max(Math.Abs(x.Min()), Math.Abs(x.Max())) },
        { "MinMax", false, (x, v) => (v - x.Min()) / (x.Max() - x.Min()) },
        { "MeanVariance", true, (x, v) => v / Math.Sqrt(x.Select(a => a * a).Average()) },
        { "MeanVariance", false, (x, v) => (v - x.Average()) / Math.Sqrt(x.Select(a => (a - x.Average()) * (a - x.Average())).Average()) },
    };

    private static NormalizingEstimator Make(string kind, bool fixZero, string output = "Y", string input = "X") => kind == "MinMax"
        ? Ml.Transforms.NormalizeMinMax(output, input, fixZero: fixZero)
        : Ml.Transforms.NormalizeMeanVariance(output, input, fixZero: fixZero);

    [Theory]
    [MemberData(nameof(AffineCases))]
    public void FitOnTrainOnlyThenApplyUnchangedToTest(string kind, bool fixZero, Func<double[], double, double> expected)
    {
        // The logistic-regression homework bug: normalizing the test set with its own statistics.
        float[][] train = [[-2, 10], [4, 30], [1, 20], [3, 60]];
        float[][] test = [[100, -5], [0, 0], [-7, 1000]];
        var model = Make(kind, fixZero).Fit(Vectors(train));
        var output = Rows(model.Transform(Vectors(test)));
        var ownStats = Rows(Make(kind, fixZero).Fit(Vectors(test)).Transform(Vectors(test)));
        for (int j = 0; j < 2; j++)
        {
            double[] column = [.. train.Select(r => (double)r[j])];
            for (int r = 0; r < test.Length; r++)
            {
                double want = expected(column, test[r][j]);
                Assert.Equal(want, output[r][j], 1e-6 * Math.Max(1, Math.Abs(want))); // float output: relative 1e-6
            }
            Assert.Equal(column.Min(), model.Statistics!.Minimum[j]);
            Assert.Equal(column.Average(), model.Statistics.Mean[j], 12);
        }
        Assert.NotEqual(ownStats[0][1], output[0][1]);
        // The transformer is immutable: a second transform of other data leaves the constants as they were.
        var again = Rows(model.Transform(Vectors(test)));
        Assert.Equal(output, again);
    }

    [Fact]
    public void ScalarSingleColumnIsNormalized()
    {
        var data = new DataViewBuilder().AddSingle("Age", [20, 30, 40]).Build();
        var y = Ml.Transforms.NormalizeMinMax("Y", "Age", fixZero: false).Fit(data).Transform(data).GetColumn<float>("Y").ToArray();
        Assert.Equal([0f, 0.5f, 1f], y);
        var model = Ml.Transforms.NormalizeMinMax("Y", "Age").Fit(data);
        var affine = Assert.IsType<AffineNormalizerModel>(model.Model);
        Assert.Equal(1 / 40f, affine.Scale[0]);
        Assert.Equal(0f, affine.Offset[0]);
        Assert.Equal(NumberDataViewType.Single, model.Transform(data).Schema["Y"].Type);
    }

    [Fact]
    public void ImageShapedVectorKeepsItsShape()
    {
        var rng = new Random(3);
        var pixels = new float[5 * 784];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = rng.Next(256);
        }
        var data = new DataViewBuilder().AddVector("Image", pixels, 1, 28, 28).Build();
        foreach (var estimator in new IEstimator<ITransformer>[]
        {
            Ml.Transforms.NormalizeMinMax("Image"),
            Ml.Transforms.NormalizeMeanVariance("Out", "Image"),
            Ml.Transforms.NormalizeMeanStd("Out", "Image", [0.1307f * 255], [0.3081f * 255]),
        })
        {
            var output = estimator.Fit(data).Transform(data);
            var name = output.Schema.Last().Name;
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 1, 28, 28), output.Schema[name].Type);
            using var scope = MlNetDl.Tensors.TensorScope.Begin();
            var batch = output.GetBatches(5, name).Single();
            Assert.Equal([5, 1, 28, 28], batch.GetTensor(name).Shape.ToArray());
        }
    }

    [Fact]
    public void MeanStdIsPerChannelOnAThreeChannelImage()
    {
        // [3, 2, 2]: channel c occupies slots 4c..4c+3, as torchvision's Normalize on a C×H×W tensor.
        float[] image = [0, 0.25f, 0.5f, 1, 0.1f, 0.2f, 0.3f, 0.4f, 1, 1, 0, 0];
        float[] mean = [0.485f, 0.456f, 0.406f];
        float[] std = [0.229f, 0.224f, 0.225f];
        var data = new DataViewBuilder().AddVector("X", image, 3, 2, 2).Build();
        var y = Rows(Ml.Transforms.NormalizeMeanStd("Y", "X", mean, std).Fit(data).Transform(data))[0];
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal((image[i] - mean[i / 4]) / std[i / 4], y[i]); // same float operations as torch: exact
        }
        // One value for all slots, and one per slot, are accepted too; 2 values for 3 channels are not.
        Assert.Equal((image[5] - 0.5f) / 2f, Rows(Ml.Transforms.NormalizeMeanStd("Y", "X", [0.5f], [2f]).Fit(data).Transform(data))[0][5]);
        var e = Assert.Throws<SchemaMismatchException>(() => Ml.Transforms.NormalizeMeanStd("Y", "X", [0, 0], [1, 1]).Fit(data));
        Assert.Contains("with 2 channels (first dimension) or slots", e.Message);
        Assert.Throws<SchemaMismatchException>(() => Ml.Transforms.NormalizeMeanStd("Y", "X", [0, 0], [1, 1]).GetOutputSchema(SchemaShape.Create(data.Schema)));
    }

    [Fact]
    public void ConstantSlotsMapToZeroAsInMlNet()
    {
        float[][] train = [[5, 1], [5, 2], [5, 3]];
        var data = Vectors(train);
        foreach (var estimator in new[]
        {
            Ml.Transforms.NormalizeMinMax("Y", "X"), Ml.Transforms.NormalizeMinMax("Y", "X", fixZero: false),
            Ml.Transforms.NormalizeMeanVariance("Y", "X"), Ml.Transforms.NormalizeMeanVariance("Y", "X", fixZero: false),
            Ml.Transforms.NormalizeMeanVariance("Y", "X", useCdf: true),
        })
        {
            var model = estimator.Fit(data);
            var y = Rows(model.Transform(Vectors([[5, 3], [7, 3]])));
            Assert.Equal(0f, y[0][0]);
            Assert.Equal(0f, y[1][0]); // even a value never seen: the slot carries no information
            Assert.True(float.IsFinite(y[0][1]) && y[0][1] != 0f, $"{estimator.Options}: the varying slot is normalized, got {y[0][1]}");
        }
    }

    [Fact]
    public void NaNIsSkippedWhenFittingAndStaysNaN()
    {
        float[][] train = [[float.NaN, 1], [2, float.NaN], [4, float.PositiveInfinity], [float.NaN, 3]];
        var model = Ml.Transforms.NormalizeMinMax("Y", "X", fixZero: false).Fit(Vectors(train));
        Assert.Equal([2L, 2L], model.Statistics!.Count.ToArray());
        Assert.Equal([2.0, 1.0], model.Statistics.Minimum.ToArray());
        Assert.Equal([4.0, 3.0], model.Statistics.Maximum.ToArray());
        var y = Rows(model.Transform(Vectors([[float.NaN, 2], [3, float.NaN]])));
        Assert.True(float.IsNaN(y[0][0]));
        Assert.Equal(0.5f, y[0][1]);
        Assert.Equal(0.5f, y[1][0]);
        Assert.True(float.IsNaN(y[1][1]));
        // An all-NaN slot: scale 0 (finite → 0, NaN stays NaN).
        var allNaN = Ml.Transforms.NormalizeMeanVariance("Y", "X").Fit(Vectors([[float.NaN], [float.NaN]]));
        Assert.Equal([0f, float.NaN], Rows(allNaN.Transform(Vectors([[3], [float.NaN]]))).Select(r => r[0]).ToArray());
    }

    [Fact]
    public void StatisticsStreamOverBatchesAndRespectMaximumExampleCount()
    {
        // 3000 rows (three batches) around 1e4: a naive Σx² − n·mean² in float would lose the variance.
        var rng = new Random(7);
        var rows = Enumerable.Range(0, 3000).Select(_ => new[] { 10_000f + (float)rng.NextDouble(), (float)rng.NextDouble() - 0.5f }).ToArray();
        var model = Ml.Transforms.NormalizeMeanVariance("Y", "X", fixZero: false).Fit(Vectors(rows));
        for (int j = 0; j < 2; j++)
        {
            double mean = rows.Average(r => (double)r[j]);
            double variance = rows.Average(r => (r[j] - mean) * (r[j] - mean));
            Assert.Equal(mean, model.Statistics!.Mean[j], 9);
            Assert.Equal(variance, model.Statistics.Variance[j], 12);
        }
        var limited = Ml.Transforms.NormalizeMinMax("Y", "X", maximumExampleCount: 1500).Fit(Vectors(rows));
        Assert.Equal(1500, limited.Statistics!.Count[0]);
        Assert.Equal(rows.Take(1500).Max(r => (double)r[1]), limited.Statistics.Maximum[1]);
    }

    [Fact]
    public void OptionsAreValidatedWithUniformMessages()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Transforms.NormalizeMinMax("Y", "X", maximumExampleCount: 1));
        Assert.StartsWith("The 'MaximumExampleCount' option of NormalizeMinMax must be an integer in [2, ∞). Got 1.", e.Message);
        var s = Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Transforms.NormalizeMeanStd("Y", "X", [0, 0], [1, 0]));
        Assert.StartsWith("The 'StandardDeviation[1]' option of NormalizeMeanStd must be a number in (0, ", s.Message);
        var l = Assert.Throws<ArgumentException>(() => Ml.Transforms.NormalizeMeanStd("Y", "X", [0, 0], [1]));
        Assert.Contains("same length. Got 2 and 1 values", l.Message);
    }

    [Fact]
    public void FittedTransformerRejectsAnotherShape()
    {
        var model = Ml.Transforms.NormalizeMinMax("Y", "X").Fit(Vectors([[1, 2], [3, 4]]));
        var e = Assert.Throws<SchemaMismatchException>(() => model.Transform(Vectors([[1, 2, 3]])));
        Assert.Contains("expected Vector<Single, 2> (the type it was fitted on), got Vector<Single, 3>", e.Message);
    }
}
