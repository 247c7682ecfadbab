using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Nn;

public class ShapeLayerTests
{
    public static TheoryData<string, int[], int[]> Cases() => new()
    {
        { "flatten", [2, 3, 4, 5], [2, 60] },
        { "flatten_all", [2, 3, 4], [24] },
        { "flatten_middle", [2, 3, 4, 5], [2, 12, 5] },
        { "unflatten", [2, 12], [2, 3, 4] },
        { "unflatten_inferred", [2, 12, 5], [2, 2, 6, 5] },
        { "unflatten_last", [2, 6], [2, 3, 2] },
        { "identity", [2, 3], [2, 3] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OutputShapeAndValues(string name, int[] input, int[] output)
    {
        Module<Tensor, Tensor> layer = Make(name);
        var x = Tensor.Arange(new Shape(input).Numel).Reshape(input);
        var y = layer.Call(x);
        Assert.Equal(new Shape(output), y.Shape);
        Assert.Equal(x.ToFloatArray(), y.ToFloatArray());
    }

    [Fact]
    public void ReshapingLayersPassGradientsThrough()
    {
        var x = Tensor.Ones(2, 3, 2).RequiresGradInPlace();
        new Unflatten(1, 2, 3).Call(new Flatten().Call(x)).Sum().Backward();
        Assert.Equal(Enumerable.Repeat(1f, 12), x.Grad!.ToFloatArray());
    }

    [Theory]
    [InlineData("flatten", "Flatten(start_dim=1, end_dim=-1)")]
    [InlineData("flatten_middle", "Flatten(start_dim=1, end_dim=2)")]
    [InlineData("unflatten", "Unflatten(dim=1, unflattened_size=(3, 4))")]
    [InlineData("unflatten_one", "Unflatten(dim=-1, unflattened_size=(5,))")]
    [InlineData("identity", "Identity()")]
    public void ToStringIsPyTorchsRepr(string name, string expected) => Assert.Equal(expected, Make(name).ToString());

    [Fact]
    public void UnflattenSizesThatDoNotFitAreErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => new Unflatten(1, 3, 5).Call(Tensor.Zeros(2, 12)));
        Assert.Contains("(3, 5)", e.Message);
        Assert.Contains("[2, 12]", e.Message);
        Assert.Throws<ArgumentException>(() => new Unflatten(1, -1, -1));
        Assert.Throws<ArgumentException>(() => new Unflatten(1, -1, 5).Call(Tensor.Zeros(2, 12)));
    }

    [Fact]
    public void FlattenWithStartAfterEndIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => new Flatten(2, 1).Call(Tensor.Zeros(2, 3, 4)));
        Assert.Contains("start_dim", e.Message);
    }

    private static Module<Tensor, Tensor> Make(string name) => name switch
    {
        "flatten" => new Flatten(),
        "flatten_all" => new Flatten(0),
        "flatten_middle" => new Flatten(1, 2),
        "unflatten" => new Unflatten(1, 3, 4),
        "unflatten_inferred" => new Unflatten(1, 2, -1),
        "unflatten_last" => new Unflatten(-1, 3, 2),
        "unflatten_one" => new Unflatten(-1, 5),
        _ => new Identity(),
    };
}
