using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;

namespace MlNetDl.UnitTests.Tensors;

public class InPlaceTests
{
    private static Tensor X() => Tensor.FromArray(new[] { 1f, 2, 3, 4 }, 2, 2);

    public static TheoryData<string, float[]> Cases() => new()
    {
        { "add", [1.5f, 3, 3.5f, 5] },
        { "add_alpha", [0f, 0, 2, 2] },
        { "mul_scalar", [2f, 4, 6, 8] },
        { "mul_tensor", [0.5f, 2, 1.5f, 4] },
        { "addcmul", [2f, 4, 4, 6] },
        { "addcdiv", [3f, 3, 5, 5] },
        { "copy", [0.5f, 1, 0.5f, 1] },
        { "fill", [7f, 7, 7, 7] },
        { "zero", [0f, 0, 0, 0] },
        { "clamp", [2f, 2, 3, 3] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InPlaceOpsUpdateAndReturnThis(string op, float[] expected)
    {
        var x = X();
        var row = Tensor.FromArray(new[] { 0.5f, 1f });
        var r = op switch
        {
            "add" => x.AddInPlace(row),
            "add_alpha" => x.AddInPlace(Tensor.FromArray(new[] { 1f, 2f }), -1f),
            "mul_scalar" => x.MulInPlace(2f),
            "mul_tensor" => x.MulInPlace(row),
            "addcmul" => x.AddcmulInPlace(row, Tensor.Ones(2, 2), 2f),
            "addcdiv" => x.AddcdivInPlace(Tensor.Ones(2, 2), row),
            "copy" => x.CopyInPlace(row),
            "fill" => x.FillInPlace(7f),
            "zero" => x.ZeroInPlace(),
            _ => x.ClampInPlace(2f, 3f),
        };
        Assert.Same(x, r);
        TensorAssert.Equal([2, 2], expected, x);
    }

    [Fact]
    public void InPlaceOpsBumpTheVersionSoSavedTensorsFailBackward()
    {
        var a = Tensor.FromArray(new[] { 1f, 2f });
        var w = Tensor.FromArray(new[] { 3f, 4f }).RequiresGradInPlace();
        var y = a * w;
        a.AddInPlace(Tensor.Ones(2));
        TensorAssert.Throws<InvalidOperationException>(() => y.Sum().Backward(), "modified in place", "'mul'", "[2]");
    }

    [Fact]
    public void InPlaceOnLeafRequiringGradThrowsUnlessNoGrad()
    {
        var w = Tensor.Ones(2, 3).RequiresGradInPlace();
        TensorAssert.Throws<InvalidOperationException>(() => w.MulInPlace(2f), "a leaf tensor that requires grad", "in-place operation", "[2, 3]");
        TensorAssert.Throws<InvalidOperationException>(() => w.ZeroInPlace(), "a leaf tensor that requires grad");
        using (GradMode.NoGrad())
        {
            w.AddInPlace(Tensor.Ones(2, 3), alpha: -0.5f);
        }

        Assert.All(w.ToFloatArray(), v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void InPlaceOnGraphTensorThrowsWithGradModeOn()
    {
        var y = Tensor.Ones(2).RequiresGradInPlace() * 2f;
        TensorAssert.Throws<InvalidOperationException>(() => y.FillInPlace(0f), "not recorded", "affine");
    }

    [Fact]
    public void InPlaceOperandMustBroadcastToTheDestination()
    {
        TensorAssert.Throws<ArgumentException>(() => Tensor.Zeros(2).AddInPlace(Tensor.Ones(2, 2)), "add_", "[2, 2]", "[2]");
        TensorAssert.Throws<ArgumentException>(() => Tensor.Zeros(2).CopyInPlace(Tensor.Ones(3)), "copy_", "[3]", "[2]");
    }

    [Fact]
    public void CopyAndFillConvertDTypes()
    {
        var labels = Tensor.Zeros(new Shape(3), DType.Int64);
        labels.CopyInPlace(Tensor.FromArray(new[] { 1.9f, -1.2f, 3f }));
        TensorAssert.Elements([3], new long[] { 1, -1, 3 }, labels);
        TensorAssert.Elements([3], new long[] { 5, 5, 5 }, labels.FillInPlace(5));
    }

    [Fact]
    public void WritingThroughAViewBumpsTheBaseVersion()
    {
        var a = Tensor.FromArray(new[] { 1f, 2f, 3f, 4f }, 2, 2);
        var w = Tensor.Ones(2, 2).RequiresGradInPlace();
        var y = a * w;
        a.Narrow(0, 1, 1).ZeroInPlace();
        TensorAssert.Throws<InvalidOperationException>(() => y.Sum().Backward(), "modified in place");
    }
}
