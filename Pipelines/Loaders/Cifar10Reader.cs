namespace MlNetDl.Pipelines.Loaders;

/// <summary>Labelled images: <see cref="Images"/> [N, ..ItemShape] float and one int64 label per image.</summary>
public sealed record LabeledImages(ImageArray Images, long[] Labels);

/// <summary>
/// Reader of the CIFAR-10 binary batches (<c>data_batch_1.bin</c> … <c>data_batch_5.bin</c>, <c>test_batch.bin</c>):
/// records of 1 label byte + 3072 pixel bytes (3 × 32 × 32, channel-major CHW). Pixels are returned as float in [0, 1].
/// </summary>
public static class Cifar10Reader
{
    public const int Channels = 3, Height = 32, Width = 32;
    public const int ImageBytes = Channels * Height * Width, RecordBytes = 1 + ImageBytes;

    /// <summary>Label index → class name.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Reads one batch file.</summary>
    public static LabeledImages Read(string path) => Read([path]);

    /// <summary>Reads and concatenates batch files in order: images [N, 3, 32, 32] in [0, 1], labels 0…9.</summary>
    /// <exception cref="InvalidDataException">A file length that is not a multiple of 3073 (names the file and length), or a label &gt; 9 (names the file and record).</exception>
    /// <exception cref="FileNotFoundException">A missing file.</exception>
    public static LabeledImages Read(IEnumerable<string> paths)
    {
        var files = paths.ToArray();
        if (files.Length == 0)
        {
            throw new ArgumentException("Cifar10Reader.Read: no batch files given.", nameof(paths));
        }

        long total = 0;
        foreach (var f in files)
        {
            long len = new FileInfo(f).Exists ? new FileInfo(f).Length : throw new FileNotFoundException($"CIFAR-10 batch '{f}' not found.", f);
            if (len % RecordBytes != 0)
            {
                throw new InvalidDataException($"{f}: CIFAR-10 batch length {len} bytes is not a multiple of the {RecordBytes}-byte record (1 label + {ImageBytes} pixels).");
            }

            total += len / RecordBytes;
        }

        if (total * ImageBytes > Array.MaxLength)
        {
            throw new InvalidDataException($"CIFAR-10: {total} images ({total * ImageBytes} floats) do not fit in one array.");
        }

        var pixels = new float[total * ImageBytes];
        var labels = new long[total];
        var record = new byte[RecordBytes * 64];
        long n = 0;
        foreach (var f in files)
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            long inFile = s.Length / RecordBytes;
            for (long r = 0; r < inFile;)
            {
                int batch = (int)Math.Min(64, inFile - r);
                s.ReadExactly(record, 0, batch * RecordBytes);
                for (int k = 0; k < batch; k++, r++, n++)
                {
                    var rec = record.AsSpan(k * RecordBytes, RecordBytes);
                    if (rec[0] > 9)
                    {
                        throw new InvalidDataException($"{f}: record {r} (byte offset {r * RecordBytes}) has label {rec[0]}; CIFAR-10 labels are 0..9.");
                    }

                    labels[n] = rec[0];
                    var dst = pixels.AsSpan((int)(n * ImageBytes), ImageBytes);
                    for (int i = 0; i < ImageBytes; i++)
                    {
                        dst[i] = rec[1 + i] / 255f;
                    }
                }
            }
        }

        return new LabeledImages(new ImageArray(pixels, (int)total, [Channels, Height, Width]), labels);
    }
}
