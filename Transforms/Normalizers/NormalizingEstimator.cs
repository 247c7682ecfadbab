using System.Collections.Immutable;
using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

/// <summary>
/// Fits a normalizer (<see cref="MinMaxNormalizerOptions"/>, <see cref="MeanVarianceNormalizerOptions"/>) on the
/// data given to <see cref="Fit"/> only — the training set — in one streaming pass; the returned transformer
/// applies those constants unchanged to any later data. <see cref="MeanStdNormalizerOptions"/> learns nothing.
/// </summary>
public sealed class NormalizingEstimator : IEstimator<NormalizingTransformer>
{
    /// <exception cref="ArgumentException">Invalid options (see the options' Validate).</exception>
    public NormalizingEstimator(NormalizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
    }

    public NormalizerOptions Options { get; }

    /// <exception cref="SchemaMismatchException">The input column is missing or not Single / Vector&lt;Single&gt;.</exception>
    public NormalizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string name = Options.ComponentName;
        string column = Options.SourceColumnName;
        var type = ColumnRequirement.SingleOrSingleVector.Check(input.Schema, name, column);
        if (Options is MeanStdNormalizerOptions fixedStats)
        {
            var t = new NormalizingTransformer(name, Options.OutputColumnName, column,
                new MeanStdNormalizerModel([.. fixedStats.Mean], [.. fixedStats.StandardDeviation]));
            t.GetOutputSchema(input.Schema);
            return t;
        }
        int size = type is VectorDataViewType v ? v.Size : 1;
        long limit = Options switch
        {
            MinMaxNormalizerOptions m => m.MaximumExampleCount,
            MeanVarianceNormalizerOptions m => m.MaximumExampleCount,
            _ => throw new NotSupportedException($"{name}: unknown options type {Options.GetType().Name}."),
        };
        var stats = SlotStatistics.Compute(input, column, size, limit);
        NormalizerModel model = Options switch
        {
            MinMaxNormalizerOptions m => MinMax(stats, m.FixZero),
            MeanVarianceNormalizerOptions { UseCdf: true } => new CdfNormalizerModel(
                [.. stats.Mean.Select(x => (float)x)], [.. stats.StandardDeviation.Select(x => (float)x)]),
            MeanVarianceNormalizerOptions m => MeanVariance(stats, m.FixZero),
            _ => throw new NotSupportedException(),
        };
        return new NormalizingTransformer(name, Options.OutputColumnName, column, model, type, stats);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = ColumnRequirement.SingleOrSingleVector.Check(inputSchema, Options.ComponentName, Options.SourceColumnName);
        if (Options is MeanStdNormalizerOptions fixedStats && column.Kind == SchemaShape.VectorKind.Vector && column.Dimensions.Length > 0)
        {
            var m = new MeanStdNormalizerModel([.. fixedStats.Mean], [.. fixedStats.StandardDeviation]);
            int size = column.Dimensions.Aggregate(1, (p, d) => p * d);
            if (!m.Fits(size, column.Dimensions[0]))
            {
                throw new SchemaMismatchException(Options.ComponentName, Options.SourceColumnName,
                    $"Single or Vector<Single> with {m.Mean.Length} channels (first dimension) or slots, as many as the mean/std values", column.TypeName, inputSchema.AvailableNames());
            }
        }
        return inputSchema.With([column with { Name = Options.OutputColumnName }]);
    }

    /// <summary>ML.NET's MinMaxUtils: max ≤ min (constant or empty slot) → scale 0, offset 0.</summary>
    private static AffineNormalizerModel MinMax(SlotStatistics s, bool fixZero)
    {
        int n = s.Count.Length;
        var scale = new float[n];
        var offset = new float[n];
        for (int j = 0; j < n; j++)
        {
            double min = s.Minimum[j], max = s.Maximum[j];
            if (!(max > min))
            {
                continue;
            }
            scale[j] = (float)(fixZero ? 1 / Math.Max(Math.Abs(max), Math.Abs(min)) : 1 / (max - min));
            offset[j] = fixZero || scale[j] == 0 ? 0 : (float)min;
        }
        return new([.. scale], [.. offset]);
    }

    /// <summary>ML.NET's MeanVarUtils: variance 0 → scale 0, offset 0; FixZero → scale 1/√(var + mean²), offset 0.</summary>
    private static AffineNormalizerModel MeanVariance(SlotStatistics s, bool fixZero)
    {
        int n = s.Count.Length;
        var scale = new float[n];
        var offset = new float[n];
        for (int j = 0; j < n; j++)
        {
            double mean = s.Mean[j], variance = s.Variance[j];
            if (!(variance > 0))
            {
                continue;
            }
            scale[j] = (float)(fixZero ? 1 / Math.Sqrt(variance + mean * mean) : 1 / Math.Sqrt(variance));
            offset[j] = fixZero || scale[j] == 0 ? 0 : (float)mean;
        }
        return new([.. scale], [.. offset]);
    }
}
