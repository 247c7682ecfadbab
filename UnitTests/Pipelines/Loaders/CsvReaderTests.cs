using MlNetDl.Pipelines.Loaders;

namespace MlNetDl.UnitTests.Pipelines.Loaders;

public sealed class CsvReaderTests : LoaderTestBase
{
    private string Csv(string text, string name = "t.csv", bool gzip = false) => WriteBytes(name, System.Text.Encoding.UTF8.GetBytes(text), gzip);

    [Fact]
    public void QuotesSeparatorsMissingValuesAndInference()
    {
        var path = Csv("id,name,score,note\r\n" +
                       "1,\"Smith, John\",2.5,\"said \"\"hi\"\"\"\r\n" +
                       "2,plain,,\"two\nlines\"\r\n" +
                       "\r\n" +
                       "3,\"\",-1e3,x\r\n");
        var t = CsvReader.Read(path);

        Assert.Equal(["id", "name", "score", "note"], t.ColumnNames);
        Assert.Equal(3, t.RowCount);
        Assert.Equal([1f, 2, 3], t.GetFloat32("id"));
        Assert.Equal(["Smith, John", "plain", ""], t.GetString("name"));
        Assert.Equal([2.5f, float.NaN, -1000f], t.GetFloat32("score"));
        Assert.Equal(["said \"hi\"", "two\nlines", "x"], t.GetString("note"));
        Assert.Equal(CsvColumnType.String, t.ColumnType(1));
    }

    [Fact]
    public void ExplicitTypesSeparatorAndHeaderlessNames()
    {
        var path = Csv("1;a;3\n4;5;6\n");
        var t = CsvReader.Read(path, new CsvOptions
        {
            HasHeader = false,
            Separator = ';',
            DefaultType = CsvColumnType.String,
            ColumnTypes = new Dictionary<string, CsvColumnType> { ["Column2"] = CsvColumnType.Float32 },
        });

        Assert.Equal(["Column0", "Column1", "Column2"], t.ColumnNames);
        Assert.Equal(["1", "4"], t.GetString("Column0"));
        Assert.Equal([3f, 6], t.GetFloat32("Column2"));
        Assert.Equal([3f, 6], t.ToMatrix());
    }

    [Fact]
    public void ConcreteStyleHeaderWithSpacesAndGzip()
    {
        var header = "Cement (component 1)(kg in a m^3 mixture),Age (day) ,\"Concrete compressive strength(MPa, megapascals)\"";
        var path = Csv($"{header}\n540,28,79.99\n332.5,270,40.27\n", "concrete.csv.gz", gzip: true);
        var t = CsvReader.Read(path);

        Assert.Equal(["Cement (component 1)(kg in a m^3 mixture)", "Age (day)", "Concrete compressive strength(MPa, megapascals)"], t.ColumnNames);
        Assert.Equal([540f, 28, 79.99f, 332.5f, 270, 40.27f], t.ToMatrix());
    }

    [Fact]
    public void FacesStyleManyNumericColumns()
    {
        const int cols = 4096, rows = 5;
        var lines = Enumerable.Range(0, rows).Select(r => string.Join(",", Enumerable.Range(0, cols).Select(c => ((r * cols + c) % 256 / 255.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        var path = Csv(string.Join(",", Enumerable.Range(0, cols).Select(c => $"pixel{c}")) + "\n" + string.Join("\n", lines));
        var m = CsvReader.Read(path).ToMatrix();

        Assert.Equal(rows * cols, m.Length);
        Assert.Equal(Enumerable.Range(0, rows * cols).Select(i => (float)(i % 256 / 255.0)), m);
    }

    [Fact]
    public void WhitespaceSeparatedWithMergedRuns()
    {
        var path = Csv("  1   2.5  3\n4 5 6  \n");
        var t = CsvReader.Read(path, new CsvOptions { HasHeader = false, Separator = ' ', MergeSeparators = true });
        Assert.Equal([1f, 2.5f, 3, 4, 5, 6], t.ToMatrix());
    }

    public static TheoryData<string, CsvOptions, Type, string[]> BadFiles() => new()
    {
        { "a,b,c\n1,2,3\n4,5\n", new CsvOptions(), typeof(InvalidDataException), ["line 3", "has 2 fields", "the header has 3"] },
        { "a,b\n1,2\n\"x,y\",3,4\n", new CsvOptions(), typeof(InvalidDataException), ["line 3", "has 3 fields"] },
        { "1,2\n3,4,5\n", new CsvOptions { HasHeader = false }, typeof(InvalidDataException), ["line 2", "has 3 fields", "the first row (line 1) has 2"] },
        { "a,b\n1,\"open\n2,3\n", new CsvOptions(), typeof(InvalidDataException), ["line 2", "never closed"] },
        { "a,b\n1,\"x\"y\n", new CsvOptions(), typeof(InvalidDataException), ["line 2", "after the closing quote"] },
        { "a,b\n1,2\n3,oops\n", new CsvOptions { DefaultType = CsvColumnType.Float32 }, typeof(InvalidDataException), ["column 'b'", "line 3", "'oops'"] },
        { "a,b\n1,2\n", new CsvOptions { ColumnTypes = new Dictionary<string, CsvColumnType> { ["c"] = CsvColumnType.String } }, typeof(ArgumentException), ["'c'", "'a', 'b'"] },
        { "a,a\n1,2\n", new CsvOptions(), typeof(InvalidDataException), ["'a' appears more than once"] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadInputNamesFileAndLine(string text, CsvOptions options, Type exception, string[] expected)
    {
        var path = Csv(text);
        var e = Assert.Throws(exception, () => CsvReader.Read(path, options));
        Assert.Contains(path, e.Message);
        foreach (var s in expected)
        {
            Assert.Contains(s, e.Message);
        }
    }

    [Fact]
    public void TableAccessorsExplainMistakes()
    {
        var t = CsvReader.Read(Csv("x,s\n1,a\n"));
        Assert.Contains("no column 'y'", Assert.Throws<ArgumentException>(() => t.GetFloat32("y")).Message);
        Assert.Contains("String, not Float32", Assert.Throws<ArgumentException>(() => t.GetFloat32("s")).Message);
        Assert.Contains("Float32, not String", Assert.Throws<ArgumentException>(() => t.GetString("x")).Message);
        Assert.Throws<ArgumentException>(() => CsvReader.Read(PathOf("t.csv"), new CsvOptions { Separator = '"' }));
    }
}
