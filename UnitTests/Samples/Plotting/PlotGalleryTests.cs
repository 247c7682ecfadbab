using System.Xml.Linq;
using MlNetDl.Samples.Plotting;

namespace MlNetDl.UnitTests.Samples.Plotting;

/// <summary>Renders every gallery chart to PNG and SVG (kept in the temp folder under plots/ for a look).</summary>
public sealed class PlotGalleryTests
{
    public static TheoryData<string> Names() => [.. PlotGallery.Charts().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Chart_renders_to_png_and_well_formed_svg(string name)
    {
        var chart = PlotGallery.Charts().Single(c => c.Name == name).Chart;
        var dir = Path.Combine(Path.GetTempPath(), "plots");
        var png = Path.Combine(dir, name + ".png");
        chart.SavePng(png);
        chart.SaveSvg(Path.Combine(dir, name + ".svg"));

        var decoded = PngTestDecoder.Decode(File.ReadAllBytes(png));
        Assert.Equal((chart.Width, chart.Height), (decoded.Width, decoded.Height));
        Assert.True(decoded.Rgba.Distinct().Count() > 2, "the image is not blank");
        var svg = XDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".svg")));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.True(svg.Root.Elements().Count() > 3);
    }
}
