"""PyTorch side of the Conv2d benchmark (Benchmarks/Conv/ConvCase.cs, same cases): forward (the faster of no_grad
and recording), and
forward + backward (weight, bias, and input gradients for hidden-layer cases). Timed with 1 and 2 threads because
Debian's torch (OpenMP over pthreads OpenBLAS) can be slower with 2; the C# side compares with the faster.
Prints `<case>_fwd_<threads>=<ms>` and `<case>_step_<threads>=<ms>`. Run by `Benchmarks -- conv-sidebyside`."""
import sys
import torch
import torch.nn.functional as F
from timing import median_ms

CASES = {  # name: batch, in, out, kernel, size, padding, input grad, stride
    "resnet_3x3_256_14x14_b8": (8, 256, 256, 3, 14, 1, True, 1),
    "resnet_3x3_64_56x56_b8": (8, 64, 64, 3, 56, 1, True, 1),
    "resnet_3x3_128_s2_56to28_b8": (8, 128, 128, 3, 56, 1, True, 2),
    "resnet_1x1_1024to256_14x14_b8": (8, 1024, 256, 1, 14, 0, True, 1),
    "mnist_5x5_1to32_28x28_b64": (64, 1, 32, 5, 28, 0, False, 1),
    "mnist_5x5_32to64_12x12_b64": (64, 32, 64, 5, 12, 0, True, 1),
    "small_3x3_1to8_28x28_b64": (64, 1, 8, 3, 28, 1, False, 1),
    "small_3x3_3to4_32x32_b64": (64, 3, 4, 3, 32, 1, False, 1),
    "pointwise_1x1_64to64_28x28_b16": (16, 64, 64, 1, 28, 0, True, 1),
}



def run(name):
    n, c, o, k, size, pad, input_grad, stride = CASES[name]
    x = torch.rand(n, c, size, size) * 2 - 1
    w = ((torch.rand(o, c, k, k) * 2 - 1) * 0.1).requires_grad_()
    b = ((torch.rand(o) * 2 - 1) * 0.1).requires_grad_()
    x.requires_grad_(input_grad)
    out = (size + 2 * pad - k) // stride + 1
    gy = torch.rand(n, o, out, out) * 2 - 1

    def fwd():
        with torch.no_grad():
            F.conv2d(x, w, b, stride=stride, padding=pad)

    def fwd_recording():  # Debian's torch may pick a different (faster) algorithm when recording
        F.conv2d(x, w, b, stride=stride, padding=pad)

    def step():
        x.grad = w.grad = b.grad = None
        F.conv2d(x, w, b, stride=stride, padding=pad).backward(gy)

    for threads in (1, 2):
        torch.set_num_threads(threads)
        print(f"{name}_fwd_{threads}={min(median_ms(fwd), median_ms(fwd_recording)):.4f}")
        print(f"{name}_step_{threads}={median_ms(step):.4f}")


for name in sys.argv[1:] or CASES:
    run(name)
print(f"torch_version={torch.__version__} mkldnn={torch.backends.mkldnn.is_available()}")
