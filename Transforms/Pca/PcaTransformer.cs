using MlNetDl.Pipelines;
using MlNetDl.Tensors.Kernels;

namespace MlNetDl.Transforms.Pca;

/// <summary>
/// A fitted PCA: y = (x − mean)·Vᵀ [rank] (÷ √eigenvalue per output when whitening), with V the components
/// [rank × d], sorted by decreasing eigenvalue, signed by <see cref="PcaOptions.SignConvention"/>. The inverse is
/// x̂ = y·V + mean (× √eigenvalue first when whitening); with rank = d it reconstructs x up to rounding.
/// </summary>
public sealed partial class PcaTransformer : RowToRowTransformerBase
{
    public const string Kind = "ProjectToPrincipalComponents";
    private const int Block = 2048;

    private readonly float[] _components;
    private readonly double[] _eigenvalues;
    private readonly double[] _mean;
    private readonly int[] _dims;

    internal PcaTransformer(PcaOptions options, float[] components, double[] eigenvalues, double totalVariance, double[] mean, int[] dims) : base(Kind)
    {
        Options = options.Validate();
        _components = components;
        _eigenvalues = eigenvalues;
        _mean = mean;
        _dims = dims;
        TotalVariance = totalVariance;
        FeatureCount = mean.Length;
        Rank = eigenvalues.Length;
        if (components.Length != Rank * FeatureCount)
        {
            throw new ArgumentException($"{Kind}: {components.Length} component values are not {Rank} × {FeatureCount}.", nameof(components));
        }
    }

    public PcaOptions Options { get; }

    public int Rank { get; }

    public int FeatureCount { get; }

    /// <summary>The principal axes, [Rank × FeatureCount] row-major (scikit-learn's components_).</summary>
    public ReadOnlySpan<float> Components => _components;

    /// <summary>Eigenvalues of the covariance (divisor n − 1), decreasing (scikit-learn's explained_variance_).</summary>
    public ReadOnlySpan<double> ExplainedVariance => _eigenvalues;

    /// <summary>Sum of the variances of all input features (the trace of the covariance).</summary>
    public double TotalVariance { get; }

    /// <summary>ExplainedVariance / TotalVariance (scikit-learn's explained_variance_ratio_).</summary>
    public double[] ExplainedVarianceRatio => Array.ConvertAll(_eigenvalues, v => TotalVariance > 0 ? v / TotalVariance : 0);

    /// <summary>The training mean subtracted before projecting (zeros when not centring).</summary>
    public ReadOnlySpan<double> Mean => _mean;

    public override string ModelKind => Kind;

    /// <summary>The same model keeping only the first <paramref name="rank"/> components (they are nested: no refit).</summary>
    /// <exception cref="ArgumentOutOfRangeException">rank outside [1, Rank].</exception>
    public PcaTransformer WithRank(int rank)
    {
        OptionChecks.InRange(PcaOptions.Owner, "rank", rank, 1, Rank);
        return new PcaTransformer(Options with { Rank = rank }, _components[..(rank * FeatureCount)], _eigenvalues[..rank], TotalVariance, _mean, _dims);
    }

    /// <summary>Projects <paramref name="count"/> rows of x ([count × FeatureCount]) to [count × Rank].</summary>
    /// <exception cref="ArgumentException">x does not hold count rows.</exception>
    public float[] Project(float[] x, int count)
    {
        Check(x, count, FeatureCount, nameof(x));
        var y = new float[(long)count * Rank];
        var block = new float[Math.Min(Block, Math.Max(count, 1)) * FeatureCount];
        for (int r0 = 0; r0 < count; r0 += Block)
        {
            int rows = Math.Min(Block, count - r0);
            PcaFit.Centered(x, r0, rows, FeatureCount, _mean, block);
            Sgemm.Multiply(false, true, rows, Rank, FeatureCount, 1f, block, FeatureCount, _components, FeatureCount, 0f, y.AsSpan(r0 * Rank, rows * Rank), Rank);
        }
        if (Options.Whitening)
        {
            Scale(y, count, v => v > 0 ? 1 / Math.Sqrt(v) : 0);
        }
        return y;
    }

    /// <summary>Maps projections y ([count × Rank]) back to the input space ([count × FeatureCount]).</summary>
    /// <exception cref="ArgumentException">y does not hold count rows.</exception>
    public float[] InverseTransform(float[] y, int count)
    {
        Check(y, count, Rank, nameof(y));
        var scaled = (float[])y.Clone();
        if (Options.Whitening)
        {
            Scale(scaled, count, Math.Sqrt);
        }
        var x = new float[(long)count * FeatureCount];
        for (int r = 0; r < count; r++)
        {
            var row = x.AsSpan(r * FeatureCount, FeatureCount);
            for (int j = 0; j < FeatureCount; j++)
            {
                row[j] = (float)_mean[j];
            }
        }
        if (count > 0)
        {
            Sgemm.Multiply(false, false, count, FeatureCount, Rank, 1f, scaled, Rank, _components, FeatureCount, 1f, x, FeatureCount);
        }
        return x;
    }

    /// <summary>Mean over all values of (x − InverseTransform(Project(x)))², accumulated in double.</summary>
    public double ReconstructionMse(float[] x, int count)
    {
        var back = InverseTransform(Project(x, count), count);
        double sum = 0;
        for (long i = 0; i < back.LongLength; i++)
        {
            double e = (double)x[i] - back[i];
            sum += e * e;
        }
        return back.Length == 0 ? 0 : sum / back.LongLength;
    }

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var type = (VectorDataViewType)ColumnRequirement.SingleVector.Check(inputSchema, Kind, Options.Input);
        if (type.Size != FeatureCount)
        {
            throw new SchemaMismatchException(Kind, Options.Input, $"Vector<Single, {FeatureCount}>", type.ToString(), inputSchema.AvailableNames());
        }
        return [new OutputColumn(Options.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, Rank), view =>
        {
            var x = new float[(long)view.RowCount * FeatureCount];
            ((VectorColumn)view.GetColumn(Options.Input)).CopyRows(0, view.RowCount, x);
            return DataColumn.FromVectors(Project(x, view.RowCount), Rank);
        })];
    }

    public override void Save(ModelSaveContext context)
    {
        context.SetOptions(Options);
        context.AddTensor("components", _components, Rank, FeatureCount);
        context.AddTensor("explained_variance", _eigenvalues, Rank);
        context.AddTensor("total_variance", [TotalVariance], 1);
        context.AddTensor("mean", _mean, [.. _dims.Select(d => (long)d)]);
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context)
    {
        try
        {
            return new PcaTransformer(context.GetOptions<PcaOptions>(), context.GetFloats("components"), context.GetDoubles("explained_variance"),
                context.GetDoubles("total_variance")[0], context.GetDoubles("mean"), [.. context.GetShape("mean").Select(d => (int)d)]);
        }
        catch (ArgumentException e)
        {
            throw context.Error(e.Message, e);
        }
    }

    private void Scale(float[] y, int count, Func<double, double> factor)
    {
        var f = Array.ConvertAll(_eigenvalues, v => (float)factor(v));
        for (int r = 0; r < count; r++)
        {
            var row = y.AsSpan(r * Rank, Rank);
            for (int c = 0; c < Rank; c++)
            {
                row[c] *= f[c];
            }
        }
    }

    private static void Check(float[] data, int count, int size, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (count < 0 || (long)count * size != data.Length)
        {
            throw new ArgumentException($"{Kind}: {data.Length} floats are not {count} rows of {size}.", name);
        }
    }
}
