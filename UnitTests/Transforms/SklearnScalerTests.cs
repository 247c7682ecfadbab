using System.Globalization;
using MlNetDl.Pipelines;
using MlNetDl.UnitTests.Pipelines.Loaders;
using Xunit.Abstractions;

namespace MlNetDl.UnitTests.Transforms;

/// <summary>
/// Against scikit-learn's scalers, fitted on a train table and applied to a test table. Convention map:
/// NormalizeMinMax(fixZero: false) = MinMaxScaler; NormalizeMinMax(fixZero: true, ML.NET's default) = MaxAbsScaler
/// (not MinMaxScaler); NormalizeMeanVariance(fixZero: false) = StandardScaler (both use the population std);
/// ML.NET's default fixZero: true = StandardScaler(with_mean=False) only for zero-mean data (it divides by the root
/// mean square, not the std). Constant columns: sklearn leaves them unscaled (scale 1), ML.NET maps them to 0.
/// </summary>
public sealed class SklearnScalerTests(ITestOutputHelper output)
{
    private static readonly float[][] Train = [[1.5f, -3, 10], [2, 0.25f, 12], [-0.5f, 4, 11], [3.25f, 1, 9.5f], [0, -2, 10.5f]];
    private static readonly float[][] Test = [[5, -1, 10], [-2, 8, 20]];

    public static TheoryData<string, Func<MLContext, IEstimator<ITransformer>>> Cases => new()
    {
        { "MinMaxScaler()", c => c.Transforms.NormalizeMinMax("Y", "X", fixZero: false) },
        { "MaxAbsScaler()", c => c.Transforms.NormalizeMinMax("Y", "X") },
        { "StandardScaler()", c => c.Transforms.NormalizeMeanVariance("Y", "X", fixZero: false) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesSklearnScaler(string scaler, Func<MLContext, IEstimator<ITransformer>> make)
    {
        if (!NumPyPython.SklearnAvailable)
        {
            output.WriteLine("SKIPPED: /usr/bin/python3 with scikit-learn is absent (apt-get install python3-sklearn); the sklearn comparison did not run.");
            return;
        }
        string Table(float[][] rows) => string.Join(";", rows.Select(r => string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        string script = "import sys, numpy as np\nfrom sklearn.preprocessing import *\n" +
            "parse = lambda s: np.array([[float(v) for v in r.split(',')] for r in s.split(';')], dtype=np.float64)\n" +
            $"y = {scaler}.fit(parse(sys.argv[1])).transform(parse(sys.argv[2]))\n" +
            "print(';'.join(','.join(repr(float(v)) for v in r) for r in y))";
        var expected = NumPyPython.RunChecked(script, Table(Train), Table(Test)).Trim().Split(';')
            .Select(r => r.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var ml = new MLContext(1);
        var actual = NormalizerTests.Rows(make(ml).Fit(NormalizerTests.Vectors(Train)).Transform(NormalizerTests.Vectors(Test)));
        for (int r = 0; r < Test.Length; r++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[r][j], actual[r][j], 1e-6 * Math.Max(1, Math.Abs(expected[r][j]))); // float output: relative 1e-6
            }
        }
    }
}
