using System.Globalization;
using MlNetDl.Samples;
using MlNetDl.Samples.LinearModels;

namespace MlNetDl.UnitTests.Samples;

public class LinearSampleTests
{
    public static TheoryData<string, string, double, double> Cases => new()
    {
        { "linreg", "mse_all", 2000, 3500 },          // diabetes OLS training MSE ≈ 2859
        { "linreg", "mse_8", 1500, 5000 },
        { "newton-logreg", "accuracy_exact", 0.95, 1.0 },
        { "newton-logreg", "accuracy_diagonal", 0.9, 1.0 },
        { "softmax", "accuracy", 0.6, 1.0 },         // 10 classes: chance is 0.1
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void QuickRunPrintsResultInRange(string sample, string result, double low, double high)
    {
        var output = new StringWriter();
        Func<SampleOptions, TextWriter, int> run = sample switch
        {
            "linreg" => LinregSample.Run,
            "newton-logreg" => NewtonLogregSample.Run,
            _ => SoftmaxSample.Run,
        };
        Assert.Equal(0, run(new SampleOptions { Quick = true }, output));
        var results = output.ToString().Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            .Select(l => l[7..].Trim().Split('=')).ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        Assert.InRange(results[result], low, high);
    }
}
