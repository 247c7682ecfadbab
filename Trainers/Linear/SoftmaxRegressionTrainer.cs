using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Linear;

/// <summary>Options of <see cref="SoftmaxRegressionTrainer"/>. <see cref="PerSampleSgd"/> updates after every row
/// (the course's SGD; <see cref="BatchSize"/> is then ignored). Rows are shuffled every epoch from <see cref="Seed"/>.</summary>
public sealed record SoftmaxRegressionOptions : TrainerOptionsBase
{
    public string LabelColumnName { get; init; } = "Label";
    public string FeatureColumnName { get; init; } = "Features";
    public int Epochs { get; init; } = 10;
    public double LearningRate { get; init; } = 0.1;
    public int BatchSize { get; init; } = 128;
    public double L2Regularization { get; init; }
    public bool PerSampleSgd { get; init; }
    public SoftmaxGradientMode Gradient { get; init; } = SoftmaxGradientMode.Derived;
    public int Seed { get; init; }

    /// <exception cref="ArgumentException">An empty column name or an option out of range (named in the message).</exception>
    public SoftmaxRegressionOptions Validate()
    {
        const string owner = SoftmaxRegressionTrainer.Name;
        OptionChecks.NotEmpty(owner, nameof(LabelColumnName), LabelColumnName);
        OptionChecks.NotEmpty(owner, nameof(FeatureColumnName), FeatureColumnName);
        OptionChecks.InRange(owner, nameof(Epochs), Epochs, 1);
        OptionChecks.InRange(owner, nameof(LearningRate), LearningRate, 0, double.PositiveInfinity, minInclusive: false, maxInclusive: false);
        OptionChecks.InRange(owner, nameof(BatchSize), BatchSize, 1);
        OptionChecks.InRange(owner, nameof(L2Regularization), L2Regularization, 0, double.PositiveInfinity, maxInclusive: false);
        if (!Enum.IsDefined(Gradient))
        {
            throw new ArgumentOutOfRangeException(nameof(Gradient), Gradient, $"The '{nameof(Gradient)}' option of {owner} must be Derived or Autograd. Got {(int)Gradient}.");
        }
        return this;
    }
}

/// <summary>
/// Multinomial logistic (softmax) regression by mini-batch gradient descent from zero weights:
/// W ← W − η(Xᵀ(P − Y)/m + λW), b ← b − η·colsum(P − Y)/m (see <see cref="SoftmaxGradients"/>). Labels are keys
/// (K = key count). Reports the mean training loss and accuracy of each epoch (measured on the batches as they
/// are visited, before their update).
/// </summary>
public sealed class SoftmaxRegressionTrainer(SoftmaxRegressionOptions options) : ITrainableEstimator<SoftmaxRegressionTransformer>
{
    public const string Name = "SoftmaxRegression";

    public SoftmaxRegressionOptions Options { get; } = options.Validate();

    public SoftmaxRegressionTransformer Fit(IDataView input) => Fit(input, Options.ToTrainingContext());

    public SoftmaxRegressionTransformer Fit(IDataView input, TrainingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var view = InMemoryDataView.From(input);
        var (x, n, d) = TrainingData.Features(view, Name, Options.FeatureColumnName);
        var (y, k) = TrainingData.Keys(view, Name, Options.LabelColumnName);
        TrainingData.CheckFinite(Name, Options.FeatureColumnName, x, n);
        int batch = Options.PerSampleSgd ? 1 : Math.Min(Options.BatchSize, n);
        int batches = (n + batch - 1) / batch;
        var w = new float[d * k];
        var b = new float[k];
        var gradW = new float[d * k];
        var wt = new float[k * d];
        var gradWt = new float[k * d];
        var gradB = new float[k];
        var xb = new float[batch * d];
        var yb = new int[batch];
        var scratch = new float[batch * k];
        var generator = new MlNetDl.Tensors.Generator(Options.Seed);
        float lr = (float)Options.LearningRate, l2 = (float)Options.L2Regularization;
        var loss = new double[Options.Epochs];
        var accuracy = new double[Options.Epochs];
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            var order = generator.Permutation(n);
            double lossSum = 0;
            int correct = 0;
            for (int start = 0; start < n; start += batch)
            {
                context.ThrowIfCancellationRequested();
                int m = Math.Min(batch, n - start);
                for (int r = 0; r < m; r++)
                {
                    int i = order[start + r];
                    x.AsSpan(i * d, d).CopyTo(xb.AsSpan(r * d, d));
                    yb[r] = y[i];
                }
                if (Options.Gradient == SoftmaxGradientMode.Derived)
                {
                    // W is held transposed ([K × d]) while training: see FewClassProducts.
                    var (batchLoss, batchCorrect) = SoftmaxGradients.DerivedTransposed(xb, yb, m, d, k, wt, b, l2, gradWt, gradB, scratch);
                    lossSum += batchLoss * m;
                    correct += batchCorrect;
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gradWt, -lr, wt, wt);
                }
                else
                {
                    lossSum += SoftmaxGradients.Autograd(xb, yb.AsSpan(0, m), m, d, k, w, b, l2, gradW, gradB) * m;
                    correct += CountCorrect(xb, yb, m, d, k, w, b);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gradW, -lr, w, w);
                }
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gradB, -lr, b, b);
            }
            loss[epoch - 1] = lossSum / n;
            accuracy[epoch - 1] = (double)correct / n;
            if (!double.IsFinite(loss[epoch - 1]))
            {
                throw new InvalidOperationException($"{Name}: the loss diverged at epoch {epoch}; lower LearningRate (got {Options.LearningRate}) or standardize the features.");
            }
            context.Report(epoch, Options.Epochs, 0, batches, new Dictionary<string, double> { ["loss"] = loss[epoch - 1], ["accuracy"] = accuracy[epoch - 1] });
        }
        if (Options.Gradient == SoftmaxGradientMode.Derived)
        {
            w = SoftmaxGradients.Transpose(wt, k, d);
        }
        return new SoftmaxRegressionTransformer(new SoftmaxRegressionModelOptions(Options.FeatureColumnName, k), w, b, loss, accuracy);
    }

    private static int CountCorrect(float[] xb, int[] yb, int m, int d, int k, float[] w, float[] b)
    {
        var p = new double[k];
        int correct = 0;
        for (int i = 0; i < m; i++)
        {
            SoftmaxRegressionTransformer.Probabilities(xb.AsSpan(i * d, d), w, b, p);
            correct += Array.IndexOf(p, p.Max()) == yb[i] ? 1 : 0;
        }
        return correct;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnRequirement.SingleVector.Check(inputSchema, Name, Options.FeatureColumnName);
        var label = ColumnRequirement.Key.Check(inputSchema, Name, Options.LabelColumnName);
        var outputs = new List<SchemaShape.Column>
        {
            new("Score", SchemaShape.VectorKind.Vector, NumberDataViewType.Single, false, label.ItemType is KeyDataViewType kt ? [(int)kt.Count] : default),
        };
        if (label.ItemType is KeyDataViewType keyType)
        {
            outputs.Add(SchemaShape.Column.FromType("PredictedLabel", keyType));
        }
        else
        {
            outputs.Add(new("PredictedLabel", SchemaShape.VectorKind.Scalar, label.ItemType, true));
        }
        if (label.ItemType is not KeyDataViewType)
        {
            outputs[0] = outputs[0] with { Kind = SchemaShape.VectorKind.VariableVector };
        }
        return inputSchema.With(outputs);
    }
}
