using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Optim;
using MlNetDl.Tensors.Serialization;
using MlNetDl.Trainers.Network;

namespace MlNetDl.UnitTests.Trainers.Network;

/// <summary>
/// One epoch of <see cref="NetworkTrainer"/> against PyTorch 1.13 (Fixtures/torch/network.safetensors, written by
/// Fixtures/torch/make_network_fixtures.py): the same initial weights, the rows in the same order (no shuffle), batch
/// size 16. The networks come from the estimators' own layer descriptions, so this also checks that their state
/// keys and layer order are PyTorch's. Each row here matches one entry of the script's CASES.
/// </summary>
public class TorchParityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Lazy<SafeTensorFile> Fixture = new(() =>
        SafeTensors.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", "network.safetensors")));

    public sealed record Case(string Name, Func<IReadOnlyList<LayerSpec>> Body, Func<IEnumerable<Tensor>, Optimizer> Optimizer)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new()
    {
        new Case("mlp_adam", () => new MlpOptions { HiddenLayers = [32, 16] }.BodyLayers(), p => new Adam(p, lr: 1e-2)),
        new Case("mlp_sgd", () => new MlpOptions { HiddenLayers = [32, 16] }.BodyLayers(), p => new SGD(p, lr: 0.05, momentum: 0.9)),
        new Case("mlp_tanh_rmsprop", () => new MlpOptions { HiddenLayers = [24], Activation = NetworkActivation.Tanh }.BodyLayers(),
            p => new RMSprop(p, lr: 1e-3, weightDecay: 1e-3)),
        new Case("cnn_adamw", () => new CnnOptions { Layers = [LayerSpec.Conv(4, 3, padding: 1), LayerSpec.ReLU, LayerSpec.BatchNorm(), LayerSpec.MaxPool(2)] }.BodyLayers(),
            p => new AdamW(p, lr: 1e-2)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneEpochMatchesPyTorch(Case c)
    {
        var x = Fixture.Value[$"{c.Name}/x"];
        var y = Fixture.Value[$"{c.Name}/y"].ToInt64s();
        int[] shape = [.. x.Shape.Skip(1).Select(d => (int)d)];
        var data = new DataViewBuilder().AddVector("Features", x.ToFloats(), shape).AddKey("Label", y, 3).Build();
        var generators = new LayerGenerators(new Generator(0), new Generator(0));
        var (network, _) = NetworkBuilder.BuildClassifier("Parity", shape, c.Body(), 3, generators);
        network.LoadStateDict(State(c.Name, "init"));

        var reports = new List<TrainingProgress>();
        var trainer = new NetworkTrainer(new NetworkTrainerOptions { Epochs = 1, BatchSize = 16, Shuffle = false });
        var result = trainer.Train(network, new CrossEntropyLoss(), c.Optimizer, data, context: new TrainingContext(new NetworkTestData.SyncProgress(reports.Add)));

        var expectedLosses = Fixture.Value[$"{c.Name}/batch_losses"].ToFloats();
        var losses = reports.Where(r => r.Batch > 0).Select(r => r.Metrics["loss"]).ToArray();
        Assert.Equal(expectedLosses.Length, losses.Length);
        for (int b = 0; b < losses.Length; b++)
        {
            Assert.True(Math.Abs(losses[b] - expectedLosses[b]) <= 1e-5, $"{c.Name} batch {b + 1}: loss {losses[b]:R}, PyTorch {expectedLosses[b]:R}");
        }
        double epochLoss = Fixture.Value[$"{c.Name}/epoch_loss"].ToFloats()[0];
        output.WriteLine($"{c.Name}: max |batch loss − PyTorch| = {losses.Select((l, b) => Math.Abs(l - expectedLosses[b])).Max():E2}, |epoch loss − PyTorch| = {Math.Abs(result.History[0].Loss - epochLoss):E2}");
        Assert.True(Math.Abs(result.History[0].Loss - epochLoss) <= 1e-5, $"{c.Name}: epoch loss {result.History[0].Loss:R}, PyTorch {epochLoss:R}");

        var expected = State(c.Name, "final");
        Assert.Equal(expected.Keys, network.StateDict().Select(s => s.Key));
        foreach (var (key, actual) in network.StateDict())
        {
            if (actual.DType == DType.Int64)
            {
                Assert.Equal(expected[key].ToArray<long>(), actual.ToArray<long>());
                continue;
            }
            var want = expected[key].ToFloatArray();
            var got = actual.ToFloatArray();
            for (int i = 0; i < want.Length; i++)
            {
                Assert.True(Math.Abs(got[i] - want[i]) <= 1e-4 + 1e-4 * Math.Abs(want[i]), $"{c.Name} {key}[{i}]: {got[i]:R}, PyTorch {want[i]:R}");
            }
        }
    }

    /// <summary>The fixture's "{case}/{stage}/{key}" arrays as tensors keyed by state-dict key, in file order.</summary>
    private static Dictionary<string, Tensor> State(string name, string stage)
    {
        string prefix = $"{name}/{stage}/";
        using var unscoped = TensorScope.Suspend();
        return Fixture.Value.Entries.Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(
            e => e.Name[prefix.Length..],
            e =>
            {
                int[] dims = [.. e.Shape.Select(d => (int)d)];
                return e.DType == SafeTensorDType.I64 ? Tensor.From<long>(e.ToInt64s(), new Shape(dims)) : Tensor.From<float>(e.ToFloats(), new Shape(dims));
            });
    }
}
