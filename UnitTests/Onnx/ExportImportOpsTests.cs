using MlNetDl.Onnx.Export;
using MlNetDl.Tensors;
using static MlNetDl.Onnx.Export.OnnxAttribute;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>The importer handlers added for exported graphs (Resize, ArgMax, comparisons) against hand-computed
/// ONNX semantics, on cases the export table does not reach (other coordinate modes, ties).</summary>
public class ExportImportOpsTests
{
    public static TheoryData<string, string, long, long[]> ResizeCases() => new()
    {
        // align_corners 4 → 3: x·3/2 = 0, 1.5, 3; the tie 1.5 goes to 1 (prefer floor) or 2 (prefer ceil).
        { "align_corners", "round_prefer_floor", 3, [0, 1, 3] },
        { "align_corners", "round_prefer_ceil", 3, [0, 2, 3] },
        // half_pixel 4 → 8: (x + ½)/2 − ½ = −0.25, 0.25, 0.75, …, 3.25 → rounded and clamped.
        { "half_pixel", "round_prefer_floor", 8, [0, 0, 1, 1, 2, 2, 3, 3] },
        // asymmetric 4 → 6 with ceil: x/1.5 = 0, 0.67, 1.33, 2, 2.67, 3.33 → 0, 1, 2, 2, 3, 3 (4 clamped to 3).
        { "asymmetric", "ceil", 6, [0, 1, 2, 2, 3, 3] },
    };

    [Theory]
    [MemberData(nameof(ResizeCases))]
    public void Resize_nearest_follows_the_coordinate_and_rounding_modes(string coordinates, string rounding, long size, long[] expected)
    {
        var graph = new OnnxGraphBuilder(13);
        var x = graph.AddInput("x", DType.Float32, [1, 1, 1, 4], Tensor.FromArray([10f, 11, 12, 13], 1, 1, 1, 4));
        var y = graph.AddNode("Resize", [x, "", "", graph.AddConstant("sizes", 1L, 1, 1, size)], String("mode", "nearest"),
            String("coordinate_transformation_mode", coordinates), String("nearest_mode", rounding));
        Assert.Equal(expected.Select(i => 10f + i), graph.SampleOf(y).ToFloatArray());
    }

    [Fact]
    public void ArgMax_takes_the_first_of_ties_and_comparisons_broadcast()
    {
        var graph = new OnnxGraphBuilder();
        var x = graph.AddInput("x", DType.Float32, [2, 3], Tensor.FromArray([1f, 5, 5, -1, -2, 0], 2, 3));
        var arg = graph.AddNode("ArgMax", [x], Int("axis", 1), Int("keepdims", 1));
        Assert.Equal([2, 1], graph.ShapeOf(arg));
        Assert.Equal([1L, 2], graph.SampleOf(arg).ToArray<long>());
        var ge = graph.AddNode("GreaterOrEqual", [x, graph.AddConstant("zero", 0f)]);
        Assert.Equal([true, true, true, false, false, true], graph.SampleOf(ge).ToArray<bool>());
        var lt = graph.AddNode("Less", [x, graph.AddConstant("one", 1f)]);
        Assert.Equal([false, false, false, true, true, true], graph.SampleOf(lt).ToArray<bool>());
    }
}
