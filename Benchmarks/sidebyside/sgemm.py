#!/usr/bin/python3
"""Times float32 square matrix products in NumPy (np.dot) and PyTorch (torch.mm, 2 threads).

Prints one JSON object on stdout: {"numpy_blas": ..., "torch_blas": ..., "results": [{"lib", "n", "best_s",
"median_s", "gflops"}]}. GFLOP/s = 2n^3 / best time. Run by `dotnet run -c Release --project Benchmarks --
sgemm-sidebyside`, which unsets OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for this process only.
Usage: sgemm.py [n ...]   (default 256 512 1024 2048)
"""
import json
import sys
import time

import numpy as np


def loaded_blas():
    """The BLAS shared objects actually mapped into this process (the alternatives symlink decides)."""
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if "blas" in path or "lapack" in path or "mkl" in path:
                libs.add(path)
    return sorted(libs)


def bench(fn, n, budget_s=1.0):
    fn()  # warm-up: thread pools, page faults
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < budget_s and len(times) < 50):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    best, median = times[0], times[len(times) // 2]
    return {"n": n, "best_s": best, "median_s": median, "gflops": 2.0 * n ** 3 / best / 1e9}


def main():
    sizes = [int(x) for x in sys.argv[1:]] or [256, 512, 1024, 2048]
    rng = np.random.default_rng(0)
    out = {"results": []}
    for n in sizes:
        a = rng.standard_normal((n, n), dtype=np.float32)
        b = rng.standard_normal((n, n), dtype=np.float32)
        c = np.empty((n, n), dtype=np.float32)
        out["results"].append(dict(lib="numpy", **bench(lambda: np.dot(a, b, out=c), n)))
    out["numpy_blas"] = ", ".join(loaded_blas())
    try:
        import torch
        torch.set_num_threads(2)
        for n in sizes:
            a = torch.randn(n, n)
            b = torch.randn(n, n)
            c = torch.empty(n, n)
            out["results"].append(dict(lib="torch", **bench(lambda: torch.mm(a, b, out=c), n)))
        config = torch.__config__.show().replace(",", " ").split()
        blas_info = [item for item in config if item.startswith(("BLAS_INFO=", "USE_MKLDNN="))]
        out["torch_blas"] = f"torch {torch.__version__}, threads={torch.get_num_threads()}, " + " ".join(blas_info) + \
            " (libblas.so.3 resolves to: " + ", ".join(loaded_blas()) + ")"
    except ImportError as e:
        out["torch_blas"] = f"unavailable ({e})"
    print(json.dumps(out))


if __name__ == "__main__":
    main()
