using MlNetDl.Pipelines;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Nn;
using MlNetDl.Tensors.Optim;

namespace MlNetDl.Trainers.Network;

/// <summary>
/// The mini-batch training loop shared by the network trainers, usable with any <see cref="Module{TIn, TOut}"/>:
/// per epoch, <c>model.Train()</c>, then for every batch of the data view's batches (seeded shuffle, no copy of the
/// data set) one step inside a <see cref="TensorScope"/> — forward, <c>loss(output, labels)</c>, ZeroGrad,
/// backward, optimizer step — and afterwards, when validation data is given, one pass in <c>model.Eval()</c>
/// without recording. Reports through <see cref="TrainingContext"/> after every batch (Batch = 1..Batches:
/// "loss", "accuracy" of that batch) and every epoch (Batch = 0: <see cref="EpochMetrics.ToDictionary"/>);
/// cancellation is checked before every batch. The model is left in evaluation mode.
/// <code>
/// var trainer = new NetworkTrainer(new NetworkTrainerOptions { Epochs = 5, BatchSize = 64, Seed = 1 });
/// var result = trainer.Train(model, new CrossEntropyLoss(), p => new Adam(p, lr: 1e-3), trainData, validationData);
/// Console.WriteLine(result.History[^1]);   // EpochMetrics { Epoch = 5, Loss = ..., ValidationAccuracy = ... }
/// </code>
/// </summary>
public sealed class NetworkTrainer
{
    public const string Name = "NetworkTrainer";

    /// <summary>Label columns the loop accepts: class indices as keys or integers.</summary>
    internal static readonly ColumnRequirement LabelRequirement = new("Key, Int32 or Int64", c =>
        c.Kind == SchemaShape.VectorKind.Scalar && (c.IsKey || c.ItemType == NumberDataViewType.Int32 || c.ItemType == NumberDataViewType.Int64));

    /// <exception cref="ArgumentException">An option is out of range (named in the message).</exception>
    public NetworkTrainer(NetworkTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
    }

    public NetworkTrainerOptions Options { get; }

