using System.Collections.Immutable;
using MlNetDl.Pipelines;

namespace MlNetDl.Transforms;

/// <summary>
/// A fitted (or fixed) normalizer: applies <see cref="Model"/> to a Single or Vector&lt;Single&gt; column, slot by
/// slot, lazily a block of rows at a time. The output has the input's type and shape ([1, 28, 28] stays [1, 28, 28]).
/// The constants never change after construction: transforming test data uses the training statistics.
/// </summary>
public sealed partial class NormalizingTransformer : RowToRowTransformerBase
{
    public const string Kind = "Normalize";

    /// <summary>Usually made by <see cref="NormalizingEstimator.Fit"/>; <paramref name="fittedType"/> is the input type
    /// the model was fitted on (null for <see cref="MeanStdNormalizerModel"/>, which fits any compatible shape).</summary>
    /// <exception cref="ArgumentException">A per-slot model whose length differs from the fitted type's size.</exception>
    public NormalizingTransformer(string componentName, string outputColumnName, string inputColumnName, NormalizerModel model,
        DataViewType? fittedType = null, SlotStatistics? statistics = null) : base(componentName)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        ArgumentNullException.ThrowIfNull(model);
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
        Model = model;
        FittedType = fittedType;
        Statistics = statistics;
        if (model is not MeanStdNormalizerModel)
        {
            if (fittedType is null)
            {
                throw new ArgumentException($"{componentName}: a {model.GetType().Name} needs the input type it was fitted on.", nameof(fittedType));
            }
            int size = SizeOf(fittedType);
            int length = model switch
            {
                AffineNormalizerModel a => Math.Max(a.Scale.Length, a.Offset.Length) == Math.Min(a.Scale.Length, a.Offset.Length) ? a.Scale.Length : -1,
                CdfNormalizerModel c => c.Mean.Length == c.StandardDeviation.Length ? c.Mean.Length : -1,
                _ => -1,
            };
            if (length != size)
            {
                throw new ArgumentException($"{componentName}: the model's per-slot arrays must both have {size} values (the size of {fittedType}).", nameof(model));
            }
        }
    }

    public string OutputColumnName { get; }

    public string InputColumnName { get; }

    /// <summary>The fitted function: <see cref="AffineNormalizerModel"/> (scale/offset), <see cref="CdfNormalizerModel"/>
    /// (mean/std) or <see cref="MeanStdNormalizerModel"/> (fixed constants).</summary>
    public NormalizerModel Model { get; }

    /// <summary>The input type the statistics were computed for; null for fixed constants.</summary>
    public DataViewType? FittedType { get; }

    /// <summary>The training statistics behind <see cref="Model"/>; null for fixed constants.</summary>
    public SlotStatistics? Statistics { get; }

    public override string ModelKind => Kind;

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var type = ColumnRequirement.SingleOrSingleVector.Check(inputSchema, ComponentName, InputColumnName);
        int size = SizeOf(type);
        int channels = type is VectorDataViewType v ? v.Dimensions[0] : 1;
        if (FittedType is not null && type != FittedType)
        {
            throw new SchemaMismatchException(ComponentName, InputColumnName, $"{FittedType} (the type it was fitted on)", type.ToString(), inputSchema.AvailableNames());
        }
        if (Model is MeanStdNormalizerModel m && !m.Fits(size, channels))
        {
            throw new SchemaMismatchException(ComponentName, InputColumnName,
                $"Single or Vector<Single> with {m.Mean.Length} channels (first dimension) or slots, as many as the mean/std values", type.ToString(), inputSchema.AvailableNames());
        }
        var constants = Model.Expand(size, channels);
        return [new OutputColumn(OutputColumnName, type, view => view.GetColumn(InputColumnName) switch
        {
            VectorColumn vc => new NormalizedVectorColumn(vc, Model, constants),
            ScalarColumn<float> sc => new NormalizedScalarColumn(sc, Model, constants),
            var other => throw new InvalidOperationException($"{ComponentName}: column '{InputColumnName}' of type {other.Type} is not Single data."),
        })];
    }

    private static int SizeOf(DataViewType type) => type is VectorDataViewType v ? v.Size : 1;

    /// <summary>What the model file stores besides the arrays: names, the model's function and the fitted shape
    /// (null: fixed constants; []: a Single scalar; dims: a vector).</summary>
    internal sealed record Saved(string ComponentName, string OutputColumnName, string InputColumnName, string Function, int[]? FittedDimensions);

    public override void Save(ModelSaveContext context)
    {
        int[]? dims = FittedType switch { null => null, VectorDataViewType v => [.. v.Dimensions], _ => [] };
        (string function, ImmutableArray<float> a, ImmutableArray<float> b) = Model switch
        {
            AffineNormalizerModel x => ("Affine", x.Scale, x.Offset),
            CdfNormalizerModel x => ("Cdf", x.Mean, x.StandardDeviation),
            MeanStdNormalizerModel x => ("MeanStd", x.Mean, x.StandardDeviation),
            _ => throw new InvalidOperationException($"{ComponentName}: cannot save a {Model.GetType().Name}."),
        };
        context.SetOptions(new Saved(ComponentName, OutputColumnName, InputColumnName, function, dims));
        context.AddTensor("a", a.ToArray());
        context.AddTensor("b", b.ToArray());
        if (Statistics is { } s)
        {
            context.AddTensor("count", s.Count.ToArray());
            context.AddTensor("min", s.Minimum.ToArray());
            context.AddTensor("max", s.Maximum.ToArray());
            context.AddTensor("mean", s.Mean.ToArray());
            context.AddTensor("variance", s.Variance.ToArray());
        }
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context)
    {
        var saved = context.GetOptions<Saved>();
        ImmutableArray<float> a = [.. context.GetFloats("a")];
        ImmutableArray<float> b = [.. context.GetFloats("b")];
        NormalizerModel model = saved.Function switch
        {
            "Affine" => new AffineNormalizerModel(a, b),
            "Cdf" => new CdfNormalizerModel(a, b),
            "MeanStd" => new MeanStdNormalizerModel(a, b),
            _ => throw context.Error($"unknown normalizer function '{saved.Function}'; expected Affine, Cdf or MeanStd."),
        };
        DataViewType? type = saved.FittedDimensions switch
        {
            null => null,
            [] => NumberDataViewType.Single,
            var dims => new VectorDataViewType(NumberDataViewType.Single, dims),
        };
        SlotStatistics? stats = saved.FittedDimensions is null ? null : new(
            [.. context.GetInt64s("count")], [.. context.GetDoubles("min")], [.. context.GetDoubles("max")],
            [.. context.GetDoubles("mean")], [.. context.GetDoubles("variance")]);
        return new NormalizingTransformer(saved.ComponentName, saved.OutputColumnName, saved.InputColumnName, model, type, stats);
    }

    /// <summary>A normalized vector column, computed on read.</summary>
    private sealed class NormalizedVectorColumn(VectorColumn source, NormalizerModel model, SlotConstants constants)
        : VectorColumn(source.VectorType, source.Length)
    {
        public override void CopyRows(int start, int count, Span<float> destination)
        {
            source.CopyRows(start, count, destination);
            for (int r = 0; r < count; r++)
            {
                model.Apply(destination.Slice(r * Size, Size), constants);
            }
        }
    }

    /// <summary>A normalized Single column, computed on read.</summary>
    private sealed class NormalizedScalarColumn(ScalarColumn<float> source, NormalizerModel model, SlotConstants constants)
        : ScalarColumn<float>(NumberDataViewType.Single, source.Length)
    {
        public override float GetValue(int row)
        {
            Span<float> one = [source.GetValue(row)];
            model.Apply(one, constants);
            return one[0];
        }

        public override void CopyRows(int start, int count, Span<float> destination)
        {
            source.CopyRows(start, count, destination[..count]);
            for (int r = 0; r < count; r++)
            {
                model.Apply(destination.Slice(r, 1), constants);
            }
        }
    }
}
