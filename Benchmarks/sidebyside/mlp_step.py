"""PyTorch side of the MLP training-step benchmark: 784-128-64-10 MLP (ReLU), batch 128, cross-entropy,
Adam(lr=1e-3), one step = zero_grad + forward + backward + step. Timed with 2 threads (the C# side uses both
cores) and with 1 thread, because Debian's torch (OpenMP on top of pthreads OpenBLAS) is several times slower
with 2 threads at these sizes; the comparison uses PyTorch's faster setting. Prints
`torch_ms_per_step=<best of the two medians>` and both medians. Run by `Benchmarks -- mlp-sidebyside`."""
import statistics, sys, time
import torch

torch.manual_seed(0)
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200
model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.rand(128, 784)
y = torch.randint(0, 10, (128,))

def step():
    opt.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(x), y)
    loss.backward()
    opt.step()

def median_ms(threads):
    torch.set_num_threads(threads)
    for _ in range(50):
        step()
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        times.append((time.perf_counter() - t0) / steps * 1000)
    return statistics.median(times)

medians = {t: median_ms(t) for t in (2, 1)}
best = min(medians, key=medians.get)
print(f"torch_ms_per_step={medians[best]:.4f} torch_threads={best} torch_2threads_ms={medians[2]:.4f} torch_1thread_ms={medians[1]:.4f}")
print(f"torch_version={torch.__version__}")
