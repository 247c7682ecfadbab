using MlNetDl.Pipelines.Metrics;

namespace MlNetDl.Pipelines;

/// <summary><c>Evaluate</c> on each task catalog, as in ML.NET: read the label and score columns of scored data
/// (the output of a trained model's <c>Transform</c>) and compute the task's metrics. Column types are checked
/// first with the pipeline's schema-mismatch message.</summary>
public static class EvaluationCatalogs
{
    /// <summary>MSE, RMSE, MAE and R² of a Single score against a Single label.</summary>
    public static RegressionMetrics Evaluate(this RegressionCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score")
    {
        const string component = "Regression.Evaluate";
        var label = Read<float>(data, component, labelColumnName, ColumnRequirement.Exactly(NumberDataViewType.Single));
        var score = Read<float>(data, component, scoreColumnName, ColumnRequirement.Exactly(NumberDataViewType.Single));
        return RegressionMetrics.Compute(label, score);
    }

    /// <summary>Binary metrics with log-loss from a calibrated probability (ROC and AUC rank by the score;
    /// the predicted label is probability &gt; <paramref name="threshold"/>).</summary>
    public static CalibratedBinaryClassificationMetrics Evaluate(this BinaryClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score", string probabilityColumnName = "Probability", double threshold = 0.5)
    {
        const string component = "BinaryClassification.Evaluate";
        var label = Read<bool>(data, component, labelColumnName, ColumnRequirement.Exactly(BooleanDataViewType.Instance));
        var score = Read<float>(data, component, scoreColumnName, ColumnRequirement.Exactly(NumberDataViewType.Single));
        var probability = Read<float>(data, component, probabilityColumnName, ColumnRequirement.Exactly(NumberDataViewType.Single));
        return CalibratedBinaryClassificationMetrics.Compute(label, ToDouble(score), ToDouble(probability), threshold);
    }

    /// <summary>Binary metrics from a raw score (predicted label: score &gt; <paramref name="threshold"/>).</summary>
    public static BinaryClassificationMetrics EvaluateNonCalibrated(this BinaryClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score", double threshold = 0)
    {
        const string component = "BinaryClassification.EvaluateNonCalibrated";
        var label = Read<bool>(data, component, labelColumnName, ColumnRequirement.Exactly(BooleanDataViewType.Instance));
        var score = Read<float>(data, component, scoreColumnName, ColumnRequirement.Exactly(NumberDataViewType.Single));
        return BinaryClassificationMetrics.Compute(label, ToDouble(score), threshold);
    }

    /// <summary>Micro/macro accuracy, log-loss, confusion matrix and per-class ROC/AUC from a key label and a
    /// Vector&lt;Single&gt; score of per-class probabilities; the predicted label is the score's argmax.</summary>
    public static MulticlassClassificationMetrics Evaluate(this MulticlassClassificationCatalog catalog, IDataView data,
        string labelColumnName = "Label", string scoreColumnName = "Score", int topKPredictionCount = 0)
    {
        const string component = "MulticlassClassification.Evaluate";
        var keys = Read<uint>(data, component, labelColumnName, ColumnRequirement.Key);
        var scoreType = (VectorDataViewType)ColumnRequirement.SingleVector.Check(data.Schema, component, scoreColumnName);
        int classes = scoreType.Size;
        var labels = new int[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            labels[i] = keys[i] == 0
                ? throw new InvalidDataException($"{component}: row {i} of '{labelColumnName}' is a missing key; every row needs a label.")
                : (int)keys[i] - 1;
        }

        var scores = new double[keys.Length * classes];
        using (var cursor = data.GetRowCursor([data.Schema[scoreColumnName]]))
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<float>>(data.Schema[scoreColumnName]);
            ReadOnlyMemory<float> row = default;
            for (int r = 0; cursor.MoveNext(); r++)
            {
                getter(ref row);
                var s = row.Span;
                for (int k = 0; k < classes; k++)
                {
                    scores[r * classes + k] = s[k];
                }
            }
        }

        return MulticlassClassificationMetrics.Compute(labels, scores, classes, topKPredictionCount: topKPredictionCount);
    }

    private static T[] Read<T>(IDataView data, string component, string columnName, ColumnRequirement requirement)
    {
        requirement.Check(data.Schema, component, columnName);
        var column = data.Schema[columnName];
        var values = new List<T>((int)(data.GetRowCount() ?? 0));
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }

        return [.. values];
    }

    private static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);
}
