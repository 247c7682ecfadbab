using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Optim;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.UnitTests.Docs;

/// <summary>The README's engine example (the loop verbatim between the marked lines, then Save to a temp path), so
/// the README cannot drift from the API.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void EngineExampleRunsAndLearns()
    {
        var images = Tensor.Rand([32, 784], new Generator(1));
        var labels = Tensor.RandInt(0, 10, [32], new Generator(2));
        var path = Path.Combine(Directory.CreateTempSubdirectory("mlnetdl-readme").FullName, "mlp.safetensors");
        float first = float.NaN, last = float.NaN;

        // README: begin
        var model = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
        var optimizer = new Adam(model.Parameters(), lr: 1e-3);
        for (int epoch = 0; epoch < 20; epoch++)
        {
            using var step = TensorScope.Begin();          // frees this step's tensors back to the pool
            var loss = F.CrossEntropy(model.Call(images), labels);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            // README: end
            (first, last) = (epoch == 0 ? loss.Item() : first, loss.Item());
        }

        model.Save(path);
        Assert.True(last < first * 0.5f, $"loss went from {first} to {last}");
        var reloaded = new Sequential(new Linear(784, 128), new ReLU(), new Linear(128, 10));
        reloaded.Load(path);
        Assert.Equal(model.Call(images).ToFloatArray(), reloaded.Call(images).ToFloatArray());
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.StateDict().Select(s => s.Key).ToArray());
    }
}
