using System.Reflection;

namespace MlNetDl.Tensors.Autograd;

/// <summary>
/// One registered example of a differentiable op: how to call it and how to make inputs for it. The gradient
/// checker and the PyTorch conformance tests walk <see cref="OpRegistry.All"/>; a coverage test fails when a
/// <see cref="Function"/> subclass is reached by no case, so a new op cannot land without its checks.
/// </summary>
/// <param name="Name">Unique case name, also the key of the PyTorch fixture (e.g. <c>"mul_broadcast"</c>).</param>
/// <param name="Fn">The op under test.</param>
/// <param name="MakeInputs">Inputs from a seeded generator; float inputs are differentiated.</param>
public sealed record OpCase(string Name, Func<Tensor[], Tensor> Fn, Func<Generator, Tensor[]> MakeInputs)
{
    /// <summary>Finite-difference step (the forward runs in float32, so it cannot be tiny).</summary>
    public double Eps { get; init; } = 1e-3;

    /// <summary>Allowed |analytic − numeric| ≤ Tolerance·(1 + |numeric|).</summary>
    public double Tolerance { get; init; } = 1e-2;

    /// <summary>Indices of float inputs that are not differentiated (e.g. targets of a loss).</summary>
    public int[] Constant { get; init; } = [];

    /// <summary>Inputs uniform in [low, high) with the given shapes.</summary>
    public static Func<Generator, Tensor[]> Uniform(float low, float high, params Shape[] shapes) =>
        g => [.. shapes.Select(s => Tensor.Uniform(s, low, high, g))];

    /// <summary>Inputs uniform in [-1, 1).</summary>
    public static Func<Generator, Tensor[]> Shapes(params Shape[] shapes) => Uniform(-1f, 1f, shapes);

    /// <summary>Inputs with magnitude in [0.1, 1) and random sign: keeps finite differences off kinks at 0.</summary>
    public static Func<Generator, Tensor[]> AwayFromZero(params Shape[] shapes) => g =>
    [
        .. shapes.Select(s =>
        {
            var t = Tensor.Uniform(s, 0.1f, 1f, g);
            var v = t.AsWritableSpan<float>();
            for (int i = 0; i < v.Length; i++)
            {
                v[i] = g.NextDouble() < 0.5 ? -v[i] : v[i];
            }

            return t;
        }),
    ];

    public override string ToString() => Name;
}

/// <summary>Marks a static method returning <c>IEnumerable&lt;OpCase&gt;</c> that registers ops.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpCasesAttribute : Attribute;

/// <summary>Every registered op case of this assembly (found once by reflection so registering an op touches
/// only the op's own file).</summary>
public static class OpRegistry
{
    private static readonly Lazy<IReadOnlyList<OpCase>> Cases = new(Discover);

    public static IReadOnlyList<OpCase> All => Cases.Value;

    public static OpCase Get(string name) => All.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"No op case named '{name}' is registered.");

    private static IReadOnlyList<OpCase> Discover()
    {
        var list = new List<OpCase>();
        foreach (var type in typeof(OpRegistry).Assembly.GetTypes())
        {
            foreach (var m in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (m.GetCustomAttribute<OpCasesAttribute>() is not null)
                {
                    list.AddRange((IEnumerable<OpCase>)m.Invoke(null, null)!);
                }
            }
        }

        var dup = list.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new InvalidOperationException($"Op case name '{dup.Key}' is registered twice.");
        }

        return list;
    }
}
