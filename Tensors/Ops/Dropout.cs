using System.Numerics.Tensors;
using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Tensors.Ops;

/// <summary>Inverted dropout: y = x·m with m = 1/(1−p) for kept elements (probability 1−p) and 0 otherwise.
/// The scaled mask is saved, so backward is one multiply.</summary>
internal sealed class DropoutFunction : Function
{
    public override string Name => "dropout";

    public static Tensor Apply(Tensor x, float p, Generator generator)
    {
        BinaryOp.RequireFloat(x, "dropout");
        var mask = Tensor.Empty(x.Shape);
        FillMask(mask.F, p, generator);
        var y = Tensor.Empty(x.Shape);
        TensorPrimitives.Multiply(x.F, mask.F, y.F);
        if (!GradMode.ShouldRecord(x))
        {
            mask.Dispose();
            return y;
        }

        var fn = new DropoutFunction();
        fn.SaveForBackward(mask);
        return fn.Attach(y, x);
    }

    /// <summary>Keeps an element when a 24-bit uniform draw is at least p (so the kept fraction is 1−p).</summary>
    internal static void FillMask(Span<float> mask, float p, Generator generator)
    {
        float scale = p >= 1 ? 0f : 1f / (1f - p);
        uint threshold = (uint)Math.Min(Math.Ceiling(p * (double)(1 << 24)), 1 << 24);
        int i = 0;
        for (; i + 1 < mask.Length; i += 2)
        {
            // Two 24-bit draws from each 64-bit output halve the generator calls.
            ulong r = generator.NextUInt64();
            mask[i] = (uint)(r >> 40) >= threshold ? scale : 0f;
            mask[i + 1] = (uint)((r >> 8) & 0xFFFFFF) >= threshold ? scale : 0f;
        }

        if (i < mask.Length)
        {
            mask[i] = (uint)(generator.NextUInt64() >> 40) >= threshold ? scale : 0f;
        }
    }

    protected internal override Tensor?[] Backward(Tensor g)
    {
        var mask = Saved(0);
        var gx = Tensor.Empty(mask.Shape);
        TensorPrimitives.Multiply(g.F, mask.F, gx.F);
        return [gx];
    }

    [OpCases]
    private static IEnumerable<OpCase> Cases() =>
    [
        // A fixed generator per call makes the mask identical across the finite-difference evaluations.
        new("dropout", x => Nn.Functional.Dropout(x[0], 0.3f, training: true, new Generator(42)), OpCase.Shapes([4, 6])),
    ];
}
