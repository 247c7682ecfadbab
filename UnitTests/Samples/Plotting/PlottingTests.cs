using System.Diagnostics;
using MlNetDl.Samples.Plotting;

namespace MlNetDl.UnitTests.Samples.Plotting;

public sealed class PlottingTests
{
    public static TheoryData<double, double, int, double, double[]> TickCases() => new()
    {
        { 0, 1, 6, 0.2, [0, 0.2, 0.4, 0.6, 0.8, 1] },
        { 0, 10, 6, 2, [0, 2, 4, 6, 8, 10] },
        { 0, 100, 5, 50, [0, 50, 100] },
        { -1, 1, 5, 0.5, [-1, -0.5, 0, 0.5, 1] },
        { 0.21, 0.93, 8, 0.1, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] },
        { 1, 20, 8, 5, [5, 10, 15, 20] },
        { 3, 3, 5, 0.2, [2.8, 3, 3.2] },                     // degenerate range widened by 10 %
        { 1e-5, 5e-5, 5, 1e-5, [1e-5, 2e-5, 3e-5, 4e-5, 5e-5] },
        { double.NaN, 1, 6, 0.2, [0, 0.2, 0.4, 0.6, 0.8, 1] }, // non-finite → [0, 1]
    };

    [Theory]
    [MemberData(nameof(TickCases))]
    public void Nice_ticks_are_1_2_5_multiples(double min, double max, int maxTicks, double step, double[] expected)
    {
        var (s, values) = Ticks.Linear(min, max, maxTicks);
        Assert.Equal(step, s, 12);
        Assert.Equal(expected, values, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.True(values.Length <= maxTicks);
    }

    [Theory]
    [InlineData(0.4, 0.2, "0.4")]
    [InlineData(-0.5, 0.5, "-0.5")]
    [InlineData(15, 5, "15")]
    [InlineData(0, 0.1, "0")]
    [InlineData(2e-5, 1e-5, "2e-5")]
    [InlineData(3e6, 1e6, "3e6")]
    public void Tick_labels_show_the_steps_precision(double value, double step, string expected)
        => Assert.Equal(expected, Ticks.Format(value, step));

    [Fact]
    public void Log_ticks_are_decades_with_2_and_5_when_the_range_is_short()
    {
        Assert.Equal([0.001, 0.01, 0.1, 1, 10], Ticks.Log(0.001, 10));
        Assert.Equal([1, 2, 5, 10, 20, 50], Ticks.Log(0.9, 60));
    }

    [Fact]
    public void Scales_map_data_to_pixels_and_back()
    {
        var lin = new Scale(0, 10, 50, 550);
        Assert.Equal(50, lin.Map(0));
        Assert.Equal(300, lin.Map(5));
        Assert.Equal(7.5, lin.Invert(lin.Map(7.5)), 12);
        var yUp = new Scale(-1, 1, 400, 0);                  // y axes run upwards on screen
        Assert.Equal(400, yUp.Map(-1));
        Assert.Equal(200, yUp.Map(0));
        var log = new Scale(0.01, 100, 0, 400, Log: true);
        Assert.Equal(200, log.Map(1), 9);
        Assert.Equal(300, log.Map(10), 9);
        Assert.True(double.IsNaN(log.Map(0)));
        Assert.Equal(10, log.Invert(300), 9);
    }

    [Fact]
    public void Frame_maps_axis_ends_to_the_plot_rectangle()
    {
        var f = new PlotFrame(600, 400, "t", Axis.Fixed(0, 1), Axis.Fixed(0, 1), "x", "y");
        Assert.Equal((f.Left, f.Bottom), f.Map(0, 0));
        Assert.Equal((f.Right, f.Top), f.Map(1, 1));
        Assert.True(f.Left > 20 && f.Top > 20 && f.Right < 600 && f.Bottom < 400);
    }

    [Fact]
    public void Png_decodes_to_the_canvas_pixels_with_valid_chunks()
    {
        var c = new Canvas(37, 23, Rgba.White);              // odd sizes exercise the filters' left/top edges
        c.FillRect(3, 2, 10, 8, Palettes.Category(3));
        c.Line(0, 0, 36, 22, Rgba.Black, 2);
        c.Circle(28, 8, 5, Palettes.Category(0).WithAlpha(0.5));
        c.Text(2, 13, "Ag9", Palettes.Category(2));
        foreach (bool alpha in new[] { false, true })
        {
            var png = PngTestDecoder.Decode(PngEncoder.Encode(c, alpha));
            Assert.Equal((37, 23, alpha ? 6 : 2), (png.Width, png.Height, png.ColorType));
            Assert.Equal(["IHDR", "IDAT", "IEND"], png.Chunks);
            Assert.Equal(c.Pixels, png.Rgba);
        }
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
        => Assert.Equal(0xCBF43926u, Crc32.Update(0, "123456789"u8));

    [Cv2Fact]
    public void OpenCV_reads_our_png_with_the_same_size_and_pixels()
    {
        var c = new Canvas(64, 40, Rgba.White);
        c.FillRect(10, 5, 20, 10, new Rgba(200, 30, 60));
        c.FillRect(40, 20, 10, 10, new Rgba(10, 220, 90));
        var path = Path.Combine(Path.GetTempPath(), $"mlnetdl-cv2-{Environment.ProcessId}.png");
        PngEncoder.Save(c, path);
        var psi = new ProcessStartInfo("/usr/bin/python3", ["-c",
            "import sys, cv2; im = cv2.imread(sys.argv[1], cv2.IMREAD_UNCHANGED); print(im.shape[1], im.shape[0], im.shape[2]); " +
            "print(*[int(v) for (x, y) in [(15, 8), (45, 25), (0, 0)] for v in im[y, x][::-1]])", path])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        File.Delete(path);
        Assert.True(p.ExitCode == 0, stderr);
        var lines = stdout.Trim().Split('\n');
        Assert.Equal("64 40 3", lines[0].Trim());            // RGB PNG → 3 channels, BGR order (reversed above)
        Assert.Equal("200 30 60 10 220 90 255 255 255", lines[1].Trim());
    }

    [Fact]
    public void Saving_is_atomic_and_leaves_no_temporary_files()
    {
        var dir = Directory.CreateTempSubdirectory("mlnetdl-plot-").FullName;
        var path = Path.Combine(dir, "a.png");
        PngEncoder.Save(new Canvas(4, 4), path);
        PngEncoder.Save(new Canvas(5, 5), path);             // overwrite
        Assert.Equal(["a.png"], Directory.GetFiles(dir).Select(Path.GetFileName));
        Assert.Equal(5, PngTestDecoder.Decode(File.ReadAllBytes(path)).Width);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void Canvas_clipping_confines_drawing()
    {
        var c = new Canvas(20, 20, Rgba.White);
        c.PushClip(5, 5, 5, 5);
        c.FillRect(0, 0, 20, 20, Rgba.Black);
        c.Line(0, 0, 20, 20, Rgba.Black, 3);
        c.PopClip();
        Assert.Equal(Rgba.Black, c[7, 7]);
        Assert.Equal(Rgba.White, c[4, 4]);
        Assert.Equal(Rgba.White, c[12, 12]);
        Assert.Equal(Rgba.White, c[7, 11]);
    }

    [Fact]
    public void Thin_lines_are_antialiased_and_axis_aligned_lines_crisp()
    {
        var c = new Canvas(20, 20, Rgba.White);
        c.Line(0, 5.5, 20, 5.5, Rgba.Black);                 // through pixel centres: one full row
        Assert.Equal(Rgba.Black, c[10, 5]);
        Assert.Equal(Rgba.White, c[10, 4]);
        c.Line(0, 10, 20, 19, Rgba.Black);                   // diagonal: partial coverage somewhere
        Assert.Contains(Enumerable.Range(0, 20).SelectMany(x => Enumerable.Range(0, 20).Select(y => c[x, y].R)), v => v is > 30 and < 225);
    }

    [Fact]
    public void Font_covers_printable_ascii_and_maps_the_rest_to_question_mark()
    {
        for (char ch = '!'; ch <= '~'; ch++)
        {
            Assert.True(BitmapFont.Glyph(ch).ToArray().Any(b => b != 0), $"glyph '{ch}' is empty");
        }

        Assert.Equal(BitmapFont.Glyph('?').ToArray(), BitmapFont.Glyph('é').ToArray());
        Assert.Equal(17, BitmapFont.MeasureWidth("abc"));
    }
}

/// <summary>A fact that is reported as skipped (with the reason) when /usr/bin/python3 cannot import cv2.</summary>
public sealed class Cv2FactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import cv2"]) { RedirectStandardError = true })!;
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public Cv2FactAttribute()
    {
        if (!Available.Value)
        {
            Skip = "python3-opencv (cv2) is not available to /usr/bin/python3";
        }
    }
}
