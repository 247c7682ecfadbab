"""PyTorch side of `Benchmarks -- pool-quick` (Benchmarks/Pool/PoolQuick.cs, same cases and method): max_pool2d
forward (recording, as the C# side) and backward, best of 30 calls after 5 warm-up calls, with 1 and 2 threads.
Run: /usr/bin/python3 Benchmarks/sidebyside/pool.py"""
import time
import torch
import torch.nn.functional as F

CASES = {  # name: shape, kernel, stride, padding
    "MaxPool2d(2) [64, 32, 24, 24]": ((64, 32, 24, 24), 2, 2, 0),
    "MaxPool2d(2) [64, 64, 8, 8]": ((64, 64, 8, 8), 2, 2, 0),
    "MaxPool2d(3, 2, 1) [8, 64, 112, 112]": ((8, 64, 112, 112), 3, 2, 1),
}


def measure(shape, k, s, p):
    x = torch.randn(*shape).requires_grad_()
    best_f = best_b = float("inf")
    for i in range(35):
        t0 = time.perf_counter()
        y = F.max_pool2d(x, k, s, p)
        t1 = time.perf_counter()
        y.backward(torch.ones_like(y))
        t2 = time.perf_counter()
        x.grad = None
        if i >= 5:
            best_f, best_b = min(best_f, t1 - t0), min(best_b, t2 - t1)
    return best_f * 1000, best_b * 1000


for threads in (1, 2):
    torch.set_num_threads(threads)
    for name, (shape, k, s, p) in CASES.items():
        f, b = measure(shape, k, s, p)
        print(f"torch {name}: forward {f:.3f} ms, backward {b:.3f} ms (best of 30, {threads} threads)")
