using System.Text.Json.Serialization;
using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Trainers.Network;

/// <summary>
/// One layer of a network description (immutable; saved as JSON in model files, e.g. {"layer": "Conv", "Filters": 8, ...}).
/// Input sizes are not written: each layer takes them from the shape that reaches it (per example, without the
/// batch dimension), so a description fits any input of a compatible shape. Build descriptions with the factory
/// methods: <c>[LayerSpec.Conv(8, 4, samePadding: true), LayerSpec.ReLU, LayerSpec.MaxPool(8, ceilMode: true), LayerSpec.Flatten(), LayerSpec.Dense(64)]</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "layer")]
[JsonDerivedType(typeof(DenseLayer), "Dense")]
[JsonDerivedType(typeof(ConvLayer), "Conv")]
[JsonDerivedType(typeof(MaxPoolLayer), "MaxPool")]
[JsonDerivedType(typeof(AvgPoolLayer), "AvgPool")]
[JsonDerivedType(typeof(FlattenLayer), "Flatten")]
[JsonDerivedType(typeof(ActivationLayer), "Activation")]
[JsonDerivedType(typeof(DropoutLayer), "Dropout")]
[JsonDerivedType(typeof(BatchNormLayer), "BatchNorm")]
public abstract record LayerSpec
{
    private protected LayerSpec() { }

    /// <summary>A fully connected layer (<c>nn.Linear(in, units)</c>) on a flat input [in].</summary>
    public static DenseLayer Dense(int units) => new(units);

    /// <summary>A 2-D convolution (<c>nn.Conv2d(C, filters, kernelSize, stride, padding)</c>) on [C, H, W];
    /// <paramref name="samePadding"/> is PyTorch's padding='same' (output H×W = input H×W; stride 1 only).</summary>
    public static ConvLayer Conv(int filters, int kernelSize, int stride = 1, int padding = 0, bool samePadding = false) =>
        new(filters, kernelSize, stride, padding, samePadding);

    /// <summary>2-D max pooling (<c>nn.MaxPool2d</c>; stride defaults to the kernel size). <paramref name="ceilMode"/>
    /// keeps partial windows at the border, as TensorFlow's 'SAME' pooling does when the stride equals the kernel.</summary>
    public static MaxPoolLayer MaxPool(int kernelSize, int? stride = null, bool ceilMode = false) => new(kernelSize, stride, ceilMode);

    /// <summary>2-D average pooling (<c>nn.AvgPool2d</c>; stride defaults to the kernel size).</summary>
    public static AvgPoolLayer AvgPool(int kernelSize, int? stride = null) => new(kernelSize, stride);

    /// <summary>Flattens the per-example shape to one dimension (<c>nn.Flatten()</c>).</summary>
    public static FlattenLayer Flatten() => new();

    public static ActivationLayer Activation(NetworkActivation activation) => new(activation);

    public static ActivationLayer ReLU => new(NetworkActivation.ReLU);

    /// <summary>Inverted dropout with drop probability <paramref name="p"/> in [0, 1) (<c>nn.Dropout</c>).</summary>
    public static DropoutLayer Dropout(double p) => new(p);

    /// <summary>Batch normalization over the channels of [C, H, W] (<c>nn.BatchNorm2d</c>) or the features of [F] (<c>nn.BatchNorm1d</c>).</summary>
    public static BatchNormLayer BatchNorm() => new();

    /// <summary>Checks the layer's own numbers; <paramref name="option"/> is its place, e.g. "Layers[2]".</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number out of range (the message names option, range and value).</exception>
    internal abstract void Validate(string owner, string option);

    /// <summary>The module for an input of per-example shape <paramref name="shape"/>, or null with the reason it does not fit.</summary>
    internal abstract Module<Tensor, Tensor>? Build(int[] shape, LayerGenerators generators, out string? unfit);

    private protected static string? NeedsRank(int[] shape, int rank, string what) => shape.Length == rank ? null : $"needs {what}";
}

/// <summary>Seeded sources for the parameter initialization and the dropout masks of one network.</summary>
internal sealed record LayerGenerators(Generator Init, Generator Dropout);

/// <summary><see cref="LayerSpec.Dense"/>.</summary>
public sealed record DenseLayer(int Units) : LayerSpec
{
    internal override void Validate(string owner, string option) => OptionChecks.InRange(owner, $"{option}.{nameof(Units)}", Units, 1);

    internal override Module<Tensor, Tensor>? Build(int[] shape, LayerGenerators generators, out string? unfit) =>
        (unfit = NeedsRank(shape, 1, "a flat input [features]; put a Flatten layer before it")) is null ? new MlNetDl.Tensors.Nn.Linear(shape[0], Units, generator: generators.Init) : null;
}

