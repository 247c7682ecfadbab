using System.Diagnostics;
using System.Globalization;
using MlNetDl.Benchmarks.Mlp;
using MlNetDl.Onnx;
using MlNetDl.Tensors;
using MlNetDl.Transforms.Onnx;

namespace MlNetDl.Benchmarks.Onnx;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- onnx-resnet50 [batch]</c>: exports torchvision resnet50 with
/// <c>sidebyside/onnx_resnet50.py</c> to a temporary file, profiles our import per op type and Conv shape, then
/// alternates 3 rounds of ours and PyTorch (1 and 2 threads) plus OpenCV DNN on the same file (images/second, median of
/// 5 batches after 2 warm-ups each) and prints every round and one markdown row of each side's best round.
/// </summary>
internal static class OnnxResNetSideBySide
{
    private const int Rounds = 3;

    public static int Run(string[] args)
    {
        int batch = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        string dir = Directory.CreateTempSubdirectory("mlnetdl-resnet50-").FullName;
        try
        {
            string path = Path.Combine(dir, "resnet50.onnx");
            MlpSideBySide.RunPython("onnx_resnet50.py", "export", path);
            var sw = Stopwatch.StartNew();
            using var model = OnnxModel.Load(path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load: {sw.Elapsed.TotalSeconds:F2} s for {new FileInfo(path).Length / 1e6:F1} MB; {model}"));
            using var x = Tensor.Randn(new Shape(batch, 3, 224, 224), new Generator(0));
            var feeds = new Dictionary<string, Tensor> { [model.Inputs[0].Name] = x };
            Dispose(model.Run(feeds)); // warm-up (JIT, pool) before the profiled run
            PrintProfile(model, feeds);

            // Rounds alternate ours and Python so load swings on this shared machine hit both sides; each side
            // reports its best round (the least disturbed), and every round is printed.
            var best = new Dictionary<string, double>();
            string versions = "";
            for (int round = 1; round <= Rounds; round++)
            {
                var figures = new Dictionary<string, double> { ["ours"] = ImagesPerSecond(() => Dispose(model.Run(feeds)), batch) };
                var theirs = MlpSideBySide.RunPython("onnx_resnet50.py", "time", path, batch.ToString(System.Globalization.CultureInfo.InvariantCulture));
                foreach (var key in new[] { "torch_1", "torch_2", "opencv_1", "opencv_2" })
                {
                    figures[key] = Parse(theirs[key]);
                }

                versions = $"{theirs["torch_version"]}; OpenCV {theirs.GetValueOrDefault("opencv_version")}";
                Console.WriteLine($"round {round}: " + string.Join(", ", figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value:F2}"))) + " images/s");
                foreach (var (key, value) in figures)
                {
                    best[key] = Math.Max(best.GetValueOrDefault(key), value);
                }
            }

            double ours = best["ours"], t1 = best["torch_1"], t2 = best["torch_2"], c1 = best["opencv_1"], c2 = best["opencv_2"];
            Console.WriteLine(versions);
            Console.WriteLine("| batch | MlNetDl img/s | PyTorch 1 thread | PyTorch 2 threads | OpenCV 1 thread | OpenCV 2 threads | MlNetDl / best PyTorch | MlNetDl / best OpenCV |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {batch} | {ours:F2} | {t1:F2} | {t2:F2} | {c1:F2} | {c2:F2} | {ours / Math.Max(t1, t2):F2}x | {ours / Math.Max(c1, c2):F2}x |"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>One more run with every node timed: time per op type, then the costliest Conv shapes.</summary>
    private static void PrintProfile(OnnxModel model, Dictionary<string, Tensor> feeds)
    {
        var byOp = new Dictionary<string, (int Calls, double Ms)>();
        var byConv = new Dictionary<string, (int Calls, double Ms)>();
        OnnxModel.NodeObserver = (ctx, args, ms) =>
        {
            var (calls, total) = byOp.GetValueOrDefault(ctx.OpType);
            byOp[ctx.OpType] = (calls + 1, total + ms);
            if (ctx.OpType == "Conv" && args is [{ } x, { } w, ..])
            {
                string key = $"in {x.Shape} w {w.Shape}";
                var (n, t) = byConv.GetValueOrDefault(key);
                byConv[key] = (n + 1, t + ms);
            }
        };
        var sw = Stopwatch.StartNew();
        Dispose(model.Run(feeds));
        double forward = sw.Elapsed.TotalMilliseconds;
        OnnxModel.NodeObserver = null;
        var ops = byOp.OrderByDescending(p => p.Value.Ms).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Ms:F0} ms ({p.Value.Calls} nodes, {100 * p.Value.Ms / forward:F0} %)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"profile: forward {forward:F0} ms; ") + string.Join(", ", ops));
        Console.WriteLine("| conv shape | calls | ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (key, v) in byConv.OrderByDescending(p => p.Value.Ms).Take(12))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {key} | {v.Calls} | {v.Ms:F1} |"));
        }
    }

    private static void Dispose(IReadOnlyDictionary<string, Tensor> outputs)
    {
        foreach (var t in outputs.Values)
        {
            t.Dispose();
        }
    }

    private static double ImagesPerSecond(Action run, int batch)
    {
        run();
        run();
        var times = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            times.Add(sw.Elapsed.TotalSeconds);
        }

        times.Sort();
        return batch / times[times.Count / 2];
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
