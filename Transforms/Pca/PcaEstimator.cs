using System.Runtime.InteropServices;
using MlNetDl.Pipelines;

namespace MlNetDl.Transforms.Pca;

/// <summary>Fits a <see cref="PcaTransformer"/> on a Vector&lt;Single&gt; column (see <see cref="PcaFit"/>).</summary>
public sealed class PcaEstimator : IEstimator<PcaTransformer>
{
    public PcaEstimator(PcaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
    }

    public PcaOptions Options { get; }

    /// <exception cref="SchemaMismatchException">The input column is missing or not a Vector&lt;Single&gt;.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Rank outside [1, input size].</exception>
    /// <exception cref="ArgumentException">Fewer than 2 rows.</exception>
    public PcaTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var type = (VectorDataViewType)ColumnRequirement.SingleVector.Check(input.Schema, PcaOptions.Owner, Options.Input);
        Options.CheckRank(type.Size);
        var view = InMemoryDataView.From(input);
        int n = view.RowCount, d = type.Size;
        if (n < 2)
        {
            throw new ArgumentException($"{PcaOptions.Owner}: fitting needs at least 2 rows; got {n}.", nameof(input));
        }
        var x = Rows((VectorColumn)view.GetColumn(Options.Input), n, d);
        var fit = PcaFit.Fit(x, n, d, Options.Rank, Options.Center, Options.SignConvention);
        return new PcaTransformer(Options, fit.Components, fit.Eigenvalues, fit.TotalVariance, fit.Mean, [.. type.Dimensions]);
    }

    /// <summary>The column's rows as one [n × d] array: the column's own array when its rows start it (PcaFit only
    /// reads it; this saves copying e.g. 188 MB for Fashion-MNIST), otherwise a copy.</summary>
    private static float[] Rows(VectorColumn column, int n, int d)
    {
        if (column.TryGetMemory(0, n, out var memory) && MemoryMarshal.TryGetArray(memory, out var segment)
            && segment.Offset == 0 && segment.Count == (long)n * d)
        {
            return segment.Array!;
        }
        var x = new float[(long)n * d];
        column.CopyRows(0, n, x);
        return x;
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = ColumnRequirement.SingleVector.Check(inputSchema, PcaOptions.Owner, Options.Input);
        Options.CheckRank(column.Dimensions.Aggregate(1, (a, b) => a * b));
        return inputSchema.With([SchemaShape.Column.FromType(Options.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, Options.Rank))]);
    }
}
