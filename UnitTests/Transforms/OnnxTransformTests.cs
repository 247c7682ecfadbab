using MlNetDl.Pipelines;
using MlNetDl.Transforms.Onnx;
using MlNetDl.UnitTests.Pipelines;

namespace MlNetDl.UnitTests.Transforms;

/// <summary>mlContext.Transforms.ApplyOnnxModel: values against a managed reference of the graph, batching
/// layouts, schema checks with the one mismatch template, options validation and the model-file round trip.</summary>
public sealed class OnnxTransformTests : IDisposable
{
    private readonly OnnxTransformModels _models = new();
    private readonly MLContext _context = new(seed: 1);

    public void Dispose() => _models.Dispose();

    private static float[] Pixels(IDataView view, string column = "Features")
    {
        var data = InMemoryDataView.From(view);
        var c = (VectorColumn)data.GetColumn(column);
        var x = new float[data.RowCount * c.Size];
        c.CopyRows(0, data.RowCount, x);
        return x;
    }

    private static float[] Vectors(IDataView view, string column) => Pixels(view, column);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public void DynamicBatchScoresEveryRowLikeTheReference(int batchSize)
    {
        var data = PipelineData.Small(10);
        var estimator = _context.Transforms.ApplyOnnxModel(new OnnxOptions
        {
            ModelFile = _models.Scorer(),
            InputColumns = ["Features"],
            OutputColumns = ["Scores", "total", "relu"],
            InputTensorNames = new Dictionary<string, string> { ["Features"] = "image" },
            OutputTensorNames = new Dictionary<string, string> { ["Scores"] = "scores" },
            BatchSize = batchSize,
        });
        var output = estimator.Fit(data).Transform(data);

        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), output.Schema["Scores"].Type);
        Assert.Equal(NumberDataViewType.Single, output.Schema["total"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 1, 2, 2), output.Schema["relu"].Type);
        var pixels = Pixels(data);
        var expected = OnnxTransformModels.Reference(pixels, 10);
        var scores = Vectors(output, "Scores");
        Assert.Equal(expected.Length, scores.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - scores[i]) <= 1e-5f * (1 + Math.Abs(expected[i])), $"score {i}: {scores[i]} vs {expected[i]}");
        }

        var total = InMemoryDataView.From(output).GetColumn("total") as ScalarColumn<float>;
        for (int r = 0; r < 10; r++)
        {
            float sum = expected[r * 3] + expected[r * 3 + 1] + expected[r * 3 + 2];
            Assert.True(Math.Abs(total!.GetValue(r) - sum) <= 1e-4f, $"total row {r}: {total.GetValue(r)} vs {sum}");
        }

        Assert.Equal(pixels.Select(p => Math.Max(p, 0f)), Vectors(output, "relu"));
        Assert.Equal(Pixels(data), Pixels(output));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(4L)]
    public void FixedBatchModelsRunInTheirBatchSizePaddingTheLastOne(long batch)
    {
        var data = PipelineData.Small(10);
        var output = _context.Transforms.ApplyOnnxModel("scores", "image", _models.Scorer(batch))
            .Fit(Renamed(data)).Transform(Renamed(data));
        Assert.Equal(OnnxTransformModels.Reference(Pixels(data), 10), Vectors(output, "scores"), new Close());
    }

    [Fact]
    public void ModelWithoutBatchAxisRunsRowByRow()
    {
        var data = new DataViewBuilder().AddVector("x", [.. Enumerable.Range(0, 20).Select(i => i * 0.3f - 2f)], 4).Build();
        var output = _context.Transforms.ApplyOnnxModel(_models.Unbatched()).Fit(data).Transform(data);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), output.Schema["y"].Type);
        Assert.Equal(OnnxTransformModels.Reference(Pixels(data, "x"), 5), Vectors(output, "y"), new Close());
    }

    [Fact]
    public void PredictedSchemaEqualsActualAndChainsCheckBeforeFitting()
    {
        var data = Renamed(PipelineData.Small(4));
        var estimator = _context.Transforms.ApplyOnnxModel(_models.Scorer());
        var predicted = estimator.GetOutputSchema(SchemaShape.Create(data.Schema));
        var transformer = estimator.Fit(data);
        var output = transformer.Transform(data);
        Assert.True(predicted.SameAs(SchemaShape.Create(output.Schema)), $"predicted {predicted}, got {SchemaShape.Create(output.Schema)}");
        Assert.True(transformer.GetOutputSchema(data.Schema).SameAs(output.Schema));
        Assert.Equal(["scores", "total", "relu"], output.Schema.Select(c => c.Name).Where(n => n is "scores" or "total" or "relu"));
    }

    [Fact]
    public void MissingWrongTypeAndWrongSizeColumnsNameColumnExpectedAndActual()
    {
        var estimator = _context.Transforms.ApplyOnnxModel("scores", "image", _models.Scorer());
        var missing = Assert.Throws<SchemaMismatchException>(() => estimator.Fit(PipelineData.Small(3)));
        Assert.Contains("'image'", missing.Message);
        Assert.Contains("expected Vector<Single, 1, 2, 2>", missing.Message);
        Assert.Contains("not found; available: Features, Age, Label, Name", missing.Message);

        var text = new DataViewBuilder().AddString("image", ["a", "b"]).Build();
        var wrongType = Assert.Throws<SchemaMismatchException>(() => estimator.Fit(text));
        Assert.Contains("got String", wrongType.Message);

        var wide = new DataViewBuilder().AddVector("image", new float[10], 5).Build();
        var wrongSize = Assert.Throws<SchemaMismatchException>(() => estimator.GetOutputSchema(SchemaShape.Create(wide.Schema)));
        Assert.Contains("'image'", wrongSize.Message);
        Assert.Contains("expected Vector<Single, 1, 2, 2>", wrongSize.Message);
        Assert.Contains("got Vector<Single, 5>", wrongSize.Message);
        Assert.Contains("image: Float32[N, 1, 2, 2]", wrongSize.Message.Replace("?", "N"));
    }

    [Fact]
    public void UnknownTensorsMissingFilesAndBadOptionsFailWhenTheEstimatorIsMade()
    {
        var noInput = Assert.Throws<ArgumentException>(() => _context.Transforms.ApplyOnnxModel("scores", "pixels", _models.Scorer()));
        Assert.Contains("'pixels' is not an input", noInput.Message);
        Assert.Contains("image: Float32[?, 1, 2, 2]", noInput.Message);
        var noOutput = Assert.Throws<ArgumentException>(() => _context.Transforms.ApplyOnnxModel("probabilities", "image", _models.Scorer()));
        Assert.Contains("'probabilities' is not an output", noOutput.Message);
        Assert.Contains("scores: Float32[?, 3]", noOutput.Message);

        var file = Assert.Throws<FileNotFoundException>(() => _context.Transforms.ApplyOnnxModel("/no/such/model.onnx"));
        Assert.Contains("/no/such/model.onnx", file.Message);

        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => _context.Transforms.ApplyOnnxModel(new OnnxOptions { ModelFile = _models.Scorer(), BatchSize = 0 }));
        Assert.Contains("The 'BatchSize' option of ApplyOnnxModel must be an integer in [1, 65536]. Got 0.", batch.Message);
        var map = Assert.Throws<ArgumentException>(() => new OnnxOptions
        {
            ModelFile = "m.onnx", InputColumns = ["A"], InputTensorNames = new Dictionary<string, string> { ["B"] = "x" },
        }.Validate());
        Assert.Contains("maps column 'B', which is not in 'InputColumns' [A]", map.Message);

        var ints = _context.Transforms.ApplyOnnxModel(_models.Int64Input());
        var dtype = Assert.Throws<ArgumentException>(() => ints.Fit(new DataViewBuilder().AddVector("ids", new float[4], 2).Build()));
        Assert.Contains("model input 'ids' is Int64", dtype.Message);
    }

    [Fact]
    public void SavedModelEmbedsTheOnnxBytesAndScoresIdentically()
    {
        var data = PipelineData.Small(7);
        string modelPath = _models.Scorer();
        var transformer = _context.Transforms.ApplyOnnxModel(new OnnxOptions
        {
            ModelFile = modelPath,
            InputColumns = ["Features"],
            OutputColumns = ["Scores", "relu"],
            InputTensorNames = new Dictionary<string, string> { ["Features"] = "image" },
            OutputTensorNames = new Dictionary<string, string> { ["Scores"] = "scores" },
            BatchSize = 3,
        }).Fit(data);
        var before = transformer.Transform(data);
        string zip = Path.Combine(Path.GetTempPath(), $"mlnetdl-onnx-{Guid.NewGuid():N}.zip");
        try
        {
            _context.Model.Save(transformer, data.Schema, zip);
            File.Delete(modelPath);
            var loaded = _context.Model.Load(zip, out var schema);
            var typed = Assert.IsType<OnnxTransformer>(loaded);
            Assert.Equal(3, typed.Options.BatchSize);
            Assert.Equal("image", typed.Options.InputTensorNames!["Features"]);
            Assert.Equal(["Scores", "relu"], typed.Options.OutputColumns!);
            Assert.True(schema.SameAs(data.Schema));
            PipelineData.AssertSameRows(before, loaded.Transform(data));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>OnnxModel.Load folds BatchNormalization into the Conv before it only when nothing else reads the
    /// Conv output; either way the values equal conv = W·x + B, bn = (conv − mean)/√(var + ε)·γ + β.</summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void ConvBatchNormIsFoldedOnlyWhenTheConvOutputHasNoOtherReader(bool exposeConv, int nodes)
    {
        var data = Renamed(PipelineData.Small(5));
        var transformer = _context.Transforms.ApplyOnnxModel(_models.ConvBatchNorm(exposeConv)).Fit(data);
        Assert.Equal(nodes, transformer.Model.NodeCount);
        var output = transformer.Transform(data);
        var x = Pixels(data);
        var bn = Vectors(output, "bn");
        var conv = exposeConv ? Vectors(output, "conv") : null;
        for (int r = 0; r < 5; r++)
        {
            for (int o = 0; o < 2; o++)
            {
                for (int p = 0; p < 4; p++)
                {
                    double c = OnnxTransformModels.ConvW[o] * x[r * 4 + p] + OnnxTransformModels.ConvB[o];
                    double y = (c - OnnxTransformModels.Mean[o]) / Math.Sqrt(OnnxTransformModels.Var[o] + 0.01) * OnnxTransformModels.Gamma[o] + OnnxTransformModels.Beta[o];
                    int at = r * 8 + o * 4 + p;
                    Assert.True(Math.Abs(bn[at] - y) <= 1e-5 * (1 + Math.Abs(y)), $"bn[{at}] = {bn[at]}, expected {y}");
                    Assert.True(conv is null || Math.Abs(conv[at] - c) <= 1e-5 * (1 + Math.Abs(c)), $"conv[{at}] = {conv?[at]}, expected {c}");
                }
            }
        }
    }

    /// <summary>The pipeline data with its Features column also named "image" (the model's input name).</summary>
    private static InMemoryDataView Renamed(InMemoryDataView data) => data.WithColumns([new("image", data.GetColumn("Features"))]);

    private sealed class Close : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= 1e-5f * (1 + Math.Abs(b));

        public int GetHashCode(float v) => 0;
    }
}
