using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>One row per exported module/configuration: the module, its input shape for batch 1 (dimension 0 is the
/// batch), and whether OpenCV DNN is expected to run it (TOOLCHAIN.md: no 3-D MatMul), with the reason when not.</summary>
internal sealed record ExportCase(string Name, Func<Module> Create, int[] Shape, string? NoOpenCv = null)
{
    /// <summary>The module's eval-mode outputs, in the order of the exported graph's outputs.</summary>
    public static Tensor[] Outputs(Module module, Tensor input) => module switch
    {
        Module<Tensor, Tensor> m => [m.Forward(input)],
        Module<Tensor, (Tensor Mu, Tensor LogVar)> m => m.Forward(input) is var (mu, logvar) ? [mu, logvar] : [],
        _ => throw new ArgumentException($"no way to run {module.GetType().Name} in the export table."),
    };

    /// <summary>The input for <paramref name="batch"/> rows (seeded).</summary>
    public Tensor Input(int batch, int seed = 11) => Tensor.Randn(new Shape([batch, .. Shape[1..]]), new Generator(seed));

    public override string ToString() => Name;
}

internal static class ExportCases
{
    private const string MatMul3d = "3-D MatMul (TOOLCHAIN.md: OpenCV 4.6 fails on batched or 3-D MatMul)";

    // Found by this table (OpenCV 4.6, python3-opencv): cv2's binding turns a 3-D numpy array into a 2-D Mat with the
    // last axis as channels, so 3-D graph inputs arrive wrong; and its MaxPool ignores `dilations`.
    private const string Input3d = "3-D input (cv2 4.6's Python binding makes a 3-D array a multi-channel 2-D Mat)";

    public static readonly IReadOnlyList<ExportCase> All =
    [
        new("linear", () => new Linear(20, 7), [1, 20]),
        new("linear_nobias", () => new Linear(20, 7, bias: false), [1, 20]),
        new("linear_3d", () => new Linear(6, 5), [1, 4, 6], MatMul3d + "; " + Input3d),
        new("conv", () => new Conv2d(3, 8, 3, padding: 1), [1, 3, 9, 9]),
        new("conv_strided_dilated_groups", () => new Conv2d(4, 8, (3, 5), stride: (2, 1), padding: (1, 2), dilation: (1, 2), groups: 2), [1, 4, 10, 12]),
        new("conv_same_even_kernel", () => new Conv2d(3, 4, 4, ConvPadding.Same), [1, 3, 7, 8]),
        new("conv_valid_nobias", () => new Conv2d(3, 4, 3, ConvPadding.Valid, bias: false), [1, 3, 7, 8]),
        new("convtranspose", () => new ConvTranspose2d(4, 6, 3, stride: 2, padding: 1, outputPadding: 1), [1, 4, 5, 5]),
        new("convtranspose_groups_nobias", () => new ConvTranspose2d(4, 6, (3, 2), stride: (2, 2), groups: 2, bias: false), [1, 4, 5, 6]),
        new("batchnorm1d", () => ExportModels.WithStatistics(new Sequential(new Linear(10, 6), new BatchNorm1d(6))), [1, 10]),
        new("batchnorm1d_3d", () => ExportModels.WithStatistics(new BatchNorm1d(4)), [1, 4, 7], Input3d),
        new("batchnorm2d", () => ExportModels.WithStatistics(new BatchNorm2d(3, eps: 1e-3)), [1, 3, 6, 5]),
        new("batchnorm2d_noaffine", () => ExportModels.WithStatistics(new BatchNorm2d(3, affine: false)), [1, 3, 6, 5]),
        new("maxpool", () => new MaxPool2d(2), [1, 3, 8, 8]),
        new("maxpool_stride_pad", () => new MaxPool2d(3, stride: 2, padding: 1), [1, 2, 9, 9]),
        new("maxpool_dilated", () => new MaxPool2d(2, stride: 1, dilation: 2), [1, 2, 7, 7], "dilated MaxPool (OpenCV 4.6 ignores the dilations attribute: 6×6 instead of 5×5)"),
        new("avgpool", () => new AvgPool2d(2), [1, 3, 8, 8]),
        new("avgpool_pad_included", () => new AvgPool2d(3, stride: 2, padding: 1), [1, 2, 9, 9]),
        new("avgpool_pad_excluded", () => new AvgPool2d(3, stride: 2, padding: 1, countIncludePad: false), [1, 2, 9, 9]),
        new("adaptiveavgpool_global", () => new AdaptiveAvgPool2d(1), [1, 3, 5, 7]),
        new("adaptiveavgpool_divisible", () => new AdaptiveAvgPool2d((2, 3)), [1, 3, 8, 9]),
        new("adaptivemaxpool", () => new AdaptiveMaxPool2d(2), [1, 3, 6, 6]),
        new("flatten", () => new Flatten(), [1, 3, 4, 5]),
        new("flatten_2_3", () => new Sequential(new Flatten(2, 3), new Linear(20, 2)), [1, 3, 4, 5], MatMul3d),
        new("unflatten", () => new Sequential(new Linear(8, 12), new Unflatten(1, 3, 2, 2), new Conv2d(3, 2, 1)), [1, 8]),
        new("unflatten_inferred", () => new Sequential(new Linear(8, 12), new Unflatten(1, 2, -1, 2), new Conv2d(2, 2, 1)), [1, 8]),
        new("dropout", () => new Sequential(new Linear(8, 8), new Dropout(0.5f), new ReLU()), [1, 8]),
        new("dropout2d", () => new Sequential(new Conv2d(3, 4, 3), new Dropout2d(0.3f)), [1, 3, 6, 6]),
        new("identity", () => new Sequential(new Identity(), new Linear(4, 3), new Identity()), [1, 4]),
        new("relu", () => new ReLU(), [1, 3, 4, 4]),
        new("leakyrelu", () => new LeakyReLU(0.2f), [1, 3, 4, 4]),
        new("elu", () => new ELU(0.7f), [1, 3, 4, 4]),
        new("prelu_shared", () => new Sequential(new Linear(5, 6), new PReLU(init: 0.1f)), [1, 5]),
        new("prelu_channels", () => PReLUChannels(), [1, 4, 5, 5]),
        new("sigmoid", () => new Sigmoid(), [1, 3, 4, 4]),
        new("tanh", () => new Tanh(), [1, 3, 4, 4]),
        new("softplus", () => new Softplus(), [1, 3, 4, 4]),
        new("softplus_beta", () => new Softplus(beta: 2f), [1, 3, 4, 4]),
        new("softmax", () => new Sequential(new Linear(6, 5), new Softmax(1)), [1, 6]),
        new("softmax_last_axis", () => new Softmax(-1), [1, 3, 5], Input3d),
        new("logsoftmax", () => new Sequential(new Linear(6, 5), new LogSoftmax(1)), [1, 6]),
        new("upsample_scale", () => new Upsample(2.0), [1, 2, 3, 4]),
        new("upsample_size", () => new Upsample((6, 12)), [1, 2, 3, 4]),
        new("mlp_784_128_64_10", () => ExportModels.Mlp(), [1, 1, 28, 28]),
        new("mnist_cnn", () => ExportModels.MnistCnn(), [1, 1, 28, 28]),
        new("conv_autoencoder", () => new ConvAutoencoder(), [1, 1, 28, 28]),
        new("vae_encoder", () => new VaeEncoder(), [1, 1, 28, 28]),
        new("dcgan_generator", () => new DcganGenerator(), [1, 16, 1, 1]),
    ];

    public static ExportCase Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static Module PReLUChannels()
    {
        var m = new PReLU(4);
        var w = m.Weight.AsWritableSpan<float>();
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = 0.1f * (i + 1); // distinct slopes: a wrong broadcast axis shows
        }

        return m;
    }
}
