using MlNetDl.Pipelines.Columns;

namespace MlNetDl.Pipelines;

/// <summary>The built-in column transforms on <c>mlContext.Transforms</c> (in the MlNetDl.Pipelines namespace,
/// like ML.NET's, so no extra using is needed).</summary>
public static class ColumnTransformsCatalog
{
    /// <summary>Concatenates Single scalars and vectors into the vector column <paramref name="outputColumnName"/>.</summary>
    public static ColumnConcatenatingEstimator Concatenate(this TransformsCatalog catalog, string outputColumnName, params string[] inputColumnNames) =>
        new(new ColumnConcatenatingOptions(outputColumnName, inputColumnNames));

    /// <summary>Copies <paramref name="inputColumnName"/> to <paramref name="outputColumnName"/> (shared data).</summary>
    public static ColumnCopyingEstimator CopyColumns(this TransformsCatalog catalog, string outputColumnName, string inputColumnName) =>
        new(new ColumnCopyingOptions([new InputOutputColumnPair(outputColumnName, inputColumnName)]));

    public static ColumnCopyingEstimator CopyColumns(this TransformsCatalog catalog, params InputOutputColumnPair[] columns) =>
        new(new ColumnCopyingOptions(columns));

    /// <summary>Removes the named columns.</summary>
    public static ColumnSelectingEstimator DropColumns(this TransformsCatalog catalog, params string[] columnNames) =>
        new(new ColumnSelectingOptions(null, columnNames));

    /// <summary>Keeps only the named columns, in the given order.</summary>
    public static ColumnSelectingEstimator SelectColumns(this TransformsCatalog catalog, params string[] columnNames) =>
        new(new ColumnSelectingOptions(columnNames, null));
}
