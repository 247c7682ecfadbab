using MlNetDl.Pipelines;

namespace MlNetDl.Trainers.Knn;

/// <summary>Fits a <see cref="KnnTransformer"/>: checks the columns and stores the training set (features as float,
/// labels as class indices). The label column must be a Key; its count is the number of classes.</summary>
public sealed class KnnEstimator : IEstimator<KnnTransformer>
{
    public KnnEstimator(KnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
    }

    public KnnOptions Options { get; }

    /// <exception cref="SchemaMismatchException">Label is not a Key or Features not a Vector&lt;Single&gt;.</exception>
    /// <exception cref="ArgumentOutOfRangeException">K is larger than the number of training rows.</exception>
    /// <exception cref="InvalidDataException">A label is missing (key 0).</exception>
    public KnnTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var keyType = (KeyDataViewType)ColumnRequirement.Key.Check(input.Schema, KnnOptions.Owner, Options.LabelColumnName);
        var featureType = (VectorDataViewType)ColumnRequirement.SingleVector.Check(input.Schema, KnnOptions.Owner, Options.FeatureColumnName);
        var view = InMemoryDataView.From(input);
        int n = view.RowCount;
        OptionChecks.InRange(KnnOptions.Owner, nameof(KnnOptions.K), Options.K, 1, Math.Max(1, n));
        if (n == 0)
        {
            throw new ArgumentException($"{KnnOptions.Owner}: the training data has no rows.", nameof(input));
        }
        int d = featureType.Size;
        var features = new float[(long)n * d];
        ((VectorColumn)view.GetColumn(Options.FeatureColumnName)).CopyRows(0, n, features);
        var keys = new uint[n];
        ((ScalarColumn<uint>)view.GetColumn(Options.LabelColumnName)).CopyRows(0, n, keys);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = keys[i] == 0
                ? throw new InvalidDataException($"{KnnOptions.Owner}: row {i} of '{Options.LabelColumnName}' is a missing key; every training row needs a label.")
                : (int)keys[i] - 1;
        }
        return new KnnTransformer(Options, features, labels, [.. featureType.Dimensions], (int)keyType.Count);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var label = ColumnRequirement.Key.Check(inputSchema, KnnOptions.Owner, Options.LabelColumnName);
        ColumnRequirement.SingleVector.Check(inputSchema, KnnOptions.Owner, Options.FeatureColumnName);
        var keyType = (KeyDataViewType)label.ItemType;
        return inputSchema.With(
        [
            SchemaShape.Column.FromType(Options.ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, (int)keyType.Count)),
            SchemaShape.Column.FromType(Options.PredictedLabelColumnName, keyType),
        ]);
    }
}
