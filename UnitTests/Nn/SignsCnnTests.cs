using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Nn;
using Xunit.Abstractions;

namespace MlNetDl.UnitTests.Nn;

/// <summary>
/// The SIGNS CNN whose parameter count the issue quotes (131,958). No public definition with that count was found;
/// enumerating small conv/pool/linear stacks for 64×64×3 → 6 gives this one as the plainest match (uniform 3×3 'same'
/// convolutions, BatchNorm, 2×2 pools, one hidden linear layer): conv 3→4 (112) + BN (8), conv 4→8 (296) + BN (16),
/// Linear(8·16·16 = 2048, 64) (131,136), Linear(64, 6) (390). PyTorch's own count is checked when torch is present.
/// </summary>
public class SignsCnnTests(ITestOutputHelper output)
{
    private const string TorchModel = """
        import torch.nn as nn
        m = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(4, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(8 * 16 * 16, 64), nn.ReLU(), nn.Linear(64, 6))
        print(sum(p.numel() for p in m.parameters()))
        """;

    public static Sequential Build() => new(
        new Conv2d(3, 4, 3, padding: 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
        new Conv2d(4, 8, 3, padding: 1), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
        new Flatten(), new Linear(8 * 16 * 16, 64), new ReLU(), new Linear(64, 6));

    [Fact]
    public void HasTheQuotedParameterCountAndShapes()
    {
        var model = Build();
        Assert.Equal(131_958, model.ParameterCount());
        using (GradMode.NoGrad())
        {
            model.Eval();
            Assert.Equal("[2, 6]", model.Forward(Tensor.Zeros(2, 3, 64, 64)).Shape.ToString());
        }
    }

    [Fact]
    public void PyTorchCountsTheSame()
    {
        if (!TorchPython.Available)
        {
            output.WriteLine("SKIPPED: /usr/bin/python3 with torch is not available; the PyTorch count did not run.");
            return;
        }

        long torchCount = long.Parse(TorchPython.RunChecked(TorchModel).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(131_958, torchCount);
        Assert.Equal(torchCount, Build().ParameterCount());
    }
}
