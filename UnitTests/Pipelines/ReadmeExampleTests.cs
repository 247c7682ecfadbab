using MlNetDl.Pipelines;

namespace MlNetDl.UnitTests.Pipelines;

/// <summary>The README's pipeline example, kept compiling and running.</summary>
public class ReadmeExampleTests
{
    public sealed class Flower
    {
        public float SepalLength { get; set; }
        public float SepalWidth { get; set; }
        [VectorType(2)] public float[] Petal { get; set; } = [];
    }

    public sealed class Prediction
    {
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void ThreeLinePipelineRuns()
    {
        Flower[] flowers = [new() { SepalLength = 5.1f, SepalWidth = 3.5f, Petal = [1.4f, 0.2f] }, new() { SepalLength = 6.3f, SepalWidth = 2.9f, Petal = [5.6f, 1.8f] }];

        // README: start
        var mlContext = new MLContext(seed: 0);
        var data = mlContext.Data.LoadFromEnumerable(flowers);
        var model = mlContext.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "Petal").Append(mlContext.Transforms.DropColumns("Petal")).Fit(data);
        // README: end

        var predicted = mlContext.Model.CreatePredictionEngine<Flower, Prediction>(model).Predict(flowers[1]);
        Assert.Equal(new[] { 6.3f, 2.9f, 5.6f, 1.8f }, predicted.Features);
    }
}
