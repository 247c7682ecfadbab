using MlNetDl.Pipelines;
using MlNetDl.Trainers;
using MlNetDl.Transforms;

namespace MlNetDl.UnitTests.Pipelines;

/// <summary>
/// STYLE principle 9: every estimator in the table must (1) predict the schema it produces, (2) fail on a
/// missing or mistyped input column with the one template message, (3) survive a model-file round trip with
/// bit-identical outputs. A new estimator adds one row.
/// </summary>
public class EstimatorConformanceTests
{
    /// <summary>Name, estimator factory, an input column it needs, what it expects there, a column of the wrong
    /// type to put there (Name, a String, unless the estimator accepts text), and optional input data.</summary>
    public sealed record Row(string Name, Func<MLContext, IEstimator<ITransformer>> Make, string NeededColumn, string Expected, string WrongColumn = "Name",
        Func<InMemoryDataView>? Data = null)
    {
        /// <summary>The row's input (default: <see cref="PipelineData.Small"/>).</summary>
        public InMemoryDataView Input() => Data?.Invoke() ?? PipelineData.Small();

        public override string ToString() => Name;
    }

    public static TheoryData<Row> Rows => new()
    {
        new Row("Concatenate(vector, scalar)", c => c.Transforms.Concatenate("All", "Features", "Age"), "Age", "Single or Vector<Single>"),
        new Row("Concatenate(single vector)", c => c.Transforms.Concatenate("Copy", "Features"), "Features", "Single or Vector<Single>"),
        new Row("CopyColumns", c => c.Transforms.CopyColumns("Age2", "Age"), "Age", "any type"),
        new Row("DropColumns", c => c.Transforms.DropColumns("Name", "Age"), "Name", "any type"),
        new Row("SelectColumns", c => c.Transforms.SelectColumns("Label", "Features"), "Label", "any type"),
        new Row("MeanCenter (toy trainer)", c => new MeanCenterEstimator(new MeanCenterOptions()), "Features", "Vector<Single>"),
        new Row("Knn (brute)", c => c.MulticlassClassification.Trainers.Knn(3), "Features", "Vector<Single>"),
        new Row("Knn (k-d tree) label", c => c.MulticlassClassification.Trainers.Knn(2, MlNetDl.Trainers.Knn.KnnAlgorithm.KdTree), "Label", "Key"),
        new Row("ProjectToPrincipalComponents", c => c.Transforms.ProjectToPrincipalComponents("Pc", "Features", rank: 2), "Features", "Vector<Single>"),
        new Row("ProjectToPrincipalComponents (whitening, in place)", c => c.Transforms.ProjectToPrincipalComponents("Features", rank: 3, whitening: true), "Features", "Vector<Single>"),
        new Row("Chain", c => c.Transforms.Concatenate("All", "Features", "Age").Append(c.Transforms.CopyColumns("F2", "All"))
            .Append(new MeanCenterEstimator(new MeanCenterOptions { InputColumnName = "F2" })).Append(c.Transforms.DropColumns("Name")), "Age", "Single or Vector<Single>"),
        new Row("NormalizeMinMax(scalar)", c => c.Transforms.NormalizeMinMax("AgeN", "Age"), "Age", "Single or Vector<Single>"),
        new Row("NormalizeMinMax(vector, no fixZero)", c => c.Transforms.NormalizeMinMax("Features", fixZero: false), "Features", "Single or Vector<Single>"),
        new Row("NormalizeMeanVariance(vector)", c => c.Transforms.NormalizeMeanVariance("FeaturesN", "Features"), "Features", "Single or Vector<Single>"),
        new Row("NormalizeMeanVariance(scalar, cdf)", c => c.Transforms.NormalizeMeanVariance("AgeN", "Age", useCdf: true), "Age", "Single or Vector<Single>"),
        new Row("NormalizeMeanStd(per channel)", c => c.Transforms.NormalizeMeanStd("FeaturesN", "Features", [0.5f, -1f], [2f, 4f]), "Features", "Single or Vector<Single>"),
        new Row("MapValueToKey", c => c.Transforms.MapValueToKey("NameKey", "Name"), "Name", "String, Single, Double, Int32 or Int64", "Features"),
        new Row("MapValueToKey(Single, by value, text) → MapKeyToValue", c => c.Transforms.MapValueToKey("AgeKey", "Age", keyOrdinality: MlNetDl.Transforms.KeyOrdinality.ByValue, addKeyValueAnnotationsAsText: true)
            .Append(c.Transforms.MapKeyToValue("AgeText", "AgeKey")), "Age", "String, Single, Double, Int32 or Int64", "Features"),
        new Row("OneHotEncoding(value)", c => c.Transforms.OneHotEncoding("NameHot", "Name"), "Name", "Key or String, Single, Double, Int32 or Int64", "Features"),
        new Row("OneHotEncoding(key)", c => c.Transforms.OneHotEncoding("LabelHot", "Label"), "Label", "Key or String, Single, Double, Int32 or Int64", "Features"),
        new Row("OneHotEncoding(value, Key output)", c => c.Transforms.OneHotEncoding("NameKey", "Name", MlNetDl.Transforms.OneHotEncodingOutputKind.Key), "Name", "Key or String, Single, Double, Int32 or Int64", "Features"),
        new Row("Ols", c => c.Regression.Trainers.Ols("Age", l2Regularization: 1), "Features", "Vector<Single>"),
        new Row("Ols (label)", c => c.Regression.Trainers.Ols("Age", l2Regularization: 1), "Age", "Single"),
        new Row("GradientDescent", c => c.Regression.Trainers.GradientDescent("Age", epochs: 3, batchSize: 4), "Features", "Vector<Single>"),
        new Row("NewtonLogisticRegression", c => c.BinaryClassification.Trainers.NewtonLogisticRegression("Flag", l2Regularization: 0.1), "Flag", "Boolean",
            Data: () => PipelineData.Small().WithColumns([new("Flag", DataColumn.FromArray(Enumerable.Range(0, 10).Select(i => i % 3 == 0).ToArray()))])),
        new Row("SoftmaxRegression", c => c.MulticlassClassification.Trainers.SoftmaxRegression(epochs: 2, batchSize: 4), "Label", "Key"),
        new Row("Mlp", c => c.MulticlassClassification.Trainers.Mlp(hiddenLayers: [4], epochs: 2, batchSize: 4), "Features", "Vector<Single>"),
        new Row("Cnn (label)", c => c.MulticlassClassification.Trainers.Cnn([MlNetDl.Trainers.Network.LayerSpec.Flatten(), MlNetDl.Trainers.Network.LayerSpec.Dense(3)], epochs: 2, batchSize: 4), "Label", "Key"),
    };

