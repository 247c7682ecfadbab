using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.Benchmarks.Conv;

/// <summary>
/// One Conv2d layer at a fixed size, timed forward only and forward + backward (gradients for weight and bias,
/// and for the input when the case says so: a hidden layer, not a first layer). The same cases are timed in
/// PyTorch by <c>sidebyside/conv.py</c>.
/// </summary>
internal sealed class ConvCase
{
    /// <summary>name, batch, in, out, kernel, size (H = W), padding, input grad, stride.</summary>
    public static readonly (string Name, int N, int C, int O, int K, int Size, int Pad, bool InputGrad, int Stride)[] All =
    [
        ("resnet_3x3_256_14x14_b8", 8, 256, 256, 3, 14, 1, true, 1),
        ("resnet_3x3_64_56x56_b8", 8, 64, 64, 3, 56, 1, true, 1),
        ("resnet_3x3_128_s2_56to28_b8", 8, 128, 128, 3, 56, 1, true, 2),
        ("resnet_1x1_1024to256_14x14_b8", 8, 1024, 256, 1, 14, 0, true, 1),
        ("mnist_5x5_1to32_28x28_b64", 64, 1, 32, 5, 28, 0, false, 1),
        ("mnist_5x5_32to64_12x12_b64", 64, 32, 64, 5, 12, 0, true, 1),
        ("small_3x3_1to8_28x28_b64", 64, 1, 8, 3, 28, 1, false, 1),
        ("small_3x3_3to4_32x32_b64", 64, 3, 4, 3, 32, 1, false, 1),
        ("pointwise_1x1_64to64_28x28_b16", 16, 64, 64, 1, 28, 0, true, 1),
    ];

    private readonly Tensor _x, _w, _b, _gy;
    private readonly int _pad, _stride;

    public ConvCase(string name)
    {
        var c = All.First(a => a.Name == name);
        Name = name;
        var g = new Generator(0);
        _x = Tensor.Uniform(new Shape(c.N, c.C, c.Size, c.Size), -1, 1, g);
        _w = Tensor.Uniform(new Shape(c.O, c.C, c.K, c.K), -0.1f, 0.1f, g);
        _b = Tensor.Uniform(new Shape(c.O), -0.1f, 0.1f, g);
        _pad = c.Pad;
        _stride = c.Stride;
        Channels = c.C;
        UsesWinograd = c.K == 3 && c.Stride == 1 && c.C >= 16 && c.C % 8 == 0 && c.O % 8 == 0;
        _x.RequiresGrad = c.InputGrad;
        _w.RequiresGrad = _b.RequiresGrad = true;
        int o = (c.Size + 2 * c.Pad - c.K) / c.Stride + 1;
        _gy = Tensor.Uniform(new Shape(c.N, c.O, o, o), -1, 1, g);
        Flops = 2.0 * c.N * c.O * c.C * c.K * c.K * o * o;
    }

    public string Name { get; }

    /// <summary>Input channels.</summary>
    public int Channels { get; }

    /// <summary>Whether the case is a stride-1 3×3 layer that <c>Winograd.Applies</c> to.</summary>
    public bool UsesWinograd { get; }

    /// <summary>Forward multiply-adds × 2.</summary>
    public double Flops { get; }

    public void Forward()
    {
        using var scope = TensorScope.Begin();
        using (GradMode.NoGrad())
        {
            F.Conv2d(_x, _w, _b, stride: _stride, padding: _pad);
        }
    }

    public void ForwardBackward()
    {
        // Leaf gradients accumulate across calls (ZeroGrad-free) so the timing holds no per-call gradient arrays.
        using var scope = TensorScope.Begin();
        F.Conv2d(_x, _w, _b, stride: _stride, padding: _pad).Backward(_gy);
    }
}
