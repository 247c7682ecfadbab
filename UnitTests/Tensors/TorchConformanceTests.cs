using System.Globalization;
using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;
using MlNetDl.Tensors.Serialization;

namespace MlNetDl.UnitTests.Tensors;

/// <summary>
/// Replays every case of Fixtures/torch/ops.safetensors (written by Fixtures/torch/make_fixtures.py with PyTorch
/// 1.13) through the <see cref="OpRegistry"/> case of the same name: the output and, after backpropagating the
/// stored weight w, every input gradient must match PyTorch within |a − b| ≤ tol·max(1, |b|).
/// </summary>
public class TorchConformanceTests
{
    private const double DefaultTolerance = 1e-5;

    private const string Regenerate =
        "add a line to a cases_*.py table in UnitTests/Fixtures/torch and run `cd UnitTests/Fixtures/torch && /usr/bin/python3 make_fixtures.py`";

    /// <summary>Op cases that cannot have a fixed PyTorch reference. Keep it short and say why for each.</summary>
    private static readonly HashSet<string> Exempt =
    [
        // Its output depends on the random generator (the mask), which is not PyTorch's; Nn/DropoutTests check
        // its statistics instead.
        "dropout",
        // Same for the channel mask; Nn/PoolingModuleTests check its statistics.
        "dropout2d",
    ];

