using System.Buffers.Binary;
using MlNetDl.Pipelines;
using MlNetDl.Pipelines.Loaders;
using MlNetDl.Tensors;
using Xunit.Abstractions;

namespace MlNetDl.UnitTests.Pipelines;

/// <summary><c>mlContext.Data.LoadFrom…</c> over real file formats and <c>Evaluate</c> on each task catalog.</summary>
public class CatalogLoadAndEvaluateTests(ITestOutputHelper output)
{
    private readonly MLContext _ml = new(seed: 1);
    private readonly string _dir = Directory.CreateTempSubdirectory("mlnetdl-catalog").FullName;

    [Fact]
    public void LoadFromIdxGivesImageVectorsAndKeyLabels()
    {
        var images = Path.Combine(_dir, "img.idx");
        var labels = Path.Combine(_dir, "lbl.idx");
        File.WriteAllBytes(images, Idx(0x08, [3, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8]));
        File.WriteAllBytes(labels, Idx(0x08, [3], [2, 0, 9]));
        var data = _ml.Data.LoadFromIdx(images, labels);
        var features = (VectorDataViewType)data.Schema["Features"].Type;
        Assert.Equal([1, 2, 2], features.Dimensions.ToArray());
        Assert.Equal(new KeyDataViewType(typeof(uint), 10), data.Schema["Label"].Type);
        Assert.Equal([3u, 1u, 10u], data.GetColumn<uint>("Label").ToArray());
        var batch = data.GetBatches(2, "Features", "Label").First();
        Assert.Equal([0f, 1f, 0.2f, 0.4f], batch.GetTensor("Features").ToFloatArray()[..4]);
        Assert.Equal([2L, 0L], batch.GetTensor("Label").ToArray<long>());
        Assert.Equal(new Shape(2, 1, 2, 2), batch.GetTensor("Features").Shape);
    }

