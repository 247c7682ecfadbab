using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.UnitTests.Nn;

/// <summary>Loss values against PyTorch 1.13 for each reduction (expected values printed by torch).</summary>
public class LossTests
{
    private static Tensor A() => Tensor.FromArray([0.5f, -1f, 2f, 0f, 1.5f, -3f], 2, 3);

    private static Tensor B() => Tensor.FromArray([1f, 1f, 1f, 0f, -0.5f, -1f], 2, 3);

    private static readonly Dictionary<string, Func<Reduction, Tensor>> Regression = new()
    {
        ["mse"] = r => F.MseLoss(A(), B(), r),
        ["l1"] = r => F.L1Loss(A(), B(), r),
        ["smooth_l1"] = r => F.SmoothL1Loss(A(), B(), r),
        ["smooth_l1_beta0.5"] = r => F.SmoothL1Loss(A(), B(), r, beta: 0.5f),
        ["mse_module"] = r => new MSELoss(r).Call(A(), B()),
        ["l1_module"] = r => new L1Loss(r).Call(A(), B()),
        ["smooth_l1_module"] = r => new SmoothL1Loss(r, 0.5f).Call(A(), B()),
    };

    public static TheoryData<string, Reduction, float[]> RegressionCases() => new()
    {
        { "mse", Reduction.None, [0.25f, 4f, 1f, 0f, 4f, 4f] },
        { "mse", Reduction.Mean, [2.2083333f] },
        { "mse", Reduction.Sum, [13.25f] },
        { "l1", Reduction.None, [0.5f, 2f, 1f, 0f, 2f, 2f] },
        { "l1", Reduction.Mean, [1.25f] },
        { "l1", Reduction.Sum, [7.5f] },
        { "smooth_l1", Reduction.None, [0.125f, 1.5f, 0.5f, 0f, 1.5f, 1.5f] },
        { "smooth_l1", Reduction.Mean, [0.85416669f] },
        { "smooth_l1", Reduction.Sum, [5.125f] },
        { "smooth_l1_beta0.5", Reduction.None, [0.25f, 1.75f, 0.75f, 0f, 1.75f, 1.75f] },
        { "smooth_l1_beta0.5", Reduction.Mean, [1.0416666f] },
        { "smooth_l1_beta0.5", Reduction.Sum, [6.25f] },
        { "mse_module", Reduction.Mean, [2.2083333f] },
        { "l1_module", Reduction.Sum, [7.5f] },
        { "smooth_l1_module", Reduction.Sum, [6.25f] },
    };

    [Theory]
    [MemberData(nameof(RegressionCases))]
    public void RegressionLossesMatchPyTorch(string name, Reduction reduction, float[] expected)
    {
        var loss = Regression[name](reduction);
        Assert.Equal(reduction == Reduction.None ? new Shape(2, 3) : new Shape(), loss.Shape);
        NnAssert.Close(expected, loss, 1e-5f, $"{name}/{reduction}");
    }

    private static readonly float[] Probs = [0f, 1f, 0.25f, 0.9f, 0.5f, 1f];
    private static readonly float[] Labels = [0f, 1f, 1f, 0f, 0.5f, 0f];

    /// <summary>Inputs of exactly 0 and 1 give finite losses (logs clamped at −100).</summary>
    [Theory]
    [InlineData(Reduction.None, new[] { 0f, 0f, 1.3862944f, 2.3025849f, 0.69314718f, 100f })]
    [InlineData(Reduction.Mean, new[] { 17.397003f })]
    [InlineData(Reduction.Sum, new[] { 104.38202f })]
    public void BinaryCrossEntropyClampsLogs(Reduction reduction, float[] expected)
    {
        var loss = F.BinaryCrossEntropy(Tensor.FromArray(Probs), Tensor.FromArray(Labels), reduction: reduction);
        NnAssert.Close(expected, loss, 1e-5f, $"bce/{reduction}");
        var weighted = new BCELoss(Tensor.FromArray([1f, 2f, 3f, 1f, 2f, 3f])).Call(Tensor.FromArray(Probs), Tensor.FromArray(Labels));
        NnAssert.Close([51.307957f], weighted, 1e-5f, "bce weighted");
    }

