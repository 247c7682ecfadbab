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
        var x = new float[(long)n * d];
        ((VectorColumn)view.GetColumn(Options.Input)).CopyRows(0, n, x);
        var fit = PcaFit.Fit(x, n, d, Options.Rank, Options.Center);
        return new PcaTransformer(Options, fit.Components, fit.Eigenvalues, fit.TotalVariance, fit.Mean, [.. type.Dimensions]);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = ColumnRequirement.SingleVector.Check(inputSchema, PcaOptions.Owner, Options.Input);
        Options.CheckRank(column.Dimensions.Aggregate(1, (a, b) => a * b));
        return inputSchema.With([SchemaShape.Column.FromType(Options.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, Options.Rank))]);
    }
}
