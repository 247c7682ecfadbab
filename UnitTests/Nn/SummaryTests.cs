using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Nn;

public class SummaryTests
{
    [Fact]
    public void MlpSummaryMatchesTorchsummaryLayout()
    {
        // torchsummary.summary(model, (512,)) layout and arithmetic (checked with its formatting code in Python).
        const string expected = """
            ----------------------------------------------------------------
                    Layer (type)               Output Shape         Param #
            ================================================================
                        Linear-1                 [-1, 4096]       2,101,248
                         Scale-2                 [-1, 4096]               0
                   BatchNorm1d-3                 [-1, 4096]           8,192
                        Linear-4                   [-1, 10]          40,970
            ================================================================
            Total params: 2,150,410
            Trainable params: 2,150,410
            Non-trainable params: 0
            ----------------------------------------------------------------
            Input size (MB): 0.00
            Forward/backward pass size (MB): 0.09
            Params size (MB): 8.20
            Estimated Total Size (MB): 8.30
            ----------------------------------------------------------------
            """;
        var model = new Sequential(new Linear(512, 4096), new Scale(), new BatchNorm1d(4096), new Linear(4096, 10));
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.Summary(512));
    }

    [Fact]
    public void NestedContainersAreSkippedAndFrozenParametersCounted()
    {
        var inner = new Sequential(new Linear(12, 5), new Scale());
        var model = new Sequential(new Flatten(), inner, new Unflatten(1, 5, 1));
        inner[0].Parameters().First().RequiresGrad = false;
        var text = model.Summary(3, 4);
        var rows = text.Split('\n').Where(l => l.Contains('-') && l.Contains('[')).Select(l => l.Trim()).ToList();
        Assert.Equal(4, rows.Count);
        Assert.StartsWith("Flatten-1", rows[0]);
        Assert.Contains("[-1, 12]", rows[0]);
        Assert.StartsWith("Linear-2", rows[1]);
        Assert.EndsWith("65", rows[1]);
        Assert.StartsWith("Unflatten-4", rows[3]);
        Assert.Contains("[-1, 5, 1]", rows[3]);
        Assert.Contains("Total params: 65\n", text);
        Assert.Contains("Trainable params: 5\n", text);
        Assert.Contains("Non-trainable params: 60\n", text);
    }

    [Fact]
    public void SummaryRestoresModesAndLeavesRunningStatisticsAlone()
    {
        var bn = new BatchNorm1d(3);
        var head = new Linear(3, 2);
        var model = new Sequential(new Linear(4, 3), bn, head);
        head.Eval();
        model.Summary(4);
        Assert.True(model.Training);
        Assert.True(bn.Training);
        Assert.False(head.Training);
        Assert.Equal(0L, bn.NumBatchesTracked!.Item<long>());
        Assert.Equal([0f, 0f, 0f], bn.RunningMean!.ToFloatArray());
    }
}
