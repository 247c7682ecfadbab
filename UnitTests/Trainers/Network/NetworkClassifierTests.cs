using MlNetDl.Pipelines;
using MlNetDl.Trainers.Network;
using MlNetDl.UnitTests.Pipelines;
using static MlNetDl.UnitTests.Trainers.Network.NetworkTestData;

namespace MlNetDl.UnitTests.Trainers.Network;

/// <summary>The Mlp and Cnn estimators end to end: accuracy, history, determinism, schema, save/load.</summary>
public class NetworkClassifierTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void MlpLearnsScikitLearnDigits()
    {
        var (train, test) = Digits();
        var context = new MLContext(seed: 1);
        var model = context.MulticlassClassification.Trainers.Mlp(hiddenLayers: [64], epochs: 25, batchSize: 32, learningRate: 3e-3, validationData: test).Fit(train);
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(test));
        output.WriteLine($"digits: test accuracy {metrics.MicroAccuracy:F4}, loss {model.History[0].Loss:F4} → {model.History[^1].Loss:F4}");
        Assert.True(metrics.MicroAccuracy >= 0.95, $"test accuracy {metrics.MicroAccuracy}");
        Assert.Equal(25, model.History.Count);
        Assert.True(model.History[^1].Loss < 0.2 * model.History[0].Loss, $"loss {model.History[0].Loss} → {model.History[^1].Loss}");
        Assert.Equal(metrics.MicroAccuracy, model.History[^1].ValidationAccuracy!.Value, 1e-12);
        // Score rows are probabilities.
        var scores = model.Transform(test).GetBatches(360, "Score").Single().GetVector("Score").ToArray();
        for (int r = 0; r < 360; r++)
        {
            Assert.Equal(1.0, scores.AsSpan(r * 10, 10).ToArray().Sum(), 1e-5);
        }
    }

    [Fact]
    public void MlpOptionsBuildTheDescribedNetwork()
    {
        var options = new MlpOptions { HiddenLayers = [8, 4], Activation = NetworkActivation.Tanh, Dropout = 0.25, Epochs = 1, BatchSize = 8 };
        var model = new MLContext(1).MulticlassClassification.Trainers.Mlp(options).Fit(Blobs(30, 1));
        LayerSpec[] expected =
        [
            LayerSpec.Flatten(), LayerSpec.Dense(8), LayerSpec.Activation(NetworkActivation.Tanh), LayerSpec.Dropout(0.25),
            LayerSpec.Dense(4), LayerSpec.Activation(NetworkActivation.Tanh), LayerSpec.Dropout(0.25), LayerSpec.Dense(3),
        ];
        Assert.Equal(string.Join("\n", expected), string.Join("\n", model.Options.Layers));
        Assert.Equal(["1.weight", "1.bias", "4.weight", "4.bias", "7.weight", "7.bias"], model.Model.StateDict().Select(s => s.Key));
        Assert.Equal(2 * 8 + 8 + 8 * 4 + 4 + 4 * 3 + 3, model.Model.ParameterCount());
        Assert.Equal([2], model.Options.InputShape.ToArray());
    }

    [Theory]
    [InlineData(NetworkOptimizer.Adam, NetworkActivation.ReLU)]
    [InlineData(NetworkOptimizer.SGD, NetworkActivation.LeakyReLU)]
    [InlineData(NetworkOptimizer.AdamW, NetworkActivation.Tanh)]
    [InlineData(NetworkOptimizer.RMSprop, NetworkActivation.Sigmoid)]
    public void EveryOptimizerAndActivationLearnsTheBlobs(NetworkOptimizer optimizer, NetworkActivation activation)
    {
        var options = new MlpOptions { HiddenLayers = [16], Activation = activation, Optimizer = optimizer, Epochs = 12, BatchSize = 16, LearningRate = optimizer == NetworkOptimizer.SGD ? 0.05 : 1e-2, Seed = 3 };
        var context = new MLContext(1);
        var model = context.MulticlassClassification.Trainers.Mlp(options).Fit(Blobs(240, 2));
        var accuracy = context.MulticlassClassification.Evaluate(model.Transform(Blobs(120, 9))).MicroAccuracy;
        Assert.True(accuracy >= 0.97, $"{optimizer}/{activation}: accuracy {accuracy}");
    }

    [Fact]
    public void SameSeedGivesIdenticalWeightsAndPredictions()
    {
        var data = Blobs(60, 4);
        NetworkClassifierTransformer Fit(int seed) =>
            new MLContext(1).MulticlassClassification.Trainers.Mlp(new MlpOptions { HiddenLayers = [8], Dropout = 0.2, Epochs = 3, BatchSize = 8, Seed = seed }).Fit(data);
        var a = Fit(7);
        var b = Fit(7);
        Assert.Equal(StateValues(a.Model), StateValues(b.Model));
        PipelineData.AssertSameRows(a.Transform(data), b.Transform(data));
        Assert.NotEqual(StateValues(a.Model), StateValues(Fit(8).Model));
        // The simple overload seeds from the context: same context seed, same network.
        var c1 = new MLContext(5).MulticlassClassification.Trainers.Mlp(hiddenLayers: [8], epochs: 2).Fit(data);
        var c2 = new MLContext(5).MulticlassClassification.Trainers.Mlp(hiddenLayers: [8], epochs: 2).Fit(data);
        Assert.Equal(StateValues(c1.Model), StateValues(c2.Model));
    }

    [Fact]
    public void CnnLearnsImagePatchesAndRoundTripsThroughAModelFile()
    {
        var context = new MLContext(2);
        LayerSpec[] layers = [LayerSpec.Conv(4, 3, samePadding: true), LayerSpec.BatchNorm(), LayerSpec.ReLU, LayerSpec.MaxPool(4, ceilMode: true), LayerSpec.Dropout(0.1)];
        var estimator = context.MulticlassClassification.Trainers.Cnn(layers, epochs: 10, batchSize: 16, learningRate: 1e-2);
        var train = Patches(150, 1);
        var test = Patches(60, 2);
        var model = estimator.Fit(train);
        Assert.Equal(string.Join("\n", [.. layers, LayerSpec.Flatten(), LayerSpec.Dense(3)]), string.Join("\n", model.Options.Layers));
        var accuracy = context.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy}");

        var path = Path.Combine(Directory.CreateTempSubdirectory("mlnetdl-cnn").FullName, "cnn.zip");
        context.Model.Save(model, train.Schema, path);
        var loaded = Assert.IsType<NetworkClassifierTransformer>(context.Model.Load(path, out var schema));
        Assert.True(schema.SameAs(train.Schema));
        PipelineData.AssertSameRows(model.Transform(test), loaded.Transform(test));
        Assert.Equal(model.History.ToArray(), loaded.History.ToArray());
        Assert.Equal(model.Options.Layers.ToArray(), loaded.Options.Layers.ToArray());
        Assert.Equal(model.Model.StateDict().Select(s => s.Key), loaded.Model.StateDict().Select(s => s.Key));
        Assert.Equal(StateValues(model.Model), StateValues(loaded.Model));
        Assert.Equal(model.Model.ToString(), loaded.Model.ToString());
    }

    [Fact]
    public void MlpSavesHistoryAndPredictsIdenticallyAfterLoading()
    {
        var context = new MLContext(3);
        var data = Blobs(45, 3);
        var model = context.MulticlassClassification.Trainers.Mlp(hiddenLayers: [6, 5], epochs: 3, batchSize: 10, validationData: Blobs(21, 4)).Fit(data);
        var stream = new MemoryStream();
        context.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = (NetworkClassifierTransformer)context.Model.Load(stream, out _);
        PipelineData.AssertSameRows(model.Transform(data), loaded.Transform(data));
        Assert.Equal(model.History.ToArray(), loaded.History.ToArray());
        Assert.NotNull(loaded.History[^1].ValidationLoss);
        Assert.Equal("Mlp", loaded.ComponentName);
    }

    [Fact]
    public void ProgressAndCancellationTravelWithTheOptionsAndThroughChains()
    {
        var reports = new List<TrainingProgress>();
        var options = new MlpOptions { HiddenLayers = [4], Epochs = 2, BatchSize = 10, Progress = new SyncProgress(reports.Add) };
        new MLContext(1).MulticlassClassification.Trainers.Mlp(options).Fit(Blobs(35, 1));
        Assert.Equal(2 * (4 + 1), reports.Count);   // 35 rows: 4 batches + one epoch report, per epoch

        var chainReports = new List<TrainingProgress>();
        var context = new MLContext(1);
        var chain = context.Transforms.CopyColumns("Features2", "Features")
            .Append(context.MulticlassClassification.Trainers.Mlp(featureColumnName: "Features2", hiddenLayers: [4], epochs: 3, batchSize: 35));
        var fitted = chain.Fit(Blobs(35, 1), new TrainingContext(new SyncProgress(chainReports.Add)));
        Assert.Equal(3 * 2, chainReports.Count);
        Assert.Equal(3, fitted.LastTransformer.History.Count);

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var cancelled = new MlpOptions { HiddenLayers = [4], Epochs = 2, CancellationToken = cts.Token };
        Assert.ThrowsAny<OperationCanceledException>(() => new MLContext(1).MulticlassClassification.Trainers.Mlp(cancelled).Fit(Blobs(35, 1)));
    }

    [Fact]
    public void SchemaErrorsNameTheColumn()
    {
        var mlp = new MLContext(1).MulticlassClassification.Trainers.Mlp(epochs: 1);
        var noFeatures = new DataViewBuilder().AddVector("Pixels", new float[4], 2).AddKey("Label", new long[] { 0, 1 }, 2).Build();
        var missing = Assert.Throws<SchemaMismatchException>(() => mlp.Fit(noFeatures));
        Assert.Equal("Schema mismatch for input column 'Features' of Mlp: expected Vector<Single>, not found; available: Pixels, Label.", missing.Description);
        Assert.Throws<SchemaMismatchException>(() => mlp.GetOutputSchema(SchemaShape.Create(noFeatures.Schema)));
        var intLabel = new DataViewBuilder().AddVector("Features", new float[4], 2).AddInt32("Label", [0, 1]).Build();
        var mistyped = Assert.Throws<SchemaMismatchException>(() => mlp.Fit(intLabel));
        Assert.Equal("Schema mismatch for input column 'Label' of Mlp: expected Key, got Int32.", mistyped.Description);

        var model = mlp.Fit(Blobs(12, 1));
        var wider = new DataViewBuilder().AddVector("Features", new float[6], 3).AddKey("Label", new long[] { 0, 1 }, 3).Build();
        var shape = Assert.Throws<SchemaMismatchException>(() => model.Transform(wider));
        Assert.Equal("Schema mismatch for input column 'Features' of Mlp: expected Vector<Single, 2>, got Vector<Single, 3>.", shape.Description);

        var validation = new DataViewBuilder().AddVector("Features", new float[4], 2).AddKey("Label", new long[] { 0, 1 }, 5).Build();
        var otherKeys = Assert.Throws<SchemaMismatchException>(() =>
            new MLContext(1).MulticlassClassification.Trainers.Mlp(epochs: 1, validationData: validation).Fit(Blobs(12, 1)));
        Assert.StartsWith("Schema mismatch for input column 'Label' of Mlp (validation data): expected Key<UInt32, 0-2>, got Key<UInt32, 0-4>.", otherKeys.Description);
    }

    [Fact]
    public void CnnLayersThatDoNotFitTheInputFailBeforeTraining()
    {
        var cnn = new MLContext(1).MulticlassClassification.Trainers.Cnn([LayerSpec.Conv(2, 3), LayerSpec.Dense(4)], epochs: 1);
        var images = Patches(6, 1);
        var e = Assert.Throws<ArgumentException>(() => cnn.GetOutputSchema(SchemaShape.Create(images.Schema)));
        Assert.Equal("Cnn: layer 1 (DenseLayer { Units = 4 }) does not fit its input [2, 6, 6] (the network's input is [1, 8, 8]): needs a flat input [features]; put a Flatten layer before it.", e.Message);
        var flat = new MLContext(1).MulticlassClassification.Trainers.Cnn([LayerSpec.Conv(2, 3)], epochs: 1);
        var rank = Assert.Throws<ArgumentException>(() => flat.Fit(Blobs(6, 1)));
        Assert.Contains("layer 0 (ConvLayer", rank.Message);
        Assert.Contains("needs an image input [channels, height, width]", rank.Message);
        var tooSmall = new MLContext(1).MulticlassClassification.Trainers.Cnn([LayerSpec.Conv(2, 9)], epochs: 1);
        var small = Assert.Throws<ArgumentException>(() => tooSmall.Fit(images));
        Assert.StartsWith("Cnn: layer 0 (ConvLayer { Filters = 2, KernelSize = 9", small.Message);
    }

    public static TheoryData<Func<MlpOptions>, string> BadMlpOptions => new()
    {
        { () => new MlpOptions { HiddenLayers = [16, 0] }, "The 'HiddenLayers[1]' option of Mlp must be an integer in [1, ∞). Got 0." },
        { () => new MlpOptions { Dropout = 1 }, "The 'Dropout' option of Mlp must be a number in [0, 1). Got 1." },
        { () => new MlpOptions { LearningRate = 0 }, "The 'LearningRate' option of Mlp must be a number in (0, ∞). Got 0." },
        { () => new MlpOptions { LearningRate = double.NaN }, "The 'LearningRate' option of Mlp must be a number in (0, ∞). Got NaN." },
        { () => new MlpOptions { Epochs = 0 }, "The 'Epochs' option of Mlp must be an integer in [1, ∞). Got 0." },
        { () => new MlpOptions { BatchSize = -3 }, "The 'BatchSize' option of Mlp must be an integer in [1, ∞). Got -3." },
        { () => new MlpOptions { WeightDecay = -0.5 }, "The 'WeightDecay' option of Mlp must be a number in [0, ∞). Got -0.5." },
        { () => new MlpOptions { Momentum = -1 }, "The 'Momentum' option of Mlp must be a number in [0, ∞). Got -1." },
        { () => new MlpOptions { Optimizer = (NetworkOptimizer)9 }, "The 'Optimizer' option of Mlp must be one of Adam, SGD, AdamW, RMSprop. Got 9." },
        { () => new MlpOptions { Activation = (NetworkActivation)7 }, "The 'Activation' option of Mlp must be one of ReLU, Tanh, Sigmoid, LeakyReLU. Got 7." },
        { () => new MlpOptions { FeatureColumnName = "" }, "The 'FeatureColumnName' option of Mlp must be a non-empty string. Got \"\"." },
        { () => new MlpOptions { HiddenLayers = default }, "The 'HiddenLayers' option of Mlp must be a list of layer sizes. Got null." },
    };

    [Theory]
    [MemberData(nameof(BadMlpOptions))]
    public void MlpOptionsAreValidatedWithMessagesNamingOptionRangeAndValue(Func<MlpOptions> make, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new MLContext(1).MulticlassClassification.Trainers.Mlp(make()));
        Assert.StartsWith(message, e.Message);
    }

    public static TheoryData<LayerSpec, string> BadLayers => new()
    {
        { LayerSpec.Conv(0, 3), "The 'Layers[0].Filters' option of Cnn must be an integer in [1, ∞). Got 0." },
        { LayerSpec.Conv(4, 3, stride: 0), "The 'Layers[0].Stride' option of Cnn must be an integer in [1, ∞). Got 0." },
        { LayerSpec.Conv(4, 3, padding: -1), "The 'Layers[0].Padding' option of Cnn must be an integer in [0, ∞). Got -1." },
        { LayerSpec.Conv(4, 2, stride: 2, samePadding: true), "The 'Layers[0].SamePadding' option of Cnn needs Stride 1 and Padding 0 (PyTorch's padding='same'). Got Stride 2, Padding 0." },
        { LayerSpec.MaxPool(0), "The 'Layers[0].KernelSize' option of Cnn must be an integer in [1, ∞). Got 0." },
        { LayerSpec.AvgPool(2, stride: 0), "The 'Layers[0].Stride' option of Cnn must be an integer in [1, ∞). Got 0." },
        { LayerSpec.Dropout(-0.1), "The 'Layers[0].P' option of Cnn must be a number in [0, 1). Got -0.1." },
        { LayerSpec.Dense(0), "The 'Layers[0].Units' option of Cnn must be an integer in [1, ∞). Got 0." },
        { LayerSpec.Activation((NetworkActivation)5), "The 'Layers[0].Function' option of Cnn must be one of ReLU, Tanh, Sigmoid, LeakyReLU. Got 5." },
    };

    [Theory]
    [MemberData(nameof(BadLayers))]
    public void CnnLayersAreValidatedWithMessagesNamingTheLayer(LayerSpec layer, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new MLContext(1).MulticlassClassification.Trainers.Cnn([layer]));
        Assert.StartsWith(message, e.Message);
    }
}