    /// <summary>ML.NET's shape compatibility: what is unknown before fitting (a key's count, a vector's size) matches
    /// any value; everything else must be equal.</summary>
    private static bool Compatible(SchemaShape predicted, SchemaShape actual) =>
        predicted.Count == actual.Count && predicted.Zip(actual).All(p =>
            p.First.Name == p.Second.Name && p.First.Kind == p.Second.Kind && p.First.IsKey == p.Second.IsKey &&
            (p.First.ItemType == p.Second.ItemType || (p.First.IsKey && p.First.ItemType == NumberDataViewType.UInt32)) &&
            (p.First.Dimensions.SequenceEqual(p.Second.Dimensions) || (p.First.Kind == SchemaShape.VectorKind.Vector && p.First.Dimensions.IsEmpty)));

    [Theory]
    [MemberData(nameof(Rows))]
    public void PredictedSchemaEqualsActual(Row row)
    {
        var context = new MLContext(seed: 1);
        var data = row.Input();
        var estimator = row.Make(context);
        var predicted = estimator.GetOutputSchema(SchemaShape.Create(data.Schema));
        var model = estimator.Fit(data);
        var output = model.Transform(data);
        Assert.True(Compatible(predicted, SchemaShape.Create(output.Schema)), $"predicted {predicted}, got {SchemaShape.Create(output.Schema)}");
        Assert.True(model.GetOutputSchema(data.Schema).SameAs(output.Schema));
        Assert.Equal(data.RowCount, output.GetRowCount());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void MissingInputColumnFailsWithTemplate(Row row)
    {
        var data = new MLContext(1).Transforms.DropColumns(row.NeededColumn).Fit(row.Input()).Transform(row.Input());
        var estimator = row.Make(new MLContext(1));
        var e = Assert.Throws<SchemaMismatchException>(() => estimator.Fit(data));
        Assert.StartsWith($"Schema mismatch for input column '{row.NeededColumn}' of ", e.Message);
        Assert.Contains($": expected {row.Expected}, not found; available: {data.Schema.AvailableNames()}.", e.Message);
        Assert.Throws<SchemaMismatchException>(() => estimator.GetOutputSchema(SchemaShape.Create(data.Schema)));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void MistypedInputColumnFailsWithTemplate(Row row)
    {
        if (row.Expected == "any type")
        {
            return; // accepts every type: nothing can be mistyped
        }
        var good = row.Input();
        var data = new MLContext(1).Transforms.CopyColumns(row.NeededColumn, row.WrongColumn).Fit(good).Transform(good);
        string actual = good.Schema[row.WrongColumn].Type.ToString()!;
        var e = Assert.Throws<SchemaMismatchException>(() => row.Make(new MLContext(1)).Fit(data));
        Assert.Matches($"^Schema mismatch for input column '{row.NeededColumn}' of \\w+: expected {System.Text.RegularExpressions.Regex.Escape(row.Expected)}, got {System.Text.RegularExpressions.Regex.Escape(actual)}\\.", e.Message);
        Assert.Equal(actual, e.Actual);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void SaveLoadRoundTripGivesIdenticalOutput(Row row)
    {
        var context = new MLContext(seed: 1);
        var data = row.Input();
        var model = row.Make(context).Fit(data);
        var stream = new MemoryStream();
        context.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = context.Model.Load(stream, out var schema);
        Assert.True(schema.SameAs(data.Schema));
        PipelineData.AssertSameRows(model.Transform(data), loaded.Transform(data));
    }
}