    /// <summary>Trains <paramref name="model"/> in place for <see cref="NetworkTrainerOptions.Epochs"/> epochs.</summary>
    /// <param name="model">Maps a feature batch [batch, ...dims] to what <paramref name="loss"/> takes (logits [batch, classes] for cross-entropy).</param>
    /// <param name="loss">Mean or Sum reduction; the epoch loss is Σ batch loss·rows / n for Mean and Σ batch loss / n for Sum.</param>
    /// <param name="createOptimizer">Builds the optimizer over the model's parameters, e.g. <c>p => new Adam(p, lr: 1e-3)</c>.</param>
    /// <param name="trainData">Rows with the feature and label columns.</param>
    /// <param name="validationData">Optional rows with the same column types, scored after every epoch.</param>
    /// <param name="context">Progress sink and cancellation; null reports nothing.</param>
    /// <exception cref="SchemaMismatchException">A column is missing or mistyped, in either data view.</exception>
    /// <exception cref="ArgumentException">A loss without reduction.</exception>
    /// <exception cref="InvalidOperationException">No rows (or no full batch with DropLast), or the loss stopped being finite.</exception>
    /// <exception cref="InvalidDataException">A training row has a missing key label.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public NetworkTrainingResult Train(Module<Tensor, Tensor> model, Loss loss, Func<IEnumerable<Tensor>, Optimizer> createOptimizer,
        IDataView trainData, IDataView? validationData = null, TrainingContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(createOptimizer);
        ArgumentNullException.ThrowIfNull(trainData);
        context ??= TrainingContext.None;
        if (loss.Reduction == Reduction.None)
        {
            throw new ArgumentException($"{Options.Owner}: the loss {loss.GetType().Name} must reduce its batch to a scalar (Reduction.Mean or Reduction.Sum); got Reduction.None.", nameof(loss));
        }
        var featureType = CheckColumns(trainData.Schema, Options.Owner);
        bool keyLabels = trainData.Schema[Options.LabelColumnName].Type is KeyDataViewType;
        if (validationData is not null)
        {
            var validationType = CheckColumns(validationData.Schema, Options.Owner + " (validation data)");
            if (validationType != featureType)
            {
                throw new SchemaMismatchException(Options.Owner + " (validation data)", Options.FeatureColumnName, featureType.ToString(),
                    validationType.ToString(), validationData.Schema.AvailableNames());
            }
        }
        var view = InMemoryDataView.From(trainData);
        int n = view.RowCount;
        int batchCount = Options.DropLast ? n / Options.BatchSize : (n + Options.BatchSize - 1) / Options.BatchSize;
        if (batchCount == 0)
        {
            throw new InvalidOperationException(n == 0
                ? $"{Options.Owner}: the training data has no rows."
                : $"{Options.Owner}: DropLast leaves no batch: {n} rows are fewer than BatchSize {Options.BatchSize}.");
        }
        var optimizer = createOptimizer(model.Parameters()) ?? throw new ArgumentException($"{Options.Owner}: the optimizer factory returned null.", nameof(createOptimizer));
        var batches = view.GetBatches(new BatchOptions { BatchSize = Options.BatchSize, Shuffle = Options.Shuffle, Seed = Options.Seed, DropLast = Options.DropLast },
            Options.FeatureColumnName, Options.LabelColumnName);
        var validation = validationData is null ? null : InMemoryDataView.From(validationData);
        var history = new List<EpochMetrics>(Options.Epochs);
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            model.Train();
            var sums = new BatchSums();
            foreach (var batch in batches)
            {
                context.ThrowIfCancellationRequested();
                var (batchLoss, correct) = Step(model, loss, optimizer, batch, keyLabels);
                if (!double.IsFinite(batchLoss))
                {
                    throw new InvalidOperationException(
                        $"{Options.Owner}: the loss became {batchLoss} at epoch {epoch}, batch {batch.Index + 1}; lower the learning rate or standardize the features.");
                }
                sums.Add(loss.Reduction, batchLoss, batch.Count, correct);
                var metrics = new Dictionary<string, double> { ["loss"] = batchLoss };
                if (correct is { } c)
                {
                    metrics["accuracy"] = (double)c / batch.Count;
                }
                context.Report(epoch, Options.Epochs, batch.Index + 1, batchCount, metrics);
            }
            (double Loss, double? Accuracy)? scored = validation is null ? null : Evaluate(model, loss, validation, context);
            var summary = new EpochMetrics(epoch, sums.Loss, sums.Accuracy, scored?.Loss, scored?.Accuracy, context.Elapsed);
            history.Add(summary);
            context.Report(epoch, Options.Epochs, 0, batchCount, summary.ToDictionary());
        }
        model.Eval();
        return new NetworkTrainingResult(history, optimizer);
    }

    /// <summary>Mean loss and accuracy of <paramref name="model"/> over <paramref name="data"/> in evaluation mode,
    /// without recording (the loop's validation pass, reusable after training).</summary>
    /// <exception cref="SchemaMismatchException">A column is missing or mistyped.</exception>
    /// <exception cref="InvalidOperationException">The data has no rows.</exception>
    public (double Loss, double? Accuracy) Evaluate(Module<Tensor, Tensor> model, Loss loss, IDataView data, TrainingContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        CheckColumns(data.Schema, Options.Owner);
        var view = InMemoryDataView.From(data);
        if (view.RowCount == 0)
        {
            throw new InvalidOperationException($"{Options.Owner}: the evaluation data has no rows.");
        }
        model.Eval();
        using var noGrad = GradMode.NoGrad();
        bool keyLabels = data.Schema[Options.LabelColumnName].Type is KeyDataViewType;
        var sums = new BatchSums();
        foreach (var batch in view.GetBatches(new BatchOptions { BatchSize = Options.BatchSize }, Options.FeatureColumnName, Options.LabelColumnName))
        {
            context?.ThrowIfCancellationRequested();
            using var scope = TensorScope.Begin();
            var (output, target) = Forward(model, batch, keyLabels);
            sums.Add(loss.Reduction, loss.Call(output, target).Item(), batch.Count, CountCorrect(output, target));
        }
        return (sums.Loss, sums.Accuracy);
    }

    private (double Loss, long? Correct) Step(Module<Tensor, Tensor> model, Loss loss, Optimizer optimizer, DataBatch batch, bool keyLabels)
    {
        using var scope = TensorScope.Begin();
        var (output, target) = Forward(model, batch, keyLabels);
        var value = loss.Call(output, target);
        optimizer.ZeroGrad();
        value.Backward();
        optimizer.Step();
        using var noGrad = GradMode.NoGrad();
        return (value.Item(), CountCorrect(output, target));
    }

    /// <summary>The batch's output and int64 targets; a missing key (or a negative integer class), which
    /// cross-entropy would silently skip as its ignore index, is an error instead.</summary>
    private (Tensor Output, Tensor Target) Forward(Module<Tensor, Tensor> model, DataBatch batch, bool keyLabels)
    {
        var target = batch.GetTensor(Options.LabelColumnName);
        var labels = target.AsReadOnlySpan<long>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                throw new InvalidDataException($"{Options.Owner}: row {batch.RowIndices.Span[i]} of label column '{Options.LabelColumnName}' " +
                    (keyLabels ? "is a missing key; every row needs a label." : $"holds class {labels[i]}; classes must be non-negative."));
            }
        }
        return (model.Call(batch.GetTensor(Options.FeatureColumnName)), target);
    }

    /// <summary>Argmax hits when the output is [batch, classes] and the target [batch] class indices; else null.</summary>
    private static long? CountCorrect(Tensor output, Tensor target) =>
        output.Rank == 2 && target.Rank == 1 && target.DType == DType.Int64 && output.Size(0) == target.Size(0)
            ? output.ArgMax(1).Eq(target).Sum().Item<long>()
            : null;

    private VectorDataViewType CheckColumns(DataViewSchema schema, string owner)
    {
        var type = (VectorDataViewType)ColumnRequirement.SingleVector.Check(schema, owner, Options.FeatureColumnName);
        if (!type.IsKnownSize)
        {
            throw new SchemaMismatchException(owner, Options.FeatureColumnName, "Vector<Single> of known size", type.ToString(), SchemaShape.Create(schema).AvailableNames());
        }
        LabelRequirement.Check(schema, owner, Options.LabelColumnName);
        return type;
    }

    /// <summary>Running sums of one pass: loss weighted per the reduction, hits, rows.</summary>
    private sealed class BatchSums
    {
        private double _loss;
        private long _correct;
        private long _rows;
        private bool _hasAccuracy = true;

        public double Loss => _loss / _rows;

        public double? Accuracy => _hasAccuracy && _rows > 0 ? (double)_correct / _rows : null;

        public void Add(Reduction reduction, double loss, int rows, long? correct)
        {
            _loss += reduction == Reduction.Sum ? loss : loss * rows;
            _rows += rows;
            _hasAccuracy &= correct.HasValue;
            _correct += correct ?? 0;
        }
    }
}
