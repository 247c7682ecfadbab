using MlNetDl.Tensors;
using MlNetDl.Tensors.Autograd;

namespace MlNetDl.UnitTests.Tensors;

/// <summary>Finite-difference gradient check of every case in <see cref="OpRegistry"/>, and a coverage check
/// that every <see cref="Function"/> subclass is reached by some case.</summary>
public class GradCheckTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in OpRegistry.All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void AnalyticGradientMatchesFiniteDifferences(string name)
    {
        var c = OpRegistry.Get(name);
        var inputs = c.MakeInputs(new Generator(StableSeed(name)));
        var diff = Enumerable.Range(0, inputs.Length)
            .Where(i => inputs[i].DType == DType.Float32 && !c.Constant.Contains(i)).ToArray();
        foreach (var i in diff)
        {
            inputs[i].RequiresGrad = true;
        }

        var output = c.Fn(inputs);
        Assert.True(output.RequiresGrad, $"{name}: output does not require grad");
        var weights = Tensor.Uniform(output.Shape, -1f, 1f, new Generator(7));
        output.Backward(weights);

        foreach (var i in diff)
        {
            var analytic = inputs[i].Grad?.ToFloatArray() ?? throw new Xunit.Sdk.XunitException($"{name}: input {i} got no gradient");
            var numeric = Numeric(c, inputs, i, weights);
            for (int j = 0; j < numeric.Length; j++)
            {
                double tol = c.Tolerance * (1 + Math.Abs(numeric[j]));
                Assert.True(Math.Abs(analytic[j] - numeric[j]) <= tol,
                    $"{name}: d/d input{i}[{j}] analytic {analytic[j]:G6} vs numeric {numeric[j]:G6} (tol {tol:G3})");
            }
        }
    }

    [Fact]
    public void EveryFunctionSubclassIsCoveredByACase()
    {
        var reached = new HashSet<Type>();
        foreach (var c in OpRegistry.All)
        {
            var inputs = c.MakeInputs(new Generator(StableSeed(c.Name)));
            foreach (var t in inputs.Where(t => t.DType == DType.Float32))
            {
                t.RequiresGrad = true;
            }

            var stack = new Stack<Function>();
            if (c.Fn(inputs).GradFn is { } root)
            {
                stack.Push(root);
            }

            while (stack.Count > 0)
            {
                var fn = stack.Pop();
                reached.Add(fn.GetType());
                foreach (var input in fn.Inputs)
                {
                    if (input.GradFn is { } child)
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        var all = typeof(Function).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Function)) && !t.IsAbstract).ToList();
        var missing = all.Where(t => !reached.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "Functions without an OpRegistry case: " + string.Join(", ", missing));
        Assert.True(all.Count >= 15, $"expected the engine's ops to be discovered, found {all.Count}");
    }

    /// <summary>Central differences of Σ output·weights, accumulated in double.</summary>
    private static double[] Numeric(OpCase c, Tensor[] inputs, int i, Tensor weights)
    {
        using var noGrad = GradMode.NoGrad();
        var w = weights.ToFloatArray();
        var x = inputs[i].AsWritableSpan<float>();
        var result = new double[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            float orig = inputs[i].AsReadOnlySpan<float>()[j];
            inputs[i].AsWritableSpan<float>()[j] = (float)(orig + c.Eps);
            double plus = Dot(c.Fn(inputs), w);
            inputs[i].AsWritableSpan<float>()[j] = (float)(orig - c.Eps);
            double minus = Dot(c.Fn(inputs), w);
            inputs[i].AsWritableSpan<float>()[j] = orig;
            result[j] = (plus - minus) / (2 * c.Eps);
        }

        return result;
    }

    private static double Dot(Tensor t, float[] w)
    {
        var v = t.AsReadOnlySpan<float>();
        double s = 0;
        for (int k = 0; k < v.Length; k++)
        {
            s += (double)v[k] * w[k];
        }

        return s;
    }

    internal static int StableSeed(string s)
    {
        int h = 17;
        foreach (var ch in s)
        {
            h = unchecked(h * 31 + ch);
        }

        return h;
    }
}
