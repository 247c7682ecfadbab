using MlNetDl.Tensors.Kernels;

namespace MlNetDl.UnitTests.Kernels;

/// <summary>Bad arguments throw ArgumentException naming the argument, with expected and received values.</summary>
public class SgemmArgumentTests
{
    private static readonly float[] A = new float[12], B = new float[12], C = new float[12];

    public static TheoryData<string, string, Action> Cases() => new()
    {
        { "m", "got -1", () => Sgemm.Multiply(false, false, -1, 3, 4, 1f, A, 4, B, 3, 0f, C, 3) },
        { "k", "got -2", () => Sgemm.Multiply(false, false, 3, 3, -2, 1f, A, 4, B, 3, 0f, C, 3) },
        { "lda", "got 3", () => Sgemm.Multiply(false, false, 3, 3, 4, 1f, A, 3, B, 3, 0f, C, 3) },
        { "lda", "got 2", () => Sgemm.Multiply(true, false, 3, 3, 4, 1f, A, 2, B, 3, 0f, C, 3) },
        { "ldb", "got 3", () => Sgemm.Multiply(false, true, 3, 3, 4, 1f, A, 4, B, 3, 0f, C, 3) },
        { "ldc", "got 2", () => Sgemm.Multiply(false, false, 3, 3, 4, 1f, A, 4, B, 3, 0f, C, 2) },
        { "a", "needs 16 elements; got 12", () => Sgemm.Multiply(false, false, 4, 3, 4, 1f, A, 4, B, 3, 0f, C, 3) },
        { "b", "needs 15 elements; got 12", () => Sgemm.Multiply(false, false, 3, 3, 5, 1f, new float[15], 5, B, 3, 0f, C, 3) },
        { "c", "needs 15 elements; got 12", () => Sgemm.Multiply(false, false, 3, 5, 1, 1f, A, 1, B, 5, 0f, C, 5) },
        { "batch", "got -1", () => Sgemm.MultiplyBatched(false, false, -1, 1, 1, 1, 1f, A, 1, 0, B, 1, 0, 0f, C, 1, 1) },
        { "strideA", "got -1", () => Sgemm.MultiplyBatched(false, false, 2, 1, 1, 1, 1f, A, 1, -1, B, 1, 0, 0f, C, 1, 1) },
        { "b", "strideB=8 needs 20 elements", () => Sgemm.MultiplyBatched(false, false, 3, 2, 2, 2, 1f, A, 2, 0, B, 2, 8, 0f, C, 2, 4) },
        { "strideC", "got 0", () => Sgemm.MultiplyBatched(false, false, 2, 2, 2, 2, 1f, A, 2, 0, B, 2, 0, 0f, C, 2, 0) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ThrowsNamingTheArgument(string parameter, string fragment, Action call)
    {
        var e = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(fragment, e.Message);
    }
}
