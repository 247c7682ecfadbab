using System.Globalization;
using MlNetDl.Tensors.Ops;

namespace MlNetDl.Tensors.Nn;

/// <summary>Adaptive average pooling of [N, C, H, W] or [C, H, W] to a fixed [H, W] (PyTorch's
/// <c>nn.AdaptiveAvgPool2d</c>); a null size keeps the input's size on that axis.</summary>
public sealed class AdaptiveAvgPool2d : Module<Tensor, Tensor>
{
    private readonly string _repr;

    public AdaptiveAvgPool2d(int outputSize)
    {
        OutputSize = (outputSize, outputSize);
        _repr = outputSize.ToString(CultureInfo.InvariantCulture);
    }

    public AdaptiveAvgPool2d((int? H, int? W) outputSize)
    {
        OutputSize = outputSize;
        _repr = AdaptiveRepr.Pair(outputSize);
    }

    public (int? H, int? W) OutputSize { get; }

    public override Tensor Forward(Tensor input) => AdaptiveAvgPool2dFunction.Apply(input, OutputSize, ToString());

    protected override string ExtraRepr() => $"output_size={_repr}";
}

/// <summary>Adaptive max pooling of [N, C, H, W] or [C, H, W] to a fixed [H, W] (PyTorch's <c>nn.AdaptiveMaxPool2d</c>).</summary>
public sealed class AdaptiveMaxPool2d : Module<Tensor, Tensor>
{
    private readonly string _repr;

    public AdaptiveMaxPool2d(int outputSize)
    {
        OutputSize = (outputSize, outputSize);
        _repr = outputSize.ToString(CultureInfo.InvariantCulture);
    }

    public AdaptiveMaxPool2d((int? H, int? W) outputSize)
    {
        OutputSize = outputSize;
        _repr = AdaptiveRepr.Pair(outputSize);
    }

    public (int? H, int? W) OutputSize { get; }

    public override Tensor Forward(Tensor input)
    {
        var (output, argmax) = AdaptiveMaxPool2dFunction.Apply(input, OutputSize, ToString());
        if (output.GradFn is null)
        {
            argmax.Dispose();
        }

        return output;
    }

    /// <summary>The output and the int64 position of each maximum in its plane (<c>return_indices=True</c>).</summary>
    public (Tensor Output, Tensor Indices) ForwardWithIndices(Tensor input)
    {
        var (output, argmax) = AdaptiveMaxPool2dFunction.Apply(input, OutputSize, ToString());
        return (output, MaxPool2dFunction.Indices(argmax));
    }

    protected override string ExtraRepr() => $"output_size={_repr}";
}

internal static class AdaptiveRepr
{
    /// <summary>Python's repr of an (int | None) pair: <c>(4, 4)</c>, <c>(None, 4)</c>.</summary>
    public static string Pair((int? H, int? W) size) =>
        $"({size.H?.ToString(CultureInfo.InvariantCulture) ?? "None"}, {size.W?.ToString(CultureInfo.InvariantCulture) ?? "None"})";
}
