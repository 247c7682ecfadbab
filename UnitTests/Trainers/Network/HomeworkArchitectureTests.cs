using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using MlNetDl.Trainers.Network;

namespace MlNetDl.UnitTests.Trainers.Network;

/// <summary>The course's CNN homeworks written as layer descriptions: shapes and parameter counts as the course
/// (and Keras's model.summary()) give them.</summary>
public class HomeworkArchitectureTests
{
    private static (long Parameters, string[] Shapes) Describe(IReadOnlyList<LayerSpec> body, int[] input, int classes)
    {
        var (network, layers) = NetworkBuilder.BuildClassifier("Cnn", input, body, classes, new LayerGenerators(new Generator(0), new Generator(0)));
        var shapes = new List<string>();
        var x = Tensor.Zeros(new Shape([2, .. input]));
        network.Eval();
        using var noGrad = MlNetDl.Tensors.Autograd.GradMode.NoGrad();
        for (int i = 0; i < network.Count; i++)
        {
            x = network[i].Call(x);
            shapes.Add(string.Join("x", x.Shape.ToArray().Skip(1)));
        }
        Assert.Equal(layers.Count, network.Count);
        return (network.ParameterCount(), [.. shapes]);
    }

    [Fact]
    public void SignsConvNetHasTheCourseShapes()
    {
        // CONV2D 8×4×4 'SAME' → RELU → MAXPOOL 8×8 'SAME' → CONV2D 16×2×2 'SAME' → RELU → MAXPOOL 4×4 'SAME' → FLATTEN → FC 6.
        LayerSpec[] signs =
        [
            LayerSpec.Conv(8, 4, samePadding: true), LayerSpec.ReLU, LayerSpec.MaxPool(8, ceilMode: true),
            LayerSpec.Conv(16, 2, samePadding: true), LayerSpec.ReLU, LayerSpec.MaxPool(4, ceilMode: true),
        ];
        var (parameters, shapes) = Describe(signs, [3, 64, 64], 6);
        Assert.Equal(["8x64x64", "8x64x64", "8x8x8", "16x8x8", "16x8x8", "16x2x2", "64", "6"], shapes);
        Assert.Equal(3 * 8 * 16 + 8 + 8 * 16 * 4 + 16 + 64 * 6 + 6, parameters);
        // The estimator accepts it for 64×64 RGB features and predicts 6 classes.
        var schema = new DataViewSchema.Builder();
        schema.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, 3, 64, 64));
        schema.AddColumn("Label", new KeyDataViewType(typeof(uint), 6));
        var output = new MLContext(1).MulticlassClassification.Trainers.Cnn(signs).GetOutputSchema(SchemaShape.Create(schema.ToSchema()));
        Assert.True(output.TryFindColumn("Score", out var score));
        Assert.Equal([6], score.Dimensions.ToArray());
    }

    [Fact]
    public void MnistConvNetHasKerasParameterCount()
    {
        // Keras's mnist_cnn example: 1,199,882 trainable parameters.
        LayerSpec[] mnist =
        [
            LayerSpec.Conv(32, 3), LayerSpec.ReLU, LayerSpec.Conv(64, 3), LayerSpec.ReLU, LayerSpec.MaxPool(2), LayerSpec.Dropout(0.25),
            LayerSpec.Flatten(), LayerSpec.Dense(128), LayerSpec.ReLU, LayerSpec.Dropout(0.5),
        ];
        var (parameters, shapes) = Describe(mnist, [1, 28, 28], 10);
        Assert.Equal(1_199_882, parameters);
        Assert.Equal(["32x26x26", "32x26x26", "64x24x24", "64x24x24", "64x12x12", "64x12x12", "9216", "128", "128", "128", "10"], shapes);
    }
}
