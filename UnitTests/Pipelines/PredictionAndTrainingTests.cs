using MlNetDl.Pipelines;

namespace MlNetDl.UnitTests.Pipelines;

public class PredictionAndTrainingTests
{
    public sealed class Input
    {
        [VectorType(2, 2)] public float[] Features { get; set; } = [];
        public float Age { get; set; }
    }

    public sealed class Output
    {
        [ColumnName("Centered")] public float[] Values { get; set; } = [];
        public float Age { get; set; }
    }

    private static (MLContext Context, ITransformer Model, InMemoryDataView Data) Trained()
    {
        var context = new MLContext(seed: 1);
        var data = PipelineData.Small();
        var model = context.Transforms.Concatenate("All", "Features", "Age")
            .Append(new MeanCenterEstimator(new MeanCenterOptions { InputColumnName = "All" }))
            .Fit(data);
        return (context, model, data);
    }

    [Fact]
    public void PredictionEngineMatchesBulkTransform()
    {
        var (context, model, data) = Trained();
        var engine = context.Model.CreatePredictionEngine<Input, Output>(model);
        var bulk = context.Data.CreateEnumerable<Output>(model.Transform(data), reuseRowObject: false).ToList();
        var inputs = context.Data.CreateEnumerable<Input>(data, reuseRowObject: false).ToList();
        var reused = new Output();
        for (int i = 0; i < inputs.Count; i++)
        {
            var p = engine.Predict(inputs[i]);
            Assert.Equal(bulk[i].Values, p.Values);
            Assert.Equal(bulk[i].Age, p.Age);
            var before = reused;
            engine.Predict(inputs[i], ref reused);
            Assert.Same(before, reused);
            Assert.Equal(bulk[i].Values, reused.Values);
        }
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 5), engine.OutputSchema!["Centered"].Type);
    }

    public sealed class WrongInput { [VectorType(4)] public float[] Features { get; set; } = []; }

    public sealed class WrongOutput { public string Centered { get; set; } = ""; }

    [Fact]
    public void PredictionEngineChecksSchemasWhenCreated()
    {
        var (context, model, _) = Trained();
        var e = Assert.Throws<SchemaMismatchException>(() => context.Model.CreatePredictionEngine<WrongInput, Output>(model));
        Assert.Equal("Schema mismatch for input column 'Age' of Concatenate: expected Single or Vector<Single>, not found; available: Features.", e.Description);
        var o = Assert.Throws<SchemaMismatchException>(() => context.Model.CreatePredictionEngine<Input, WrongOutput>(model));
        Assert.Contains("input column 'Centered' of CreateEnumerable<WrongOutput>: expected String, got Vector<Single, 5>", o.Message);
    }

    [Fact]
    public void ChainChecksTheWholeSchemaBeforeTraining()
    {
        var context = new MLContext(1);
        var trainer = new MeanCenterEstimator(new MeanCenterOptions { InputColumnName = "Features" });
        var pipeline = context.Transforms.CopyColumns("F", "Features").Append(trainer).Append(context.Transforms.Concatenate("X", "Missing"));
        var e = Assert.Throws<SchemaMismatchException>(() => pipeline.Fit(PipelineData.Small()));
        Assert.StartsWith("Schema mismatch for input column 'Missing' of Concatenate: expected Single or Vector<Single>, not found; available: ", e.Message);
        Assert.Equal(0, trainer.FitCalls);
        var longer = pipeline.Append(context.Transforms.DropColumns("X"));
        Assert.Equal(3, pipeline.Estimators.Count); // Append returned a new chain
        Assert.Equal(4, longer.Estimators.Count);
    }

    [Fact]
    public void ProgressIsReportedPerBatchAndEpoch()
    {
        var reports = new List<TrainingProgress>();
        var progress = new SyncProgress(reports.Add);
        var data = PipelineData.Small(10);
        new MeanCenterEstimator(new MeanCenterOptions { Epochs = 3, BatchSize = 4 }).Fit(data, progress);
        Assert.Equal(9, reports.Count); // 3 epochs × 3 batches
        Assert.Equal([(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2), (3, 3)], reports.Select(r => (r.Epoch, r.Batch)));
        Assert.All(reports, r => Assert.Equal((3, 3), (r.Epochs, r.Batches)));
        Assert.Equal(1.0 / 9, reports[^1].Metrics["loss"], 12);
        Assert.True(reports[^1].Elapsed >= reports[0].Elapsed);
        Assert.StartsWith("epoch 3/3 batch 3/3 loss=0.11111", reports[^1].ToString());

        // Through a chain, and through the options record.
        reports.Clear();
        new MLContext(1).Transforms.CopyColumns("F", "Features").Append(new MeanCenterEstimator(new MeanCenterOptions { Epochs = 1 }))
            .Fit(data, new TrainingContext(progress));
        Assert.Equal(3, reports.Count);
        reports.Clear();
        new MeanCenterEstimator(new MeanCenterOptions { Epochs = 1, Progress = progress }).Fit(data);
        Assert.Equal(3, reports.Count);
    }

    [Fact]
    public void CancellationStopsFitPromptly()
    {
        using var cts = new CancellationTokenSource();
        int reports = 0;
        var progress = new SyncProgress(r =>
        {
            if (++reports == 2)
            {
                cts.Cancel();
            }
        });
        var estimator = new MeanCenterEstimator(new MeanCenterOptions { Epochs = 100, BatchSize = 1 });
        Assert.ThrowsAny<OperationCanceledException>(() => estimator.Fit(PipelineData.Small(50), progress, cts.Token));
        Assert.Equal(2, reports);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new MLContext(1).Transforms.CopyColumns("F", "Features").Fit(PipelineData.Small(), new TrainingContext(null, cts.Token)));
    }

    [Fact]
    public void OptionsAreValidatedWithUniformMessages()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MeanCenterEstimator(new MeanCenterOptions { Epochs = 0 }));
        Assert.StartsWith("The 'Epochs' option of MeanCenter must be an integer in [1, ∞). Got 0.", e.Message);
        var c = Assert.Throws<ArgumentException>(() => new MLContext().Transforms.Concatenate("", "A"));
        Assert.StartsWith("The 'OutputColumnName' option of Concatenate must be a non-empty string. Got \"\".", c.Message);
        var s = Assert.Throws<ArgumentException>(() => new MLContext().Transforms.SelectColumns());
        Assert.StartsWith("The 'KeepColumns' option of ColumnSelecting must list at least one column. Got none.", s.Message);
    }

    /// <summary>IProgress that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