/// <summary><see cref="LayerSpec.Conv"/>.</summary>
public sealed record ConvLayer(int Filters, int KernelSize, int Stride = 1, int Padding = 0, bool SamePadding = false) : LayerSpec
{
    internal override void Validate(string owner, string option)
    {
        OptionChecks.InRange(owner, $"{option}.{nameof(Filters)}", Filters, 1);
        OptionChecks.InRange(owner, $"{option}.{nameof(KernelSize)}", KernelSize, 1);
        OptionChecks.InRange(owner, $"{option}.{nameof(Stride)}", Stride, 1);
        OptionChecks.InRange(owner, $"{option}.{nameof(Padding)}", Padding, 0);
        if (SamePadding && (Stride != 1 || Padding != 0))
        {
            throw new ArgumentOutOfRangeException(option, $"The '{option}.{nameof(SamePadding)}' option of {owner} needs Stride 1 and Padding 0 " +
                $"(PyTorch's padding='same'). Got Stride {Stride}, Padding {Padding}.");
        }
    }

    internal override Module<Tensor, Tensor>? Build(int[] shape, LayerGenerators generators, out string? unfit)
    {
        if ((unfit = NeedsRank(shape, 3, "an image input [channels, height, width]")) is not null)
        {
            return null;
        }
        return SamePadding
            ? new Conv2d(shape[0], Filters, KernelSize, ConvPadding.Same, generator: generators.Init)
            : new Conv2d(shape[0], Filters, KernelSize, Stride, Padding, generator: generators.Init);
    }
}

/// <summary><see cref="LayerSpec.MaxPool"/>.</summary>
public sealed record MaxPoolLayer(int KernelSize, int? Stride = null, bool CeilMode = false) : LayerSpec
{
    internal override void Validate(string owner, string option) => PoolChecks.Validate(owner, option, KernelSize, Stride);

    internal override Module<Tensor, Tensor>? Build(int[] shape, LayerGenerators generators, out string? unfit) =>
        (unfit = NeedsRank(shape, 3, "an image input [channels, height, width]")) is null ? new MaxPool2d(KernelSize, Stride, ceilMode: CeilMode) : null;
}

/// <summary><see cref="LayerSpec.AvgPool"/>.</summary>
public sealed record AvgPoolLayer(int KernelSize, int? Stride = null) : LayerSpec
{
    internal override void Validate(string owner, string option) => PoolChecks.Validate(owner, option, KernelSize, Stride);

    internal override Module<Tensor, Tensor>? Build(int[] shape, LayerGenerators generators, out string? unfit) =>
        (unfit = NeedsRank(shape, 3, "an image input [channels, height, width]")) is null ? new AvgPool2d(KernelSize, Stride) : null;
}

/// <summary><see cref="LayerSpec.Flatten"/>.</summary>
public sealed record FlattenLayer : LayerSpec
{
    internal override void Validate(string owner, string option) { }

    internal override Module<Tensor, Tensor>? Build(int[] shape, LayerGenerators generators, out string? unfit)
    {
        unfit = null;
        return new Flatten();
    }
}

/// <summary><see cref="LayerSpec.Activation"/>.</summary>
public sealed record ActivationLayer(NetworkActivation Function) : LayerSpec
{
    internal override void Validate(string owner, string option)
    {
        if (!Enum.IsDefined(Function))
        {
            throw new ArgumentOutOfRangeException(option, Function,
                $"The '{option}.{nameof(Function)}' option of {owner} must be one of {string.Join(", ", Enum.GetNames<NetworkActivation>())}. Got {(int)Function}.");
        }
    }

    internal override Module<Tensor, Tensor>? Build(int[] shape, LayerGenerators generators, out string? unfit)
    {
        unfit = null;
        return NetworkChoices.Create(Function);
    }
}

/// <summary><see cref="LayerSpec.Dropout"/>.</summary>
public sealed record DropoutLayer(double P) : LayerSpec
{
    internal override void Validate(string owner, string option) =>
        OptionChecks.InRange(owner, $"{option}.{nameof(P)}", P, 0, 1, maxInclusive: false);

    internal override Module<Tensor, Tensor>? Build(int[] shape, LayerGenerators generators, out string? unfit)
    {
        unfit = null;
        return new Dropout((float)P, generators.Dropout);
    }
}

/// <summary><see cref="LayerSpec.BatchNorm"/>.</summary>
public sealed record BatchNormLayer : LayerSpec
{
    internal override void Validate(string owner, string option) { }

    internal override Module<Tensor, Tensor>? Build(int[] shape, LayerGenerators generators, out string? unfit)
    {
        unfit = shape.Length is 1 or 3 ? null : "needs a flat input [features] or an image input [channels, height, width]";
        return unfit is not null ? null : shape.Length == 1 ? new BatchNorm1d(shape[0]) : new BatchNorm2d(shape[0]);
    }
}

internal static class PoolChecks
{
    public static void Validate(string owner, string option, int kernelSize, int? stride)
    {
        OptionChecks.InRange(owner, $"{option}.KernelSize", kernelSize, 1);
        if (stride is { } s)
        {
            OptionChecks.InRange(owner, $"{option}.Stride", s, 1);
        }
    }
}