    [Fact]
    public void BinaryCrossEntropyRejectsInputsOutsideUnitInterval()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(Tensor.FromArray([0.5f, 1.5f]), Tensor.FromArray([1f, 0f])));
        Assert.Contains("between 0 and 1", ex.Message);
        Assert.Contains("1.5", ex.Message);
    }

    private static readonly float[] Logits = [-100f, 100f, 0f, 100f, -100f, 2f];
    private static readonly float[] LogitLabels = [0f, 1f, 1f, 0f, 1f, 0.3f];

    [Fact]
    public void BinaryCrossEntropyWithLogitsIsStableAtHundred()
    {
        var x = Tensor.FromArray(Logits).RequiresGradInPlace();
        var t = Tensor.FromArray(LogitLabels);
        NnAssert.Close([0f, 0f, 0.69314718f, 100f, 100f, 1.5269281f], F.BinaryCrossEntropyWithLogits(x, t, reduction: Reduction.None), 1e-5f, "none");
        F.BinaryCrossEntropyWithLogits(x, t, reduction: Reduction.Sum).Backward();
        // σ(x) − t, exact at x = 0 and saturated at ±100.
        NnAssert.Close([0f, 0f, -0.5f, 1f, -1f, 0.58079702f], x.Grad!, 1e-5f, "grad");

        var pw = new BCEWithLogitsLoss(reduction: Reduction.None, posWeight: Tensor.FromArray([1f, 2f, 3f]));
        NnAssert.Close([0f, 0f, 2.0794415f, 100f, 200f, 1.6030848f], pw.Call(Tensor.FromArray(Logits, 2, 3), Tensor.FromArray(LogitLabels, 2, 3)), 1e-5f, "pos_weight");
    }

    private static Tensor LogProbs() =>
        Tensor.FromArray([1f, 2f, 3f, 0f, 0f, 0f, 3f, 1f, -1f, 0.5f, 0.2f, 0.1f], 4, 3).LogSoftmax(1);

    private static readonly long[] Targets = [2, 0, -100, 1];

    [Theory]
    [InlineData(false, Reduction.None, new[] { 0.40760595f, 1.0986123f, 0f, 1.180099f })]
    [InlineData(false, Reduction.Mean, new[] { 0.89543909f })]
    [InlineData(false, Reduction.Sum, new[] { 2.6863172f })]
    [InlineData(true, Reduction.None, new[] { 0.20380297f, 1.0986123f, 0f, 2.360198f })]
    [InlineData(true, Reduction.Mean, new[] { 1.046461f })] // divided by the sum of target weights, 3.5
    [InlineData(true, Reduction.Sum, new[] { 3.6626134f })]
    public void NllLossHonoursIgnoreIndexAndClassWeights(bool weighted, Reduction reduction, float[] expected)
    {
        var w = weighted ? Tensor.FromArray([1f, 2f, 0.5f]) : null;
        var loss = F.NllLoss(LogProbs(), Tensor.FromArray(Targets), w, reduction: reduction);
        NnAssert.Close(expected, loss, 1e-5f, $"nll weighted={weighted} {reduction}");
        NnAssert.Close(expected, new NLLLoss(w, reduction: reduction).Call(LogProbs(), Tensor.FromArray(Targets)), 1e-5f, "module");
    }

    [Fact]
    public void NllLossCustomIgnoreIndexAndAllIgnoredIsNaN()
    {
        NnAssert.Close([0.7531091f], F.NllLoss(LogProbs(), Tensor.FromArray(new long[] { 2, 0, 1, 1 }), ignoreIndex: 1), 1e-5f, "ignore 1");
        Assert.True(float.IsNaN(F.NllLoss(LogProbs(), Tensor.FromArray(new long[] { -100, -100, -100, -100 })).Item()));
    }

    [Fact]
    public void CrossEntropyMatchesPyTorchValueAndGradient()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 0f, 0f, 0f, 3f, 1f, -1f, 0.5f, 0.2f, 0.1f], 4, 3).RequiresGradInPlace();
        var loss = new CrossEntropyLoss(Tensor.FromArray([1f, 2f, 0.5f])).Call(x, Tensor.FromArray(new long[] { 2, 0, 1, 1 }));
        NnAssert.Close([1.4451776f], loss, 1e-5f, "ce");
        loss.Backward();
        NnAssert.Close(
            [0.0081845988f, 0.022248045f, -0.030432638f, -0.12121212f, 0.060606059f, 0.060606059f,
             0.31520486f, -0.32097805f, 0.0057731769f, 0.15081523f, -0.2519097f, 0.10109448f], x.Grad!, 1e-5f, "ce grad");
        NnAssert.Close([20000f], F.CrossEntropy(Tensor.FromArray([1e4f, -1e4f, 0f], 1, 3), Tensor.FromArray(new long[] { 1 })), 1e-6f, "huge logits");
    }

    public static TheoryData<string, string[]> ErrorCases() => new()
    {
        { "mse_shape", ["mse_loss", "[2, 3]", "[3, 2]"] },
        { "bce_logits_shape", ["binary_cross_entropy_with_logits", "[4]", "[2, 3]"] },
        { "nll_target_dtype", ["nll_loss", "torch.float32", "torch.int64"] },
        { "nll_target_shape", ["nll_loss", "[4, 3]", "[4]", "[5]"] },
        { "nll_out_of_range", ["nll_loss", "target 7", "3 classes"] },
        { "nll_negative", ["nll_loss", "target -1", "3 classes"] },
        { "ce_target_dtype", ["cross_entropy", "torch.int32"] },
        { "nll_weight_shape", ["nll_loss", "[3]", "[2]"] },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void ErrorsNameWhatWasWrong(string name, string[] fragments)
    {
        Action act = name switch
        {
            "mse_shape" => () => F.MseLoss(A(), Tensor.Zeros(3, 2)),
            "bce_logits_shape" => () => F.BinaryCrossEntropyWithLogits(A(), Tensor.Zeros(4)),
            "nll_target_dtype" => () => F.NllLoss(LogProbs(), Tensor.Zeros(4)),
            "nll_target_shape" => () => F.NllLoss(LogProbs(), Tensor.FromArray(new long[] { 0, 1, 2, 0, 1 })),
            "nll_out_of_range" => () => F.NllLoss(LogProbs(), Tensor.FromArray(new long[] { 0, 7, 2, 0 })),
            "nll_negative" => () => F.NllLoss(LogProbs(), Tensor.FromArray(new long[] { 0, -1, 2, 0 })),
            "ce_target_dtype" => () => F.CrossEntropy(LogProbs(), Tensor.FromArray(new[] { 0, 1, 2, 0 })),
            _ => () => F.NllLoss(LogProbs(), Tensor.FromArray(new long[] { 0, 1, 2, 0 }), Tensor.Ones(2)),
        };
        var ex = Assert.Throws<ArgumentException>(act);
        foreach (var f in fragments)
        {
            Assert.Contains(f, ex.Message);
        }
    }
}
