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
    /// <summary>Name, estimator factory, an input column it needs, and a column of the wrong type to put there.</summary>
    public sealed record Row(string Name, Func<MLContext, IEstimator<ITransformer>> Make, string NeededColumn, string Expected)
    {
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
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void PredictedSchemaEqualsActual(Row row)
    {
        var context = new MLContext(seed: 1);
        var data = PipelineData.Small();
        var estimator = row.Make(context);
        var predicted = estimator.GetOutputSchema(SchemaShape.Create(data.Schema));
        var model = estimator.Fit(data);
        var output = model.Transform(data);
        Assert.True(predicted.SameAs(SchemaShape.Create(output.Schema)), $"predicted {predicted}, got {SchemaShape.Create(output.Schema)}");
        Assert.True(model.GetOutputSchema(data.Schema).SameAs(output.Schema));
        Assert.Equal(data.RowCount, output.GetRowCount());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void MissingInputColumnFailsWithTemplate(Row row)
    {
        var data = new MLContext(1).Transforms.DropColumns(row.NeededColumn).Fit(PipelineData.Small()).Transform(PipelineData.Small());
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
        var good = PipelineData.Small();
        var data = new MLContext(1).Transforms.CopyColumns(row.NeededColumn, "Name").Fit(good).Transform(good);
        var e = Assert.Throws<SchemaMismatchException>(() => row.Make(new MLContext(1)).Fit(data));
        Assert.Matches($"^Schema mismatch for input column '{row.NeededColumn}' of \\w+: expected {System.Text.RegularExpressions.Regex.Escape(row.Expected)}, got String\\.", e.Message);
        Assert.Equal("String", e.Actual);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void SaveLoadRoundTripGivesIdenticalOutput(Row row)
    {
        var context = new MLContext(seed: 1);
        var data = PipelineData.Small();
        var model = row.Make(context).Fit(data);
        var stream = new MemoryStream();
        context.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = context.Model.Load(stream, out var schema);
        Assert.True(schema.SameAs(data.Schema));
        PipelineData.AssertSameRows(model.Transform(data), loaded.Transform(data));
    }
}
