using BenchmarkDotNet.Running;

namespace MlNetDl.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Quick side-by-side modes run before BenchmarkDotNet, which would reject their arguments.
        if (args.Length > 0 && args[0] == "sgemm-sidebyside") return Gemm.SgemmSideBySide.Run(args[1..]);
        if (args.Length > 0 && args[0] == "sgemm-threshold") return Gemm.SgemmThreshold.Run();
        if (args.Length > 0 && args[0] == "pool-quick") return Pool.PoolQuick.Run();
        if (args.Length > 0 && args[0] == "fashion-load") return Data.FashionLoad.Run(args[1..]);
        if (args.Length > 0 && args[0] == "mlp-sidebyside") return Mlp.MlpSideBySide.Run(args[1..]);
        if (args.Length > 0 && args[0] == "knn-profile") return Knn.KnnProfile.Run(args[1..]);
        if (args.Length > 0 && args[0] == "pca-profile") return Pca.PcaProfile.Run(args[1..]);
        if (args.Length > 0 && args[0] == "softmax-sidebyside") return Softmax.SoftmaxSideBySide.Run(args[1..]);
        if (args.Length > 0 && args[0] == "knn-sidebyside") return Knn.KnnSideBySide.Run(args[1..]);
        if (args.Length > 0 && args[0] == "pca-sidebyside") return Pca.PcaSideBySide.Run(args[1..]);
        if (args.Length > 0 && args[0] == "cnn-sidebyside") return CnnStep.CnnSideBySide.Run(args[1..]);
        if (args.Length > 0 && args[0] == "conv-sidebyside") return Conv.ConvSideBySide.Run(args[1..]);
        if (args.Length > 0 && args[0] == "conv-parts") return Conv.ConvParts.Run(args[1..]);
        if (args.Length > 0 && args[0] == "onnx-resnet50") return Onnx.OnnxResNetSideBySide.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
