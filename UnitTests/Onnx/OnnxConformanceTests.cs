using MlNetDl.Onnx;

namespace MlNetDl.UnitTests.Onnx;

/// <summary>Every case of the ONNX backend test data: supported cases must match the expected outputs within ONNX's
/// tolerances; the documented expected-unsupported cases must be refused with <see cref="OnnxUnsupportedException"/>.</summary>
public class OnnxConformanceTests
{
    public static TheoryData<string> Supported() =>
        [.. OnnxConformance.CaseNames().Where(c => !OnnxConformance.ExpectedUnsupported.ContainsKey(OnnxConformance.ShortName(c)))];

    public static TheoryData<string> Unsupported() =>
        [.. OnnxConformance.CaseNames().Where(c => OnnxConformance.ExpectedUnsupported.ContainsKey(OnnxConformance.ShortName(c)))];

    [ConformanceTheory]
    [MemberData(nameof(Supported))]
    public void Case_matches_the_expected_outputs(string caseName)
    {
        var problems = OnnxConformance.Run(caseName);
        Assert.True(problems.Count == 0, $"{caseName}: {string.Join("; ", problems)}");
    }

    [ConformanceTheory]
    [MemberData(nameof(Unsupported))]
    public void Expected_unsupported_case_is_refused_naming_the_op(string caseName)
    {
        string reason = OnnxConformance.ExpectedUnsupported[OnnxConformance.ShortName(caseName)];
        var e = Assert.Throws<OnnxUnsupportedException>(() => OnnxConformance.Run(caseName));
        Assert.Contains(reason.Split(':')[0], e.Message);
    }
}
