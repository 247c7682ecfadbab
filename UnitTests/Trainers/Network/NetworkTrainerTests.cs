using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Optim;
using MlNetDl.Trainers.Network;
using static MlNetDl.UnitTests.Trainers.Network.NetworkTestData;

namespace MlNetDl.UnitTests.Trainers.Network;

/// <summary>The training loop on its own: any module, reports, cancellation, validation, label checks.</summary>
public class NetworkTrainerTests
{
    private static Sequential SmallMlp(int inputs, int seed) =>
        new(new Linear(inputs, 16, generator: new Generator(seed)), new ReLU(), new Linear(16, 3, generator: new Generator(seed + 1)));

    [Fact]
    public void ReportsEveryBatchThenTheEpochInOrder()
    {
        var reports = new List<TrainingProgress>();
        var trainer = new NetworkTrainer(new NetworkTrainerOptions { Epochs = 3, BatchSize = 16, Seed = 4 });
        var result = trainer.Train(SmallMlp(2, 1), new CrossEntropyLoss(), p => new Adam(p, lr: 1e-2), Blobs(50, 1),
            validationData: Blobs(30, 2), context: new TrainingContext(new SyncProgress(reports.Add)));

        // 50 rows in batches of 16: 4 batches (the last of 2 rows), then an end-of-epoch report (Batch = 0).
        var expected = Enumerable.Range(1, 3).SelectMany(e => new[] { 1, 2, 3, 4, 0 }.Select(b => (e, b))).ToList();
        Assert.Equal(expected, reports.Select(r => (r.Epoch, r.Batch)).ToList());
        Assert.All(reports, r => Assert.Equal((3, 4), (r.Epochs, r.Batches)));
        Assert.All(reports.Where(r => r.Batch > 0), r => Assert.Equal(["accuracy", "loss"], r.Metrics.Keys.Order()));
        var epochReports = reports.Where(r => r.Batch == 0).ToList();
        Assert.All(epochReports, r => Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], r.Metrics.Keys.Order()));
        Assert.Equal(3, result.History.Count);
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal(e + 1, result.History[e].Epoch);
            Assert.Equal(result.History[e].ToDictionary(), epochReports[e].Metrics);
            // The epoch loss is the row-weighted mean of the batch losses reported during it.
            var batchLosses = reports.Where(r => r.Epoch == e + 1 && r.Batch > 0).Select(r => r.Metrics["loss"]).ToList();
            double weighted = (batchLosses[0] * 16 + batchLosses[1] * 16 + batchLosses[2] * 16 + batchLosses[3] * 2) / 50;
            Assert.Equal(weighted, result.History[e].Loss, 1e-12);
        }
        Assert.IsType<Adam>(result.Optimizer);
        Assert.Equal(12, result.Optimizer.StepCount);
    }

    [Fact]
    public void LearnsSeparableBlobsAndTheLossFalls()
    {
        var model = SmallMlp(2, 3);
        var trainer = new NetworkTrainer(new NetworkTrainerOptions { Epochs = 15, BatchSize = 32, Seed = 1 });
        var result = trainer.Train(model, new CrossEntropyLoss(), p => new SGD(p, lr: 0.1, momentum: 0.9), Blobs(300, 5), Blobs(150, 6));
        var last = result.History[^1];
        Assert.True(last.Loss < 0.25 * result.History[0].Loss, $"loss {result.History[0].Loss} → {last.Loss}");
        Assert.True(last.ValidationAccuracy >= 0.98, $"validation accuracy {last.ValidationAccuracy}");
        Assert.False(model.Training, "the model is left in evaluation mode");
        var (loss, accuracy) = trainer.Evaluate(model, new CrossEntropyLoss(), Blobs(150, 6));
        Assert.Equal(last.ValidationLoss!.Value, loss, 1e-12);
        Assert.Equal(last.ValidationAccuracy, accuracy);
    }

    [Fact]
    public void TrainsAnyModuleOnImageShapedFeaturesWithIntegerLabels()
    {
        var data = Patches(90, 2);
        var labels = data.GetBatches(90, "Label").Single().GetValues<uint>("Label").ToArray().Select(k => (int)k - 1).ToArray();
        var view = data.WithColumns([new("Class", DataColumn.FromArray(labels))]);
        var g = new Generator(7);
        var model = new Sequential(new Conv2d(1, 4, 3, padding: 1, generator: g), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(64, 3, generator: g));
        var trainer = new NetworkTrainer(new NetworkTrainerOptions { LabelColumnName = "Class", Epochs = 8, BatchSize = 10, Seed = 2 });
        var result = trainer.Train(model, new CrossEntropyLoss(), p => new Adam(p, lr: 1e-2), view);
        Assert.True(result.History[^1].Accuracy >= 0.9, $"accuracy {result.History[^1].Accuracy}");
        Assert.True(result.History[^1].Loss < result.History[0].Loss);
        Assert.Null(result.History[^1].ValidationLoss);
    }

    [Fact]
    public void CancellationIsCheckedBeforeEveryBatch()
    {
        using var cts = new CancellationTokenSource();
        int batchReports = 0;
        var progress = new SyncProgress(r =>
        {
            if (r.Batch > 0 && ++batchReports == 3)
            {
                cts.Cancel();
            }
        });
        var model = SmallMlp(2, 1);
        var trainer = new NetworkTrainer(new NetworkTrainerOptions { Epochs = 5, BatchSize = 8 });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            trainer.Train(model, new CrossEntropyLoss(), p => new Adam(p), Blobs(64, 1), context: new TrainingContext(progress, cts.Token)));
        Assert.Equal(3, batchReports);
    }

    [Fact]
    public void SameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot()
    {
        float[] Run(int seed)
        {
            var model = SmallMlp(2, 11);
            new NetworkTrainer(new NetworkTrainerOptions { Epochs = 2, BatchSize = 7, Seed = seed })
                .Train(model, new CrossEntropyLoss(), p => new Adam(p, lr: 1e-2), Blobs(60, 3));
            return StateValues(model);
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void MissingKeyLabelNamesTheRow()
    {
        var data = new DataViewBuilder().AddVector("Features", new float[8], 2).AddKey("Label", new uint[] { 1, 2, 0, 1 }, 2).Build();
        var trainer = new NetworkTrainer(new NetworkTrainerOptions { Epochs = 1, BatchSize = 4, Shuffle = false });
        var e = Assert.Throws<InvalidDataException>(() =>
            trainer.Train(new Linear(2, 2), new CrossEntropyLoss(), p => new SGD(p, lr: 0.1), data));
        Assert.Equal("NetworkTrainer: row 2 of label column 'Label' is a missing key; every row needs a label.", e.Message);
    }

    [Fact]
    public void BadInputsFailWithMessagesNamingTheProblem()
    {
        var trainer = new NetworkTrainer(new NetworkTrainerOptions { Epochs = 1, DropLast = true, BatchSize = 64 });
        var data = Blobs(30, 1);
        var none = Assert.Throws<ArgumentException>(() => trainer.Train(new Linear(2, 3), new CrossEntropyLoss(reduction: Reduction.None), p => new Adam(p), data));
        Assert.Contains("Reduction.None", none.Message);
        var drop = Assert.Throws<InvalidOperationException>(() => trainer.Train(new Linear(2, 3), new CrossEntropyLoss(), p => new Adam(p), data));
        Assert.Equal("NetworkTrainer: DropLast leaves no batch: 30 rows are fewer than BatchSize 64.", drop.Message);
        var text = new DataViewBuilder().AddVector("Features", new float[4], 2).AddString("Label", ["a", "b"]).Build();
        var label = Assert.Throws<SchemaMismatchException>(() => trainer.Train(new Linear(2, 3), new CrossEntropyLoss(), p => new Adam(p), text));
        Assert.Equal("Schema mismatch for input column 'Label' of NetworkTrainer: expected Key, Int32 or Int64, got String.", label.Description);
        var otherShape = new DataViewBuilder().AddVector("Features", new float[6], 3).AddKey("Label", new long[] { 0, 1 }, 3).Build();
        var validation = Assert.Throws<SchemaMismatchException>(() => trainer.Train(new Linear(2, 3), new CrossEntropyLoss(), p => new Adam(p), data, otherShape));
        Assert.Equal("Schema mismatch for input column 'Features' of NetworkTrainer (validation data): expected Vector<Single, 2>, got Vector<Single, 3>.", validation.Description);
        var epochs = Assert.Throws<ArgumentOutOfRangeException>(() => new NetworkTrainer(new NetworkTrainerOptions { Epochs = 0 }));
        Assert.StartsWith("The 'Epochs' option of NetworkTrainer must be an integer in [1, ∞). Got 0.", epochs.Message);
    }

    [Fact]
    public void DivergingLossStopsTrainingWithAHint()
    {
        var x = Enumerable.Range(0, 64).Select(i => (i % 2 == 0 ? 1f : -1f) * 1e4f).ToArray();
        var data = new DataViewBuilder().AddVector("Features", x, 2).AddKey("Label", Enumerable.Range(0, 32).Select(i => (long)(i % 2)).ToArray(), 2).Build();
        var trainer = new NetworkTrainer(new NetworkTrainerOptions { Epochs = 3, BatchSize = 8 });
        // One step of this size overflows the weights to ±∞; the next batch's logits are then NaN.
        var e = Assert.Throws<InvalidOperationException>(() => trainer.Train(new Linear(2, 2), new CrossEntropyLoss(), p => new SGD(p, lr: 1e38), data));
        Assert.Contains("lower the learning rate", e.Message);
    }
}