    [Fact]
    public void LoadFromIdxRefusesMismatchedCountsAndMissingFiles()
    {
        var images = Path.Combine(_dir, "img.idx");
        var labels = Path.Combine(_dir, "lbl.idx");
        File.WriteAllBytes(images, Idx(0x08, [2, 1, 1], [1, 2]));
        File.WriteAllBytes(labels, Idx(0x08, [3], [0, 1, 2]));
        Assert.Contains("3 labels", Assert.Throws<InvalidDataException>(() => _ml.Data.LoadFromIdx(images, labels)).Message);
        var missing = Path.Combine(_dir, "nope.idx");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => _ml.Data.LoadFromIdx(missing, labels)).Message);
    }

    [Fact]
    public void LoadFromNpyReadsFeaturesAndIntegerLabels()
    {
        var x = Path.Combine(_dir, "X.npy");
        var y = Path.Combine(_dir, "Y.npy");
        NpyWriter.Write(x, new float[2 * 3 * 2 * 2], [2, 3, 2, 2]);
        NpyWriter.Write(y, new long[] { 5, 1 }, [1, 2]);   // the SIGNS labels are stored as [1, N]
        var data = _ml.Data.LoadFromNpy(x, y, classCount: 6);
        Assert.Equal([3, 2, 2], ((VectorDataViewType)data.Schema["Features"].Type).Dimensions.ToArray());
        Assert.Equal([6u, 2u], data.GetColumn<uint>("Label").ToArray());
    }

    private sealed class ConcreteRow
    {
        [LoadColumn(0, 2)] [ColumnName("Features")] public float[] Inputs = [];
        [LoadColumn(3)] public float Strength { get; set; }
        [LoadColumn(4)] public string Note = "";
    }

    [Fact]
    public void LoadFromTextFileMapsLoadColumnAttributes()
    {
        var csv = Path.Combine(_dir, "concrete.csv");
        File.WriteAllText(csv, "cement,slag,ash,strength,note\n540,0,0,79.99,a\n332.5,142.5,0,40.27,\"b,c\"\n");
        var data = _ml.Data.LoadFromTextFile<ConcreteRow>(csv, ',', hasHeader: true);
        Assert.Equal([79.99f, 40.27f], data.GetColumn<float>("Strength").ToArray());
        Assert.Equal(["a", "b,c"], data.GetColumn<string>("Note").ToArray());
        Assert.Equal([332.5f, 142.5f, 0f], data.GetColumn<float[]>("Features").Last());
        var untyped = _ml.Data.LoadFromTextFile(csv);
        Assert.Equal(NumberDataViewType.Single, untyped.Schema["cement"].Type);
        File.AppendAllText(csv, "1,2,3\n");
        Assert.Contains("line 4", Assert.ThrowsAny<Exception>(() => _ml.Data.LoadFromTextFile<ConcreteRow>(csv, ',', hasHeader: true)).Message);
    }

    private sealed class Regressed { public float Label; public float Score; }

    private sealed class Binary { public bool Label; public float Score; public float Probability; }

    private sealed class Multi
    {
        [KeyType(3)] public uint Label;
        [VectorType(3)] public float[] Score = [];
    }

    [Fact]
    public void EvaluateOnEachCatalogReadsTheScoredColumns()
    {
        var reg = _ml.Regression.Evaluate(_ml.Data.LoadFromEnumerable(new[] { new Regressed { Label = 1, Score = 2 }, new Regressed { Label = 3, Score = 3 } }));
        Assert.Equal(0.5, reg.MeanSquaredError, 12);

        var rows = new[]
        {
            new Binary { Label = true, Score = 2f, Probability = 0.9f }, new Binary { Label = false, Score = -1f, Probability = 0.2f },
            new Binary { Label = true, Score = 0.5f, Probability = 0.6f }, new Binary { Label = false, Score = 1f, Probability = 0.7f },
        };
        var bin = _ml.BinaryClassification.Evaluate(_ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(0.75, bin.AreaUnderRocCurve, 12);
        Assert.Equal(0.75, bin.Accuracy, 12);
        Assert.Equal(0.75, _ml.BinaryClassification.EvaluateNonCalibrated(_ml.Data.LoadFromEnumerable(rows)).Accuracy, 12);

        var multi = _ml.MulticlassClassification.Evaluate(_ml.Data.LoadFromEnumerable(new[]
        {
            new Multi { Label = 1, Score = [0.7f, 0.2f, 0.1f] }, new Multi { Label = 2, Score = [0.1f, 0.8f, 0.1f] },
            new Multi { Label = 3, Score = [0.5f, 0.3f, 0.2f] },
        }));
        Assert.Equal(2.0 / 3, multi.MicroAccuracy, 12);
        Assert.Equal(3, multi.ConfusionMatrix.NumberOfClasses);
    }

    [Fact]
    public void EvaluateNamesAMistypedColumn()
    {
        var data = _ml.Data.LoadFromEnumerable(new[] { new Regressed { Label = 1, Score = 2 } });
        var ex = Assert.Throws<SchemaMismatchException>(() => _ml.BinaryClassification.EvaluateNonCalibrated(data));
        Assert.Contains("'Label'", ex.Message);
        Assert.Contains("Boolean", ex.Message);
        Assert.Contains("Single", ex.Message);
    }

    [Fact]
    public void FullFashionMnistLoadsAsADataViewWhenInstalled()
    {
        const string dir = "/usr/share/datasets/fashion-mnist";
        if (!File.Exists(Path.Combine(dir, "train-images-idx3-ubyte.gz")))
        {
            output.WriteLine("SKIPPED: dataset-fashion-mnist is not installed");
            return;
        }

        var train = _ml.Data.LoadFromIdx(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Path.Combine(dir, "train-labels-idx1-ubyte.gz"));
        Assert.Equal(60_000, train.GetRowCount());
        var counts = train.GetColumn<uint>("Label").GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enumerable.Range(1, 10), k => Assert.Equal(6000, counts[(uint)k]));
        Assert.Equal(469, train.GetBatches(128, "Features", "Label").Count());
    }

    private static byte[] Idx(byte type, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        }

        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }
}

public class ByteImageColumnTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(200)]
    public void ConversionEqualsFloatDivisionForEveryByteAndLength(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 37 % 256)).ToArray();
        var floats = new float[length];
        ByteImageColumn.Convert(bytes, floats);
        Assert.Equal(bytes.Select(b => b / 255f).ToArray(), floats);
    }
}
