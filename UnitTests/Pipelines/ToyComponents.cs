using MlNetDl.Pipelines;

namespace MlNetDl.UnitTests.Pipelines;

/// <summary>A toy trainer for the pipeline tests: learns the per-feature mean of a vector column over a number of
/// epochs of batches (reporting progress, honouring cancellation) and subtracts it. Exercises fitted state,
/// tensors in model files and the training contract the way network trainers will.</summary>
public sealed record MeanCenterOptions : TrainerOptionsBase
{
    public string OutputColumnName { get; init; } = "Centered";
    public string InputColumnName { get; init; } = "Features";
    public int Epochs { get; init; } = 2;
    public int BatchSize { get; init; } = 4;

    public MeanCenterOptions Validate()
    {
        OptionChecks.InRange("MeanCenter", nameof(Epochs), Epochs, 1);
        OptionChecks.InRange("MeanCenter", nameof(BatchSize), BatchSize, 1);
        return this;
    }
}

public sealed class MeanCenterEstimator(MeanCenterOptions options) : ITrainableEstimator<MeanCenterTransformer>
{
    public MeanCenterOptions Options { get; } = options.Validate();

    public int FitCalls { get; private set; }

    public MeanCenterTransformer Fit(IDataView input) => Fit(input, Options.ToTrainingContext());

    public MeanCenterTransformer Fit(IDataView input, TrainingContext context)
    {
        var type = (VectorDataViewType)ColumnRequirement.SingleVector.Check(input.Schema, "MeanCenter", Options.InputColumnName);
        FitCalls++;
        var mean = new double[type.Size];
        long rows = input.GetRowCount() ?? 0;
        int batches = (int)((rows + Options.BatchSize - 1) / Options.BatchSize);
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            Array.Clear(mean);
            foreach (var batch in input.GetBatches(Options.BatchSize, Options.InputColumnName))
            {
                context.ThrowIfCancellationRequested();
                var values = batch.GetVector(Options.InputColumnName).Span;
                for (int i = 0; i < values.Length; i++)
                {
                    mean[i % type.Size] += values[i] / (double)rows;
                }
                context.Report(epoch, Options.Epochs, batch.Index + 1, batches, new Dictionary<string, double> { ["loss"] = 1.0 / (epoch * (batch.Index + 1)) });
            }
        }
        return new MeanCenterTransformer(Options with { Progress = null }, [.. mean.Select(m => (float)m)], [.. type.Dimensions]);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var column = ColumnRequirement.SingleVector.Check(inputSchema, "MeanCenter", Options.InputColumnName);
        return inputSchema.With([column with { Name = Options.OutputColumnName }]);
    }
}

public sealed class MeanCenterTransformer(MeanCenterOptions options, float[] mean, int[] dims) : RowToRowTransformerBase("MeanCenter")
{
    public MeanCenterOptions Options { get; } = options;
    public float[] Mean { get; } = mean;

    public override string ModelKind => "Test.MeanCenter";

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var type = (VectorDataViewType)ColumnRequirement.SingleVector.Check(inputSchema, ComponentName, Options.InputColumnName);
        if (type.Size != Mean.Length)
        {
            throw new SchemaMismatchException(ComponentName, Options.InputColumnName, $"Vector<Single, {Mean.Length}>", type.ToString(), "");
        }
        return [new OutputColumn(Options.OutputColumnName, type, view =>
        {
            var source = (VectorColumn)view.GetColumn(Options.InputColumnName);
            var data = new float[view.RowCount * Mean.Length];
            source.CopyRows(0, view.RowCount, data);
            for (int i = 0; i < data.Length; i++)
            {
                data[i] -= Mean[i % Mean.Length];
            }
            return DataColumn.FromVectors(data, dims);
        })];
    }

    public override void Save(ModelSaveContext context)
    {
        context.SetOptions(Options);
        context.AddTensor("mean", Mean, dims.Select(d => (long)d).ToArray());
    }

    [ModelLoader("Test.MeanCenter")]
    public static ITransformer Load(ModelLoadContext context)
    {
        var dims = context.GetShape("mean").Select(d => (int)d).ToArray();
        return new MeanCenterTransformer(context.GetOptions<MeanCenterOptions>(), context.GetFloats("mean"), dims);
    }
}
