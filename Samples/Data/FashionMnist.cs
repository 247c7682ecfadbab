using System.Reflection;
using MlNetDl.Pipelines.Loaders;

namespace MlNetDl.Samples.Data;

/// <summary>One split of Fashion-MNIST: N images of 28×28 float pixels in [0, 1] and int64 labels.</summary>
internal sealed record ImageSet(float[] Pixels, long[] Labels, int Count, int Rows, int Cols)
{
    public int Features => Rows * Cols;
}

/// <summary>
/// Finds Fashion-MNIST: <c>--data DIR</c>, else the <c>MLNETDL_DATA</c> variable, else Debian's
/// <c>/usr/share/datasets/fashion-mnist</c>, else the subset embedded in this assembly (3,000 train / 1,000 test).
/// </summary>
internal static class FashionMnist
{
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";
    public static readonly string[] ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public static (ImageSet Train, ImageSet Test, string Source) Load(string? directory)
    {
        directory ??= Environment.GetEnvironmentVariable("MLNETDL_DATA");
        if (directory is null && File.Exists(Path.Combine(DebianDirectory, "train-images-idx3-ubyte.gz")))
        {
            directory = DebianDirectory;
        }

        if (directory is not null)
        {
            return (ReadSplit(directory, "train"), ReadSplit(directory, "t10k"), directory);
        }

        var (train, test) = LoadEmbedded();
        return (train, test, "embedded subset");
    }

    /// <summary>The subset shipped inside this assembly, whatever is installed.</summary>
    public static (ImageSet Train, ImageSet Test) LoadEmbedded() => (ReadEmbedded("train"), ReadEmbedded("t10k"));

    private static ImageSet ReadSplit(string dir, string split)
    {
        var images = Find(dir, $"{split}-images-idx3-ubyte");
        var labels = Find(dir, $"{split}-labels-idx1-ubyte");
        return Combine(IdxReader.ReadImages(images), IdxReader.ReadLabels(labels), images, labels);
    }

    private static string Find(string dir, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(dir, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"Fashion-MNIST file '{stem}[.gz]' not found in '{Path.GetFullPath(dir)}'.", Path.Combine(dir, stem + ".gz"));
    }

    private static ImageSet ReadEmbedded(string split)
    {
        var asm = Assembly.GetExecutingAssembly();
        string images = $"fashion-mnist/{split}-images-idx3-ubyte.gz", labels = $"fashion-mnist/{split}-labels-idx1-ubyte.gz";
        using var fi = asm.GetManifestResourceStream(images) ?? throw new InvalidOperationException($"Embedded resource '{images}' is missing.");
        using var fl = asm.GetManifestResourceStream(labels) ?? throw new InvalidOperationException($"Embedded resource '{labels}' is missing.");
        return Combine(IdxReader.ReadImages(fi, images), IdxReader.ReadLabels(fl, labels), images, labels);
    }

    private static ImageSet Combine(ImageArray img, long[] labels, string imagePath, string labelPath)
    {
        if (labels.Length != img.Count)
        {
            throw new InvalidDataException($"'{imagePath}' has {img.Count} images but '{labelPath}' has {labels.Length} labels.");
        }

        if (img.ItemShape.Length != 2)
        {
            throw new InvalidDataException($"'{imagePath}' holds items of shape [{string.Join(", ", img.ItemShape)}]; Fashion-MNIST images are 2-D.");
        }

        return new ImageSet(img.Pixels, labels, img.Count, img.ItemShape[0], img.ItemShape[1]);
    }
}
