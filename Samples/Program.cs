using System.Globalization;
using MlNetDl.Samples.LinearModels;
using MlNetDl.Samples.Knn;
using MlNetDl.Samples.Mlp;
using MlNetDl.Samples.OnnxRun;
using MlNetDl.Samples.Pca;

namespace MlNetDl.Samples;

/// <summary>
/// <c>mlnetdl-samples &lt;sample&gt; [--data DIR] [--epochs N] [--seed N] [--out DIR] [--quick]</c>.
/// A deliberately small parser until the samples host (System.CommandLine, progress bars, plots) lands.
/// </summary>
internal static class Program
{
    private static readonly Dictionary<string, (string Description, Func<SampleOptions, TextWriter, int> Run)> Samples = new()
    {
        ["mlp"] = ("MLP 784-128-64-10 on Fashion-MNIST with Adam; saves and reloads the weights", MlpSample.Run),
        ["linreg"] = ("Least squares on Concrete-layout CSV (--data FILE) or diabetes; test MSE for the first 5..8 features", LinregSample.Run),
        ["newton-logreg"] = ("Newton logistic regression on breast cancer, exact vs diagonal Hessian", NewtonLogregSample.Run),
        ["softmax"] = ("Softmax regression on raw Fashion-MNIST pixels", SoftmaxSample.Run),
        ["knn"] = ("k-nearest neighbours (k = 3, brute force) on Fashion-MNIST: accuracy and seconds", KnnSample.Run),
        ["pca"] = ("PCA of Fashion-MNIST: explained variance and reconstruction MSE with 2, 10, 50, 100 components", PcaSample.Run),
    };

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "list" or "--help" or "-h")
        {
            Console.WriteLine("usage: mlnetdl-samples <sample> [--data DIR] [--epochs N] [--seed N] [--out DIR] [--quick]");
            foreach (var (name, (description, _)) in Samples)
            {
                Console.WriteLine($"  {name,-12} {description}");
            }

            Console.WriteLine($"  {"onnx-run",-12} Runs an ONNX model on .npy inputs: {OnnxRunCommand.Usage}");

            return args.Length == 0 ? 1 : 0;
        }

        if (args[0] == "onnx-run")
        {
            return OnnxRunCommand.Parse(args[1..], Console.Out);
        }

        if (!Samples.TryGetValue(args[0], out var sample))
        {
            Console.Error.WriteLine($"Unknown sample '{args[0]}'. Known: {string.Join(", ", Samples.Keys)}.");
            return 2;
        }

        SampleOptions options;
        try
        {
            options = Parse(args[1..]);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        return sample.Run(options, Console.Out);
    }

    internal static SampleOptions Parse(string[] args)
    {
        var o = new SampleOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option '{args[i]}' needs a value.");
            int Int(string name)
            {
                var v = Value();
                return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
                    ? n : throw new ArgumentException($"Option '{name}' must be a non-negative integer; got '{v}'.");
            }

            o = args[i] switch
            {
                "--data" => o with { DataDirectory = Value() },
                "--epochs" => o with { Epochs = Int("--epochs") },
                "--seed" => o with { Seed = Int("--seed") },
                "--out" => o with { OutputDirectory = Value() },
                "--quick" => o with { Quick = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return o;
    }
}
