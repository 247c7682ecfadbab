using System.CommandLine;
using MlNetDl.Samples.Knn;
using MlNetDl.Samples.LinearModels;
using MlNetDl.Samples.Mlp;
using MlNetDl.Samples.OnnxRun;
using MlNetDl.Samples.Pca;

namespace MlNetDl.Samples;

/// <summary>
/// The one table of samples: adding a command is one entry here plus its own file. A command with options of its
/// own lists factories for them and reads them back with <see cref="SampleRun.Get{T}"/>, e.g.
/// <code>
/// new("onnx-run", "Runs an ONNX model on .npy inputs", OnnxRunSample.Run)
/// {
///     Common = CommonOptions.Out,
///     Options = [() => new Option&lt;string&gt;("--model") { Required = true },
///                () => new Option&lt;string[]&gt;("--input") { AllowMultipleArgumentsPerToken = true }],
/// },
/// </code>
/// and in the sample <c>run.Get&lt;string&gt;("--model")</c>, <c>run.Get&lt;string[]&gt;("--input")</c>.
/// </summary>
internal static class SampleRegistry
{
    public static readonly IReadOnlyList<SampleDefinition> All =
    [
        new("mlp", "MLP 784-128-64-10 on Fashion-MNIST with Adam: curves, misclassified images, first-layer weights, saved model", MlpSample.Run)
        {
            Files = ["mlp-loss.png", "mlp-accuracy.png", "mlp-misclassified.png", "mlp-weights.png", MlpSample.ModelFileName, MlpSample.OnnxFileName],
        },
        new("linreg", "Least squares on Concrete-layout CSV (--data FILE) or diabetes: test MSE for the first 5..8 features", LinregSample.Run)
        {
            Files = ["linreg-mse.png", "linreg-predicted.png"],
        },
        new("newton-logreg", "Newton logistic regression on breast cancer, exact vs diagonal Hessian: curves and ROC", NewtonLogregSample.Run)
        {
            Files = ["newton-logreg-loss.png", "newton-logreg-accuracy.png", "newton-logreg-roc.png", "newton-logreg-roc.svg"],
        },
        new("softmax", "Softmax regression on raw Fashion-MNIST pixels: loss/accuracy history and per-class weight images", SoftmaxSample.Run)
        {
            Files = ["softmax-loss.png", "softmax-accuracy.png", "softmax-weights.png"],
        },
        new("knn", "k-nearest neighbours (k = 3, brute force) on Fashion-MNIST: accuracy, confusion matrix, misclassified images", KnnSample.Run)
        {
            Files = ["knn-confusion.png", "knn-misclassified.png"],
        },
        new("pca", "PCA of Fashion-MNIST: 2-D map, eigenvalue spectrum, reconstructions with 2, 10, 50, 100 components", PcaSample.Run)
        {
            Files = ["pca-scatter.png", "pca-spectrum.png", "pca-reconstructions.png"],
        },
        new("onnx-run", "Runs an ONNX model on .npy inputs (--model M.onnx --input NAME=FILE.npy ...), writing each output to --out as NAME.npy", OnnxRunCommand.Run)
        {
            Common = CommonOptions.Out,
            Options = [() => new Option<string>("--model") { Description = "the .onnx file", Required = true },
                       () => new Option<string[]>("--input") { Description = "NAME=FILE.npy, once per graph input", AllowMultipleArgumentsPerToken = true }],
            Tool = true,
        },
    ];

    public static SampleDefinition? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
