"""ResNet-50 side of `Benchmarks -- onnx-resnet50` (Benchmarks/Onnx/OnnxResNetSideBySide.cs).

`export PATH`: writes torchvision resnet50(weights=None) (seed 0, BatchNorm statistics randomized so no BN
folds into Identity) as ONNX opset 13 with a dynamic batch, keeping the BatchNormalization nodes.
`time PATH BATCH`: images/second of the same model in PyTorch (1 and 2 threads, no_grad) and of OpenCV DNN
on PATH (1 and 2 threads), each the median of 5 timed batches after 2 warm-ups. Prints key=value lines."""
import statistics, sys, time
import numpy as np
import torch, torchvision


def model():
    torch.manual_seed(0)
    m = torchvision.models.resnet50(weights=None).eval()
    with torch.no_grad():
        for mod in m.modules():
            if isinstance(mod, torch.nn.BatchNorm2d):
                mod.running_mean.uniform_(-0.1, 0.1)
                mod.running_var.uniform_(0.5, 1.5)
                mod.weight.uniform_(0.5, 1.5)
                mod.bias.uniform_(-0.1, 0.1)
    return m


def export(path):
    torch.onnx.export(model(), torch.randn(1, 3, 224, 224), path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13,
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)


def images_per_second(fn, batch):
    for _ in range(2):
        fn()
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return batch / statistics.median(times)


def timings(path, batch):
    x = np.random.default_rng(0).standard_normal((batch, 3, 224, 224), dtype=np.float32)
    m, xt = model(), torch.from_numpy(x)
    print(f"torch_version={torch.__version__} threads_default={torch.get_num_threads()}")
    for threads in (1, 2):
        torch.set_num_threads(threads)
        with torch.no_grad():
            print(f"torch_{threads}={images_per_second(lambda: m(xt), batch):.3f}", flush=True)
    import cv2
    net = cv2.dnn.readNetFromONNX(path)
    for threads in (1, 2):
        cv2.setNumThreads(threads)

        def run():
            net.setInput(x)
            return net.forward()
        out = run()
        if out.shape != (batch, 1000):
            raise SystemExit(f"OpenCV output shape {out.shape}, expected {(batch, 1000)}")
        print(f"opencv_{threads}={images_per_second(run, batch):.3f}", flush=True)
    print(f"opencv_version={cv2.__version__}")


if __name__ == "__main__":
    if sys.argv[1] == "export":
        export(sys.argv[2])
    else:
        timings(sys.argv[2], int(sys.argv[3]))