    private static readonly Lazy<SafeTensorFile> Fixture = new(() =>
        SafeTensors.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch", "ops.safetensors")));

    /// <summary>Case names in file order: every case stores "&lt;case&gt;/out".</summary>
    private static IEnumerable<string> FixtureCaseNames() =>
        Fixture.Value.Names.Where(n => n.EndsWith("/out", StringComparison.Ordinal)).Select(n => n[..^"/out".Length]);

    public static TheoryData<string> FixtureCases() => [.. FixtureCaseNames()];

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void OutputAndGradientsMatchPyTorch(string name)
    {
        var c = OpRegistry.All.FirstOrDefault(x => x.Name == name)
            ?? throw new Xunit.Sdk.XunitException(
                $"ops.safetensors has a PyTorch case '{name}' but no OpCase of that name is registered: " +
                "rename the table entry in UnitTests/Fixtures/torch/cases_*.py to match the OpCase, or register the op's case, then regenerate.");
        var file = Fixture.Value;
        double tol = file.Metadata.TryGetValue($"{name}/tol", out var t) ? double.Parse(t, CultureInfo.InvariantCulture) : DefaultTolerance;

        var inputs = new List<Tensor>();
        for (int i = 0; file.TryGet($"{name}/in{i}", out var entry); i++)
        {
            inputs.Add(ToTensor(entry));
        }

        var diff = Enumerable.Range(0, inputs.Count).Where(i => file.Contains($"{name}/grad{i}")).ToArray();
        AssertSameInputs(name, c, inputs, file.Contains($"{name}/w") ? diff : null);
        foreach (var i in diff)
        {
            inputs[i].RequiresGrad = true;
        }

        var output = c.Fn([.. inputs]);
        AssertClose($"{name}: output", file[$"{name}/out"], output, tol);

        if (file.TryGet($"{name}/w", out var w))
        {
            Assert.True(output.RequiresGrad, $"{name}: PyTorch's output requires grad but ours does not");
            output.Backward(ToTensor(w));
            foreach (var i in diff)
            {
                // PyTorch stores zeros for an input the output does not depend on; we may leave Grad null.
                var grad = inputs[i].Grad ?? Tensor.ZerosLike(inputs[i]);
                AssertClose($"{name}: grad of input {i}", file[$"{name}/grad{i}"], grad, tol);
            }
        }
    }

    [Fact]
    public void EveryOpCaseHasAPyTorchReference()
    {
        var have = FixtureCaseNames().ToHashSet();
        var registered = OpRegistry.All.Select(c => c.Name).ToHashSet();

        var missing = registered.Where(n => !have.Contains(n) && !Exempt.Contains(n)).Order().ToList();
        Assert.True(missing.Count == 0, $"Op cases without a PyTorch reference: {string.Join(", ", missing)}; {Regenerate}.");

        var stale = Exempt.Where(n => have.Contains(n) || !registered.Contains(n)).ToList();
        Assert.True(stale.Count == 0, $"Exemptions that name no registered case or have a fixture after all: {string.Join(", ", stale)}.");
        Assert.True(have.Count >= 30, $"expected the core ops' fixtures, found {have.Count} cases");
    }

    /// <summary>Int64 (indices, class targets) and bool (masks) fixture entries become tensors of that dtype; no
    /// registered case takes a bool input yet, so the path is checked here rather than by a fixture.</summary>
    [Fact]
    public void IntegerAndBoolEntriesBecomeTensorsOfTheirDType()
    {
        var ints = ToTensor(SafeTensorEntry.FromInt64s("t", [2, 2], new long[] { 3, -1, 0, long.MaxValue }));
        Assert.Equal(DType.Int64, ints.DType);
        Assert.Equal(new Shape(2, 2), ints.Shape);
        Assert.Equal(new long[] { 3, -1, 0, long.MaxValue }, ints.ToArray<long>());

        var bools = ToTensor(new SafeTensorEntry("m", SafeTensorDType.Bool, [3], new byte[] { 1, 0, 1 }));
        Assert.Equal(DType.Bool, bools.DType);
        Assert.Equal(new[] { true, false, true }, bools.ToArray<bool>());
    }

    /// <summary>The fixture's inputs must be the C# case's in kind: same count, shapes and dtypes, and (when the
    /// output is differentiated) gradients exactly for the float inputs that are not <see cref="OpCase.Constant"/>,
    /// so a table entry cannot drift from the op case it checks.</summary>
    private static void AssertSameInputs(string name, OpCase c, List<Tensor> fixture, int[]? differentiated)
    {
        var mine = c.MakeInputs(new Generator(0));
        Assert.True(mine.Length == fixture.Count, $"{name}: the fixture has {fixture.Count} inputs, the OpCase makes {mine.Length}");
        for (int i = 0; i < mine.Length; i++)
        {
            Assert.True(mine[i].Shape == fixture[i].Shape && mine[i].DType == fixture[i].DType,
                $"{name}: input {i} is {fixture[i].DType} {fixture[i].Shape} in the fixture, {mine[i].DType} {mine[i].Shape} in the OpCase");
        }

        if (differentiated is not null)
        {
            var expected = Enumerable.Range(0, mine.Length).Where(i => mine[i].DType == DType.Float32 && !c.Constant.Contains(i));
            Assert.True(expected.SequenceEqual(differentiated),
                $"{name}: PyTorch differentiates inputs [{string.Join(", ", differentiated)}], the OpCase [{string.Join(", ", expected)}] (mark targets const=True / Constant)");
        }
    }

    private static Tensor ToTensor(SafeTensorEntry e)
    {
        var shape = new Shape([.. e.Shape.Select(d => checked((int)d))]);
        return e.DType switch
        {
            SafeTensorDType.F32 => Tensor.From<float>(e.ToFloats(), shape),
            SafeTensorDType.I64 => Tensor.From<long>(e.ToInt64s(), shape),
            SafeTensorDType.Bool => Tensor.From<bool>(ToBools(e), shape),
            _ => throw new NotSupportedException($"{e.Name}: fixture dtype {e.DType} is not used (F32, I64, BOOL are)"),
        };
    }

    private static bool[] ToBools(SafeTensorEntry e) => [.. e.Data.ToArray().Select(b => b != 0)];

    private static void AssertClose(string what, SafeTensorEntry expected, Tensor actual, double tol)
    {
        var shape = new Shape([.. expected.Shape.Select(d => (int)d)]);
        Assert.True(actual.Shape == shape, $"{what}: shape {actual.Shape}, PyTorch {shape}");
        switch (expected.DType)
        {
            case SafeTensorDType.F32:
                Assert.Equal(DType.Float32, actual.DType);
                var want = expected.ToFloats();
                var got = actual.AsReadOnlySpan<float>();
                for (int i = 0; i < want.Length; i++)
                {
                    double err = Math.Abs((double)got[i] - want[i]);
                    Assert.True(err <= tol * Math.Max(1, Math.Abs(want[i])) || (float.IsNaN(got[i]) && float.IsNaN(want[i])),
                        $"{what}[{i}]: {got[i]:G9}, PyTorch {want[i]:G9} (|diff| {err:G3}, tol {tol:G3})");
                }

                break;
            case SafeTensorDType.I64:
                Assert.Equal(DType.Int64, actual.DType);
                Assert.Equal(expected.ToInt64s(), actual.ToArray<long>());
                break;
            case SafeTensorDType.Bool:
                Assert.Equal(DType.Bool, actual.DType);
                Assert.Equal(ToBools(expected), actual.ToArray<bool>());
                break;
            default:
                throw new NotSupportedException($"{what}: fixture dtype {expected.DType}");
        }
    }
}
